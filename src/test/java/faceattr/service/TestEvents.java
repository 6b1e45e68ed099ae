package faceattr.service;

import faceattr.avro.generated.ImageEvent;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;

/** Image events for the server tests: a small PNG with a face-coloured oval, or text that is not an image. */
final class TestEvents {
    private TestEvents() {
    }

    static ImageEvent face(String id, long seed) {
        return inline(id, png(seed));
    }

    static ImageEvent notAnImage(String id) {
        return inline(id, ("not an image " + id).getBytes(StandardCharsets.UTF_8));
    }

    static ImageEvent inline(String id, byte[] data) {
        return ImageEvent.newBuilder().setId(id).setSource("server-test").setData(ByteBuffer.wrap(data)).build();
    }

    static byte[] png(long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(40, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(r.nextInt(0xFFFFFF)));
        g.fillRect(0, 0, 40, 48);
        g.setColor(new Color(210, 160, 130));
        g.fillOval(10, 8, 20, 28);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
