package faceattr.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Real encoded test images, built in memory: encoders from ImageIO, and hand-made headers and segments. */
public final class TestImages {
    private TestImages() {
    }

    /** A w×h image: four solid quadrants red (top-left), green (top-right), blue (bottom-left), white. */
    public static BufferedImage quadrants(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h / 2);
        g.setColor(Color.GREEN);
        g.fillRect(w / 2, 0, w - w / 2, h / 2);
        g.setColor(Color.BLUE);
        g.fillRect(0, h / 2, w / 2, h - h / 2);
        g.setColor(Color.WHITE);
        g.fillRect(w / 2, h / 2, w - w / 2, h - h / 2);
        g.dispose();
        return img;
    }

    /** A smooth colourful w×h image (gradients compress poorly, so decoding takes real work). */
    public static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | ((x ^ y) & 0xFF));
            }
        }
        return img;
    }

    public static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and " + img.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] png(BufferedImage img) {
        return encode(img, "png");
    }

    public static byte[] jpeg(BufferedImage img) {
        return jpeg(img, 0.95f);
    }

    public static byte[] jpeg(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        return write(writer, new IIOImage(img, null, null), param);
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A solid-colour Adobe JPEG with 4 channels: transform 0 (CMYK, stored inverted as Photoshop does) or
     * 2 (YCCK). The encoder writes the 4 channels as given; the Adobe APP14 segment tells readers what they are.
     */
    public static byte[] adobeFourChannelJpeg(int w, int h, int c, int m, int y, int k, boolean ycck) {
        int[] stored = {255 - c, 255 - m, 255 - y, 255 - k};
        if (ycck) { // as libjpeg's cmyk_ycck_convert: YCbCr of (255 - stored CMY) taken as RGB, K unchanged
            double r = 255 - stored[0], g = 255 - stored[1], b = 255 - stored[2];
            stored[0] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
            stored[1] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
            stored[2] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        }
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int yy = 0; yy < h; yy++) {
            for (int xx = 0; xx < w; xx++) {
                raster.setPixel(xx, yy, stored);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(1f);
        byte[] raw = write(writer, new IIOImage(raster, null, null), param);
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0,
                (byte) (ycck ? 2 : 0)};
        return insertAfterSoi(raw, adobe);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** The JPEG with its JFIF APP0 removed and an EXIF APP1 segment (IFD0 with one orientation entry) added. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean bigEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(bigEndian ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        tiff.put(bigEndian ? (byte) 'M' : (byte) 'I').put(bigEndian ? (byte) 'M' : (byte) 'I');
        tiff.putShort((short) 42).putInt(8);
        tiff.putShort((short) 1); // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] exifHeader = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exifHeader.length + tiff.capacity();
        ByteBuffer app1 = ByteBuffer.allocate(2 + length);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(exifHeader).put(tiff.array());
        return insertAfterSoi(withoutJfif(jpeg), app1.array());
    }

    private static byte[] withoutJfif(byte[] jpeg) {
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            int len = (jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF);
            byte[] out = new byte[jpeg.length - 2 - len];
            System.arraycopy(jpeg, 0, out, 0, 2);
            System.arraycopy(jpeg, 4 + len, out, 2, jpeg.length - 4 - len);
            return out;
        }
        return jpeg;
    }

    static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    /** A PNG with a valid signature, IHDR (given size, 8-bit RGB) and IEND, but no pixel data. */
    public static byte[] pngHeaderOnly(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
                pngChunk("IHDR", ihdr.array()), pngChunk("IDAT", deflatedZeros(64)), pngChunk("IEND", new byte[0]));
    }

    static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    private static byte[] deflatedZeros(int n) {
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        d.setInput(new byte[n]);
        d.finish();
        byte[] buf = new byte[n + 64];
        int len = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, len);
    }

    /** A GIF89a whose logical screen and first frame declare w×h, with a tiny LZW body. */
    public static byte[] gifHeader(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.ISO_8859_1));
        b.putShort((short) w).putShort((short) h).put((byte) 0x80).put((byte) 0).put((byte) 0); // 2-colour table
        b.put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) w).putShort((short) h)
                .put((byte) 0);
        b.put((byte) 2).put((byte) 2).put((byte) 0x4C).put((byte) 0x01).put((byte) 0); // LZW min 2, clear+EOI
        b.put((byte) 0x3B);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** A GIF with a valid header and colour table but no image descriptor at all: zero frames. */
    public static byte[] gifWithoutFrames(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.ISO_8859_1));
        b.putShort((short) w).putShort((short) h).put((byte) 0x80).put((byte) 0).put((byte) 0);
        b.put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        b.put((byte) 0x3B);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** A 24-bit BMP header (BITMAPINFOHEADER) declaring w×h, followed by only a few pixel bytes. */
    public static byte[] bmpHeader(int w, int h, int bitsPerPixel, int planes) {
        ByteBuffer b = ByteBuffer.allocate(54 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + 16).putInt(0).putInt(54);
        b.putInt(40).putInt(w).putInt(h).putShort((short) planes).putShort((short) bitsPerPixel).putInt(0)
                .putInt(0).putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }

    /** A baseline JPEG's SOI + SOF0 declaring w×h (16-bit fields, so at most 65535), then EOI: no tables, no scan. */
    public static byte[] jpegHeader(int w, int h) {
        return new byte[] {(byte) 0xFF, (byte) 0xD8,
                (byte) 0xFF, (byte) 0xC0, 0, 17, 8, (byte) (h >> 8), (byte) h, (byte) (w >> 8), (byte) w, 3,
                1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
                (byte) 0xFF, (byte) 0xD9};
    }

    /**
     * A lossless WebP (VP8L) of one solid ARGB colour, any size up to 16384×16384: every prefix code is a
     * "simple code" with a single symbol, so pixels take zero bits and the file is a few dozen bytes.
     */
    public static byte[] solidWebp(int w, int h, int argb) {
        BitWriter bits = new BitWriter();
        bits.write(0x2F, 8);                 // VP8L signature
        bits.write(w - 1, 14);
        bits.write(h - 1, 14);
        bits.write(1, 1);                    // alpha is used
        bits.write(0, 3);                    // version
        bits.write(0, 1);                    // no transform
        bits.write(0, 1);                    // no colour cache
        bits.write(0, 1);                    // no meta prefix codes
        int[] symbols = {(argb >> 8) & 0xFF, (argb >> 16) & 0xFF, argb & 0xFF, (argb >>> 24) & 0xFF, 0};
        for (int symbol : symbols) {         // green, red, blue, alpha, distance
            bits.write(1, 1);                // simple code
            bits.write(0, 1);                // one symbol
            bits.write(1, 1);                // 8-bit symbol
            bits.write(symbol, 8);
        }
        byte[] vp8l = bits.toBytes();
        int padded = vp8l.length + (vp8l.length & 1);
        ByteBuffer b = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(12 + padded)
                .put("WEBP".getBytes(StandardCharsets.ISO_8859_1))
                .put("VP8L".getBytes(StandardCharsets.ISO_8859_1)).putInt(vp8l.length).put(vp8l);
        return b.array();
    }

    /** LSB-first bit packing, as VP8L reads its bit stream. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int n;

        void write(int value, int bitCount) {
            acc |= ((long) value & ((1L << bitCount) - 1)) << n;
            n += bitCount;
            while (n >= 8) {
                out.write((int) (acc & 0xFF));
                acc >>>= 8;
                n -= 8;
            }
        }

        byte[] toBytes() {
            if (n > 0) {
                out.write((int) (acc & 0xFF));
                acc = 0;
                n = 0;
            }
            return out.toByteArray();
        }
    }

    public static byte[] concat(byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] out = new byte[len];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    /** Asserts-friendly colour distance: the largest per-channel difference. */
    public static int channelDistance(int rgb1, int rgb2) {
        int dr = Math.abs(((rgb1 >> 16) & 0xFF) - ((rgb2 >> 16) & 0xFF));
        int dg = Math.abs(((rgb1 >> 8) & 0xFF) - ((rgb2 >> 8) & 0xFF));
        int db = Math.abs((rgb1 & 0xFF) - (rgb2 & 0xFF));
        return Math.max(dr, Math.max(dg, db));
    }
}
