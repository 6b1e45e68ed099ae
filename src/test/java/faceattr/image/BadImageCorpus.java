package faceattr.image;

import faceattr.errors.ReasonCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static faceattr.errors.ReasonCode.CORRUPT_IMAGE;
import static faceattr.errors.ReasonCode.FETCH_FAILED;
import static faceattr.errors.ReasonCode.INVALID_EVENT;
import static faceattr.errors.ReasonCode.TOO_LARGE;
import static faceattr.errors.ReasonCode.TOO_SMALL;
import static faceattr.errors.ReasonCode.UNSUPPORTED_FORMAT;
import static faceattr.errors.ReasonCode.URI_NOT_ALLOWED;

/**
 * Image-level bad inputs, each with the reason code {@link ImageDecoder} must give. Reusable by any test that
 * pushes untrusted payloads through the service (e.g. the end-to-end dead-letter test): every case is an
 * (encoded bytes, declared content type) pair as an {@code ImageEvent} would carry them in {@code data} and
 * {@code contentType}.
 *
 * <p>Sizes follow the limits given, so a test can use small limits (Kafka's default max message size is 1 MB;
 * the "oversized payload" case is {@code limits.maxBytes() + 1} bytes). All bytes are generated in memory and
 * deterministic.
 */
public final class BadImageCorpus {

    /**
     * One bad input.
     *
     * @param name                unique, stable, kebab-case (usable as a record id)
     * @param bytes               the payload
     * @param declaredContentType as the event would declare it; null for none
     * @param expected            the reason the decoder must give
     */
    public record Case(String name, byte[] bytes, String declaredContentType, ReasonCode expected) {
        @Override
        public String toString() {
            return name + " -> " + expected;
        }
    }

    /**
     * One bad URI: refused by {@link ImageFetcher} under a policy whose only root is the one given to
     * {@link #uriCases(Path)} and that allows no host on 127.0.0.2. Nothing is ever contacted.
     */
    public record UriCase(String name, String uri, ReasonCode expected) {
        @Override
        public String toString() {
            return name + " -> " + expected;
        }
    }

    private BadImageCorpus() {
    }

    /**
     * URI-level bad inputs for an event's {@code uri}, relative to an allowed root directory. The root should
     * contain nothing named {@code missing.jpg}; the cases never touch anything outside it.
     */
    public static List<UriCase> uriCases(Path allowedRoot) {
        String root = allowedRoot.toAbsolutePath().normalize().toUri().toString().replaceAll("/$", "");
        List<UriCase> c = new ArrayList<>();
        c.add(new UriCase("uri-path-traversal", root + "/../../../etc/passwd", URI_NOT_ALLOWED));
        c.add(new UriCase("uri-encoded-path-traversal", root + "/%2e%2e/%2e%2e/etc/passwd", URI_NOT_ALLOWED));
        c.add(new UriCase("uri-file-outside-roots", "file:///etc/passwd", URI_NOT_ALLOWED));
        c.add(new UriCase("uri-file-with-host", "file://fileserver/share/a.jpg", URI_NOT_ALLOWED));
        c.add(new UriCase("uri-missing-file", root + "/missing.jpg", FETCH_FAILED));
        c.add(new UriCase("uri-disallowed-host", "http://127.0.0.2:9/face.jpg", URI_NOT_ALLOWED));
        c.add(new UriCase("uri-credentials", "http://user:secret@127.0.0.2:9/face.jpg", URI_NOT_ALLOWED));
        c.add(new UriCase("uri-ftp-scheme", "ftp://127.0.0.1/face.jpg", URI_NOT_ALLOWED));
        c.add(new UriCase("uri-jar-scheme", "jar:" + root + "/a.zip!/face.jpg", URI_NOT_ALLOWED));
        c.add(new UriCase("uri-data-scheme", "data:image/png;base64,iVBORw0KGgo=", URI_NOT_ALLOWED));
        c.add(new UriCase("uri-relative", "images/face.jpg", INVALID_EVENT));
        c.add(new UriCase("uri-malformed", "http://exa mple/face.jpg", INVALID_EVENT));
        return c;
    }

    /** The corpus for {@link ImageLimits#defaults()}. */
    public static List<Case> cases() {
        return cases(ImageLimits.defaults());
    }

