package faceattr.image;

import java.util.Optional;

/**
 * Width and height read straight from the fixed-offset headers of PNG, GIF and BMP, so that a bomb is refused as
 * too large even where an ImageIO reader would fail on it in its own way first (the JDK BMP reader, for one,
 * throws on sizes whose byte count overflows an int). JPEG and WebP sizes come from their readers' header parsing.
 */
final class HeaderSize {
    private HeaderSize() {
    }

    /** {width, height} when the header holds them at known offsets; empty when not (or too short to say). */
    static Optional<long[]> peek(ImageFormat format, byte[] b) {
        return switch (format) {
            case PNG -> b.length >= 24 ? Optional.of(new long[] {u32be(b, 16), u32be(b, 20)}) : Optional.empty();
            case GIF -> b.length >= 10 ? Optional.of(new long[] {u16le(b, 6), u16le(b, 8)}) : Optional.empty();
            case BMP -> bmp(b);
            default -> Optional.empty();
        };
    }

    private static Optional<long[]> bmp(byte[] b) {
        if (b.length < 26) {
            return Optional.empty();
        }
        long dibSize = u32le(b, 14);
        if (dibSize == 12) { // BITMAPCOREHEADER: 16-bit sizes
            return Optional.of(new long[] {u16le(b, 18), u16le(b, 20)});
        }
        // BITMAPINFOHEADER and later: signed 32-bit; a negative height means a top-down bitmap
        long w = (int) u32le(b, 18);
        long h = (int) u32le(b, 22);
        return Optional.of(new long[] {Math.abs(w), Math.abs(h)});
    }

    private static long u32be(byte[] b, int i) {
        return (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFFL) << 16 | (b[i + 2] & 0xFFL) << 8 | (b[i + 3] & 0xFFL);
    }

    private static long u32le(byte[] b, int i) {
        return (b[i + 3] & 0xFFL) << 24 | (b[i + 2] & 0xFFL) << 16 | (b[i + 1] & 0xFFL) << 8 | (b[i] & 0xFFL);
    }

    private static long u16le(byte[] b, int i) {
        return (b[i + 1] & 0xFFL) << 8 | (b[i] & 0xFFL);
    }
}
