package faceattr.image;

/**
 * Limits checked before and while decoding untrusted images.
 *
 * @param maxBytes      largest encoded size accepted
 * @param maxPixels     largest width × height accepted, read from the header before any pixel buffer exists
 * @param maxSide       largest width or height accepted
 * @param minSide       smallest width or height accepted (a face needs some pixels)
 * @param decodeTimeoutMs wall-clock limit for one decode
 */
public record ImageLimits(long maxBytes, long maxPixels, int maxSide, int minSide, long decodeTimeoutMs) {

    /** Defaults for a tagging service: 20 MB, 40 megapixels, 16384 px per side, 16 px minimum, 5 s. */
    public static ImageLimits defaults() {
        return new ImageLimits(20L << 20, 40_000_000L, 16_384, 16, 5_000);
    }
}