    /** The corpus for the given limits (which must allow a 64×64 image and have a minimum side above 1). */
    public static List<Case> cases(ImageLimits limits) {
        byte[] jpeg = TestImages.jpeg(TestImages.gradient(96, 64), 0.9f);
        byte[] png = TestImages.png(TestImages.gradient(96, 64));
        byte[] gif = TestImages.encode(TestImages.quadrants(96, 64), "gif");
        long tooManyPixelsSide = (long) Math.ceil(Math.sqrt((double) limits.maxPixels() + 1));
        int hugeSide = (int) Math.min(65_535, Math.max(tooManyPixelsSide, limits.maxSide() + 1L));

        List<Case> c = new ArrayList<>();
        // empty, truncated and damaged files of supported formats
        c.add(new Case("zero-bytes", new byte[0], null, CORRUPT_IMAGE));
        c.add(new Case("jpeg-truncated-half", Arrays.copyOf(jpeg, jpeg.length / 2), "image/jpeg", CORRUPT_IMAGE));
        c.add(new Case("jpeg-soi-only", Arrays.copyOf(jpeg, 4), "image/jpeg", CORRUPT_IMAGE));
        c.add(new Case("jpeg-header-only-no-scan", upToStartOfScan(jpeg), "image/jpeg", CORRUPT_IMAGE));
        c.add(new Case("jpeg-garbage-scan-data", garbageAfterStartOfScan(jpeg), "image/jpeg", CORRUPT_IMAGE));
        c.add(new Case("jpeg-corrupt-huffman-table", corruptHuffmanTable(jpeg), null, CORRUPT_IMAGE));
        c.add(new Case("jpeg-zero-width", TestImages.jpegHeader(0, 64), null, CORRUPT_IMAGE));
        c.add(new Case("png-signature-only", Arrays.copyOf(png, 8), "image/png", CORRUPT_IMAGE));
        c.add(new Case("png-truncated-in-idat", Arrays.copyOf(png, png.length / 2), "image/png", CORRUPT_IMAGE));
        c.add(new Case("png-bad-idat-crc", flipCrcOf(png, "IDAT"), "image/png", CORRUPT_IMAGE));
        c.add(new Case("png-bad-zlib-in-idat", badZlibInIdat(png), "image/png", CORRUPT_IMAGE));
        c.add(new Case("gif-truncated", Arrays.copyOf(gif, gif.length / 2), "image/gif", CORRUPT_IMAGE));
        c.add(new Case("gif-without-frames", TestImages.gifWithoutFrames(64, 64), "image/gif", CORRUPT_IMAGE));
        c.add(new Case("bmp-bogus-header", TestImages.bmpHeader(64, 64, 7, 1), "image/bmp", CORRUPT_IMAGE));
        c.add(new Case("bmp-truncated-pixels", TestImages.bmpHeader(64, 64, 24, 1), "image/bmp", CORRUPT_IMAGE));
        c.add(new Case("webp-garbage-after-header", webpGarbage(), "image/webp", CORRUPT_IMAGE));
        // decompression bombs and size limits
        c.add(new Case("png-huge-declared-dimensions", TestImages.pngHeaderOnly(100_000, 100_000), "image/png",
                TOO_LARGE));
        c.add(new Case("gif-huge-declared-dimensions", TestImages.gifHeader(hugeSide, hugeSide), "image/gif",
                TOO_LARGE));
        c.add(new Case("jpeg-huge-declared-dimensions", TestImages.jpegHeader(hugeSide, hugeSide), "image/jpeg",
                TOO_LARGE));
        c.add(new Case("bmp-huge-declared-dimensions", TestImages.bmpHeader(100_000, 100_000, 24, 1), "image/bmp",
                TOO_LARGE));
        c.add(new Case("webp-huge-declared-dimensions", TestImages.solidWebp(16_384, 16_384, 0xFF808080),
                "image/webp", limits.maxPixels() < 16_384L * 16_384 || limits.maxSide() < 16_384 ? TOO_LARGE : null));
        c.add(new Case("oversized-payload", Arrays.copyOf(png, (int) Math.min(Integer.MAX_VALUE - 8,
                limits.maxBytes() + 1)), "image/png", TOO_LARGE));
        c.add(new Case("one-pixel-png", TestImages.png(TestImages.quadrants(1, 1)), "image/png", TOO_SMALL));
        c.add(new Case("thin-strip-jpeg", TestImages.jpeg(TestImages.gradient(200, Math.max(1,
                limits.minSide() - 1))), "image/jpeg", TOO_SMALL));
        // not images at all
        c.add(new Case("plain-text", ascii("Hello, this is not an image.\n"), "text/plain", UNSUPPORTED_FORMAT));
        c.add(new Case("text-declared-as-jpeg", ascii("definitely a jpeg, trust me"), "image/jpeg",
                UNSUPPORTED_FORMAT));
        c.add(new Case("html-page", ascii("<!DOCTYPE html><html><body><img src=x></body></html>"), null,
                UNSUPPORTED_FORMAT));
        c.add(new Case("pdf-header", ascii("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
                null, UNSUPPORTED_FORMAT));
        c.add(new Case("svg-document", ascii("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"64\" height=\"64\"><rect width=\"64\" height=\"64\"/></svg>"), "image/svg+xml",
                UNSUPPORTED_FORMAT));
        c.add(new Case("tiff-header", new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0}, null, UNSUPPORTED_FORMAT));
        c.add(new Case("zip-archive", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0}, null, UNSUPPORTED_FORMAT));
        c.add(new Case("random-bytes", randomBytes(4096), null, UNSUPPORTED_FORMAT));
        c.add(new Case("bmp-magic-in-text", ascii("BMW 330i, 2019, low mileage, one owner"), null,
                UNSUPPORTED_FORMAT));
        // the event's declared content type
        c.add(new Case("png-declared-as-jpeg", png, "image/jpeg", INVALID_EVENT));
        c.add(new Case("jpeg-declared-as-webp", jpeg, "image/webp", INVALID_EVENT));
        c.add(new Case("malformed-content-type", jpeg, "jpeg; not a media type", INVALID_EVENT));
        c.add(new Case("jpeg-declared-as-pdf", jpeg, "application/pdf", UNSUPPORTED_FORMAT));
        c.add(new Case("jpeg-declared-as-tiff", jpeg, "image/tiff", UNSUPPORTED_FORMAT));
        return c.stream().filter(x -> x.expected() != null).toList();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(20151207).nextBytes(b);
        b[0] = 0x42; // 'B' followed by random bytes: not "BM" with a known header size, not any other signature
        b[1] = 0x00;
        return b;
    }

    private static int startOfScan(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                return i;
            }
        }
        throw new IllegalStateException("no SOS marker");
    }

    private static byte[] upToStartOfScan(byte[] jpeg) {
        return Arrays.copyOf(jpeg, startOfScan(jpeg));
    }

    /** Entropy-coded data overwritten with random bytes (markers appear in it at random). */
    private static byte[] garbageAfterStartOfScan(byte[] jpeg) {
        byte[] b = jpeg.clone();
        Random random = new Random(7);
        int from = startOfScan(jpeg) + 20;
        for (int i = from; i < Math.min(b.length - 2, from + 400); i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    /** The first DHT segment's code counts set to 0xFF: more codes than fit in 16 bits. */
    private static byte[] corruptHuffmanTable(byte[] jpeg) {
        byte[] b = jpeg.clone();
        for (int i = 2; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xC4) {
                for (int k = 0; k < 16; k++) {
                    b[i + 5 + k] = (byte) 0xFF;
                }
                return b;
            }
        }
        throw new IllegalStateException("no DHT marker");
    }

    private static int chunk(byte[] png, String type) {
        int pos = 8;
        while (pos + 8 <= png.length) {
            int length = (png[pos] & 0xFF) << 24 | (png[pos + 1] & 0xFF) << 16 | (png[pos + 2] & 0xFF) << 8
                    | (png[pos + 3] & 0xFF);
            if (new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1).equals(type)) {
                return pos;
            }
            pos += 12 + length;
        }
        throw new IllegalStateException("no " + type + " chunk");
    }

    private static int chunkLength(byte[] png, int pos) {
        return (png[pos] & 0xFF) << 24 | (png[pos + 1] & 0xFF) << 16 | (png[pos + 2] & 0xFF) << 8
                | (png[pos + 3] & 0xFF);
    }

    /** One bit of the chunk's stored CRC flipped; its data intact. */
    private static byte[] flipCrcOf(byte[] png, String type) {
        byte[] b = png.clone();
        int pos = chunk(b, type);
        b[pos + 8 + chunkLength(b, pos)] ^= 0x01;
        return b;
    }

    /** IDAT data replaced by bytes that are not a zlib stream, with a CRC that matches them. */
    private static byte[] badZlibInIdat(byte[] png) {
        int pos = chunk(png, "IDAT");
        int length = chunkLength(png, pos);
        byte[] garbage = new byte[length];
        Arrays.fill(garbage, (byte) 0x5A);
        byte[] head = Arrays.copyOf(png, pos);
        byte[] tail = Arrays.copyOfRange(png, pos + 12 + length, png.length);
        return TestImages.concat(head, TestImages.pngChunk("IDAT", garbage), tail);
    }

    /** A RIFF/WEBP container whose VP8 chunk holds no valid bitstream. */
    private static byte[] webpGarbage() {
        byte[] webp = TestImages.solidWebp(64, 64, 0xFF336699);
        byte[] b = webp.clone();
        for (int i = 20; i < b.length; i++) {
            b[i] = (byte) 0xA5;
        }
        return b;
    }
}
