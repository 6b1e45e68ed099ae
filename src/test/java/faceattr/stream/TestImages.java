package faceattr.stream;

import faceattr.avro.generated.ImageEvent;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small deterministic test images (a face-like drawing) and events, plus the bad inputs the service must refuse. */
final class TestImages {
    /** The top-left pixel colour that {@link PoisonTagger} treats as "this image breaks the model". */
    static final int POISON_RGB = 0xFF00FF;

    private TestImages() {
    }

    static byte[] facePng(int size, long seed) {
        return encode(face(size, seed, false), "png");
    }

    static byte[] poisonPng(int size, long seed) {
        return encode(face(size, seed, true), "png");
    }

    static BufferedImage face(int size, long seed, boolean poison) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(r.nextInt(80), 80 + r.nextInt(100), 120 + r.nextInt(100)));
        g.fillRect(0, 0, size, size);
        int fw = size / 2 + r.nextInt(size / 6);
        int fh = (int) (fw * 1.25);
        int fx = (size - fw) / 2 + r.nextInt(size / 10) - size / 20;
        int fy = (size - fh) / 2;
        g.setColor(new Color(200 + r.nextInt(40), 150 + r.nextInt(40), 120 + r.nextInt(40)));
        g.fillOval(fx, fy, fw, fh);
        g.setColor(Color.DARK_GRAY);
        g.fillOval(fx + fw / 4, fy + fh / 3, fw / 8, fh / 12);
        g.fillOval(fx + fw * 5 / 8, fy + fh / 3, fw / 8, fh / 12);
        g.setColor(new Color(150, 40, 50));
        g.fillArc(fx + fw / 3, fy + fh * 2 / 3, fw / 3, fh / 8, 180, 180);
        g.dispose();
        if (poison) {
            img.setRGB(0, 0, POISON_RGB);
            img.setRGB(1, 0, POISON_RGB);
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static ImageEvent inline(String id, byte[] data) {
        boolean jpeg = data.length > 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8;
        return ImageEvent.newBuilder().setId(id).setSource("test").setData(ByteBuffer.wrap(data))
                .setContentType(jpeg ? "image/jpeg" : "image/png").setMetadata(Map.of("case", id)).build();
    }

    static ImageEvent byUri(String id, String uri) {
        return ImageEvent.newBuilder().setId(id).setSource("test").setUri(uri).build();
    }

    /** A PNG cut in half: the header says PNG, the decoder cannot finish. */
    static byte[] truncatedPng(long seed) {
        byte[] png = facePng(64, seed);
        return Arrays.copyOf(png, png.length / 2);
    }
}
