package faceattr.image;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The image formats the decoder accepts, recognised by their magic bytes (never by a name or a declared type).
 * WebP is recognised always; whether it can be decoded depends on a WebP ImageIO reader being on the classpath.
 */
public enum ImageFormat {
    JPEG("jpeg", Set.of("image/jpeg", "image/jpg", "image/pjpeg")),
    PNG("png", Set.of("image/png", "image/x-png")),
    GIF("gif", Set.of("image/gif")),
    BMP("bmp", Set.of("image/bmp", "image/x-bmp", "image/x-ms-bmp")),
    WEBP("webp", Set.of("image/webp"));

    private final String imageIoName;
    private final Set<String> mediaTypes;

    ImageFormat(String imageIoName, Set<String> mediaTypes) {
        this.imageIoName = imageIoName;
        this.mediaTypes = mediaTypes;
    }

    /** The ImageIO format name used to find a reader. */
    public String imageIoName() {
        return imageIoName;
    }

    /** The canonical media type, e.g. {@code image/jpeg}. */
    public String mediaType() {
        return "image/" + imageIoName;
    }

    /** Whether {@code mediaType} (lower case, without parameters) names this format. */
    public boolean hasMediaType(String mediaType) {
        return mediaTypes.contains(mediaType);
    }

    /** The format named by a media type (lower case, without parameters), if it is one of ours. */
    public static Optional<ImageFormat> forMediaType(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        for (ImageFormat f : values()) {
            if (f.hasMediaType(type)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format the bytes really are, from their signature; empty when none of ours. */
    public static Optional<ImageFormat> sniff(byte[] b) {
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(b, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(GIF);
        }
        if (startsWith(b, 0, 'B', 'M') && isBmpInfoHeaderSize(b)) {
            return Optional.of(BMP);
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** A short human description of what non-image bytes look like, for error messages. */
    static String describeUnknown(byte[] b) {
        if (startsWith(b, 0, '%', 'P', 'D', 'F')) {
            return "a PDF document";
        }
        if (startsWith(b, 0, 'I', 'I', '*', 0) || startsWith(b, 0, 'M', 'M', 0, '*')) {
            return "a TIFF image (not supported)";
        }
        String head = new String(b, 0, Math.min(b.length, 512), java.nio.charset.StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.contains("<svg"))) {
            return "an SVG document (vector images are not supported)";
        }
        if (head.startsWith("<!doctype html") || head.startsWith("<html")) {
            return "an HTML document";
        }
        if (head.startsWith("<?xml")) {
            return "an XML document";
        }
        return "unrecognised bytes";
    }

    /** "BM" alone is too weak a signature (text starts with it); the DIB header size must be a known one. */
    private static boolean isBmpInfoHeaderSize(byte[] b) {
        if (b.length < 18) {
            return false;
        }
        int size = (b[14] & 0xFF) | (b[15] & 0xFF) << 8 | (b[16] & 0xFF) << 16 | (b[17] & 0xFF) << 24;
        return size == 12 || size == 16 || size == 40 || size == 52 || size == 56 || size == 64 || size == 108
                || size == 124;
    }

    private static boolean startsWith(byte[] b, int offset, int... signature) {
        if (b.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((b[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
