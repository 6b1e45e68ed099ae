package faceattr.image;

import faceattr.errors.ReasonCode;
import faceattr.errors.RejectedInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.Map;

import static faceattr.image.TestImages.channelDistance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {
    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;
    private static final int WHITE = 0xFFFFFF;

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "gif", "jpeg"})
    void decodesEachFormatToRgbWithTheRightPixels(String format) throws Exception {
        byte[] bytes = TestImages.encode(TestImages.quadrants(64, 48), format);
        BufferedImage img = decoder.decode(bytes, "image/" + format);
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
        assertEquals(64, img.getWidth());
        assertEquals(48, img.getHeight());
        int tolerance = format.equals("jpeg") ? 24 : 0;
        assertColour(RED, img.getRGB(8, 8), tolerance);
        assertColour(GREEN, img.getRGB(56, 8), tolerance);
        assertColour(BLUE, img.getRGB(8, 40), tolerance);
        assertColour(WHITE, img.getRGB(56, 40), tolerance);
    }

    @Test
    void decodesTheFirstFrameOfAnAnimatedGif() throws Exception {
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("gif").next();
        var out = new java.io.ByteArrayOutputStream();
        try (var ios = javax.imageio.ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (Color c : new Color[] {Color.RED, Color.BLUE, Color.GREEN}) {
                BufferedImage frame = new BufferedImage(30, 20, BufferedImage.TYPE_BYTE_INDEXED);
                var g = frame.createGraphics();
                g.setColor(c);
                g.fillRect(0, 0, 30, 20);
                g.dispose();
                writer.writeToSequence(new javax.imageio.IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        BufferedImage img = decoder.decode(out.toByteArray(), "image/gif");
        assertEquals(30, img.getWidth());
        assertColour(RED, img.getRGB(15, 10), 0);
    }

    @Test
    void decodesLosslessWebpWhenItsReaderIsInstalled() throws Exception {
        BufferedImage img = decoder.decode(TestImages.solidWebp(40, 30, 0xFF1E90FF), "image/webp");
        assertEquals(40, img.getWidth());
        assertEquals(30, img.getHeight());
        assertColour(0x1E90FF, img.getRGB(39, 29), 0);
    }

    @Test
    void compositesTransparentWebpOntoWhite() throws Exception {
        BufferedImage img = decoder.decode(TestImages.solidWebp(20, 20, 0x00000000));
        assertColour(WHITE, img.getRGB(10, 10), 0);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void decodesCmykAndYcckJpegsThroughTheirColourProfile(boolean ycck) throws Exception {
        // Pure magenta + yellow ink = red; through a CMYK press profile it is a slightly dull red.
        byte[] bytes = TestImages.adobeFourChannelJpeg(32, 24, 0, 255, 255, 0, ycck);
        BufferedImage img = decoder.decode(bytes, "image/jpeg");
        assertEquals(32, img.getWidth());
        int rgb = img.getRGB(16, 12);
        int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        assertTrue(r > 200 && g < 90 && b < 90, "expected red, got " + Integer.toHexString(rgb));
    }

    @Test
    void decodesGreyscale8And16BitPngsWithoutShiftingTones() throws Exception {
        BufferedImage g8 = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage g16 = new BufferedImage(32, 32, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                g8.getRaster().setSample(x, y, 0, x < 16 ? 64 : 200);
                g16.getRaster().setSample(x, y, 0, (x < 16 ? 64 : 200) * 257);
            }
        }
        for (BufferedImage grey : new BufferedImage[] {g8, g16}) {
            BufferedImage img = decoder.decode(TestImages.png(grey));
            assertColour(0x404040, img.getRGB(4, 4), 1);
            assertColour(0xC8C8C8, img.getRGB(28, 4), 1);
        }
    }

    @Test
    void decodes16BitRgbaPngAndCompositesAlphaOntoWhite() throws Exception {
        var cm = new java.awt.image.ComponentColorModel(java.awt.color.ColorSpace.getInstance(
                java.awt.color.ColorSpace.CS_sRGB), new int[] {16, 16, 16, 16}, true, false,
                java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_USHORT);
        var raster = cm.createCompatibleWritableRaster(20, 20);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                // left half: opaque blue; right half: fully transparent black
                raster.setPixel(x, y, x < 10 ? new int[] {0, 0, 65535, 65535} : new int[] {0, 0, 0, 0});
            }
        }
        BufferedImage rgba16 = new BufferedImage(cm, raster, false, null);
        BufferedImage img = decoder.decode(TestImages.png(rgba16), "image/png");
        assertColour(BLUE, img.getRGB(2, 10), 0);
        assertColour(WHITE, img.getRGB(17, 10), 0);
    }

    @Test
    void decodesPalettePngWithTransparentIndexOntoWhite() throws Exception {
        byte[] r = {(byte) 255, 0};
        byte[] g = {0, 0};
        byte[] b = {0, 0};
        byte[] a = {(byte) 255, 0};
        BufferedImage palette = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(1, 2, r, g, b, a));
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                palette.getRaster().setSample(x, y, 0, y < 10 ? 0 : 1);
            }
        }
        BufferedImage img = decoder.decode(TestImages.png(palette));
        assertColour(RED, img.getRGB(5, 2), 0);
        assertColour(WHITE, img.getRGB(5, 18), 0);
    }

    /**
     * Source 64×32 quadrants (red, green / blue, white) stored with each EXIF orientation; the colours expected at
     * the displayed top-left, top-right and bottom-left corners after applying it.
     */
    @ParameterizedTest(name = "orientation {0}, big-endian {5}")
    @CsvSource({
            "1, 64, 32, RED,   GREEN, BLUE,  false",
            "2, 64, 32, GREEN, RED,   WHITE, true",
            "3, 64, 32, WHITE, BLUE,  GREEN, false",
            "4, 64, 32, BLUE,  WHITE, RED,   true",
            "5, 32, 64, RED,   BLUE,  GREEN, false",
            "6, 32, 64, BLUE,  RED,   WHITE, true",
            "6, 32, 64, BLUE,  RED,   WHITE, false",
            "7, 32, 64, WHITE, GREEN, BLUE,  true",
            "8, 32, 64, GREEN, WHITE, RED,   false",
    })
    void appliesExifOrientation(int orientation, int width, int height, String topLeft, String topRight,
                                String bottomLeft, boolean bigEndian) throws Exception {
        byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(TestImages.quadrants(64, 32)), orientation,
                bigEndian);
        assertEquals(orientation, ExifOrientation.ofJpeg(jpeg));
        BufferedImage img = decoder.decode(jpeg, "image/jpeg");
        assertEquals(width, img.getWidth(), "width");
        assertEquals(height, img.getHeight(), "height");
        assertColour(colour(topLeft), img.getRGB(4, 4), 24);
        assertColour(colour(topRight), img.getRGB(width - 5, 4), 24);
        assertColour(colour(bottomLeft), img.getRGB(4, height - 5), 24);
    }

    @Test
    void ignoresMalformedExifInsteadOfRejectingTheImage() throws Exception {
        byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(TestImages.quadrants(64, 32)), 6, false);
        int tiffStart = 4 + 2 + 2 + 6; // SOI, APP1 marker, length, "Exif\0\0"
        jpeg[tiffStart + 4] = (byte) 0xF0; // IFD0 offset far outside the segment
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.ofJpeg(jpeg));
        BufferedImage img = decoder.decode(jpeg);
        assertEquals(64, img.getWidth());
        assertColour(RED, img.getRGB(4, 4), 24);
    }

    @Test
    void refusesDecompressionBombsFromTheHeaderAlone() {
        // 100000² RGB would need 40 GB of pixels; the test JVM has a few GB, so any allocation would fail loudly.
        assertReason(ReasonCode.TOO_LARGE, TestImages.pngHeaderOnly(100_000, 100_000), null);
        assertReason(ReasonCode.TOO_LARGE, TestImages.gifHeader(65_535, 65_535), null);
        assertReason(ReasonCode.TOO_LARGE, TestImages.jpegHeader(65_535, 65_535), null);
        assertReason(ReasonCode.TOO_LARGE, TestImages.bmpHeader(100_000, 100_000, 24, 1), null);
        assertReason(ReasonCode.TOO_LARGE, TestImages.solidWebp(16_384, 16_384, 0xFF000000), null);
        // within the side limit but above the pixel budget
        ImageDecoder small = new ImageDecoder(new ImageLimits(1 << 20, 10_000, 1000, 16, 5_000));
        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> small.decode(TestImages.pngHeaderOnly(200, 200)));
        assertEquals(ReasonCode.TOO_LARGE, e.reason());
    }

    @Test
    void refusesImagesBelowTheMinimumSide() {
        assertReason(ReasonCode.TOO_SMALL, TestImages.png(TestImages.quadrants(64, 8)), "image/png");
        assertReason(ReasonCode.TOO_SMALL, TestImages.png(TestImages.quadrants(1, 1)), null);
    }

    @Test
    void refusesPayloadsAboveTheByteLimitBeforeLookingAtThem() {
        ImageDecoder tiny = new ImageDecoder(new ImageLimits(100, 40_000_000, 16_384, 16, 5_000));
        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> tiny.decode(TestImages.png(TestImages.quadrants(64, 64))));
        assertEquals(ReasonCode.TOO_LARGE, e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg"})
    void abortsDecodingPastTheTimeLimit(String format) {
        byte[] big = TestImages.encode(TestImages.gradient(2000, 2000), format);
        ImageDecoder hurried = new ImageDecoder(ImageLimits.defaults().withDecodeTimeoutMs(1));
        RejectedInputException e = assertThrows(RejectedInputException.class, () -> hurried.decode(big));
        assertEquals(ReasonCode.DECODE_TIMEOUT, e.reason(), e.getMessage());
    }

    @Test
    void checksTheDeclaredContentTypeAgainstTheRealFormat() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.quadrants(32, 32));
        assertEquals(32, decoder.decode(jpeg, "image/jpeg").getWidth());
        assertEquals(32, decoder.decode(jpeg, " IMAGE/JPG ; q=0.9").getWidth());
        assertEquals(32, decoder.decode(jpeg, "application/octet-stream").getWidth());
        assertEquals(32, decoder.decode(jpeg, "binary/octet-stream").getWidth());
        assertEquals(32, decoder.decode(jpeg, "").getWidth());
        assertReason(ReasonCode.INVALID_EVENT, jpeg, "image/png");
        assertReason(ReasonCode.INVALID_EVENT, jpeg, "jpeg please");
        assertReason(ReasonCode.UNSUPPORTED_FORMAT, jpeg, "application/pdf");
        assertReason(ReasonCode.UNSUPPORTED_FORMAT, jpeg, "image/tiff");
    }

    @Test
    void sniffsTheFormatFromMagicBytesOnly() {
        assertEquals(ImageFormat.PNG, ImageFormat.sniff(TestImages.png(TestImages.quadrants(20, 20))).orElseThrow());
        assertEquals(ImageFormat.WEBP, ImageFormat.sniff(TestImages.solidWebp(20, 20, -1)).orElseThrow());
        assertTrue(ImageFormat.sniff("BMW is a car brand, not a bitmap".getBytes()).isEmpty());
    }

    @Test
    void oneDecoderServesManyThreadsAtOnce() throws Exception {
        byte[] png = TestImages.png(TestImages.quadrants(64, 48));
        byte[] jpeg = TestImages.jpeg(TestImages.quadrants(64, 48));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<BufferedImage>>();
            for (int i = 0; i < 32; i++) {
                byte[] bytes = i % 2 == 0 ? png : jpeg;
                results.add(pool.submit(() -> decoder.decode(bytes)));
            }
            for (var r : results) {
                assertColour(RED, r.get().getRGB(8, 8), 24);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readsLimitsFromKafkaStyleConfig() {
        ImageLimits limits = ImageLimits.fromConfig(Map.of(ImageLimits.MAX_BYTES_CONFIG, "1000",
                ImageLimits.DECODE_TIMEOUT_MS_CONFIG, 250, "unrelated.key", "x"));
        assertEquals(1000, limits.maxBytes());
        assertEquals(250, limits.decodeTimeoutMs());
        assertEquals(ImageLimits.DEFAULT_MAX_PIXELS, limits.maxPixels());
        assertThrows(IllegalArgumentException.class,
                () -> ImageLimits.fromConfig(Map.of(ImageLimits.MAX_PIXELS_CONFIG, "-1")));
        assertThrows(IllegalArgumentException.class,
                () -> ImageLimits.fromConfig(Map.of(ImageLimits.MIN_SIDE_CONFIG, "lots")));
    }

    private void assertReason(ReasonCode expected, byte[] bytes, String contentType) {
        RejectedInputException e = assertThrows(RejectedInputException.class, () -> decoder.decode(bytes, contentType));
        assertEquals(expected, e.reason(), e.getMessage());
    }

    private static int colour(String name) {
        return switch (name) {
            case "RED" -> RED;
            case "GREEN" -> GREEN;
            case "BLUE" -> BLUE;
            case "WHITE" -> WHITE;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static void assertColour(int expected, int actual, int tolerance) {
        assertTrue(channelDistance(expected, actual) <= tolerance, "expected ~" + new Color(expected) + " got "
                + new Color(actual));
    }
}
