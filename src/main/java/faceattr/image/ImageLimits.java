package faceattr.image;

import faceattr.config.ConfigValues;

import java.util.Map;

/**
 * Limits checked before and while decoding untrusted images.
 *
 * @param maxBytes        largest encoded size accepted ({@value #MAX_BYTES_CONFIG})
 * @param maxPixels       largest width × height accepted, read from the header before any pixel buffer exists
 *                        ({@value #MAX_PIXELS_CONFIG})
 * @param maxSide         largest width or height accepted ({@value #MAX_SIDE_CONFIG})
 * @param minSide         smallest width or height accepted: a face needs some pixels ({@value #MIN_SIDE_CONFIG})
 * @param decodeTimeoutMs wall-clock limit for one decode, header to RGB pixels ({@value #DECODE_TIMEOUT_MS_CONFIG})
 */
public record ImageLimits(long maxBytes, long maxPixels, int maxSide, int minSide, long decodeTimeoutMs) {

    public static final String MAX_BYTES_CONFIG = "image.max.bytes";
    public static final String MAX_PIXELS_CONFIG = "image.max.pixels";
    public static final String MAX_SIDE_CONFIG = "image.max.side";
    public static final String MIN_SIDE_CONFIG = "image.min.side";
    public static final String DECODE_TIMEOUT_MS_CONFIG = "image.decode.timeout.ms";

    public static final long DEFAULT_MAX_BYTES = 20L << 20;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    public static final int DEFAULT_MAX_SIDE = 16_384;
    public static final int DEFAULT_MIN_SIDE = 16;
    public static final long DEFAULT_DECODE_TIMEOUT_MS = 5_000;

    public ImageLimits {
        requirePositive(MAX_BYTES_CONFIG, maxBytes);
        requirePositive(MAX_PIXELS_CONFIG, maxPixels);
        requirePositive(MAX_SIDE_CONFIG, maxSide);
        requirePositive(MIN_SIDE_CONFIG, minSide);
        requirePositive(DECODE_TIMEOUT_MS_CONFIG, decodeTimeoutMs);
        if (minSide > maxSide) {
            throw new IllegalArgumentException(MIN_SIDE_CONFIG + " (" + minSide + ") exceeds " + MAX_SIDE_CONFIG
                    + " (" + maxSide + ")");
        }
    }

    /** Defaults for a tagging service: 20 MiB, 40 megapixels, 16384 px per side, 16 px minimum side, 5 s. */
    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_MAX_SIDE, DEFAULT_MIN_SIDE,
                DEFAULT_DECODE_TIMEOUT_MS);
    }

    /**
     * Limits from Kafka-style configuration ({@code image.*} keys, values as strings or numbers);
     * absent keys take their defaults, other keys are ignored.
     */
    public static ImageLimits fromConfig(Map<String, ?> config) {
        return new ImageLimits(
                ConfigValues.getLong(config, MAX_BYTES_CONFIG, DEFAULT_MAX_BYTES),
                ConfigValues.getLong(config, MAX_PIXELS_CONFIG, DEFAULT_MAX_PIXELS),
                ConfigValues.getInt(config, MAX_SIDE_CONFIG, DEFAULT_MAX_SIDE),
                ConfigValues.getInt(config, MIN_SIDE_CONFIG, DEFAULT_MIN_SIDE),
                ConfigValues.getLong(config, DECODE_TIMEOUT_MS_CONFIG, DEFAULT_DECODE_TIMEOUT_MS));
    }

    /** A copy with another decode time limit. */
    public ImageLimits withDecodeTimeoutMs(long timeoutMs) {
        return new ImageLimits(maxBytes, maxPixels, maxSide, minSide, timeoutMs);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
