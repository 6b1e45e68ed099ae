package faceattr.image;

import faceattr.geometry.Box;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnotatorTest {

    @Test
    void keepsTheImageSizeAndChangesPixelsInsideTheBoxOnly() throws Exception {
        BufferedImage photo = uniform(320, 240, 0x808080);
        Box box = new Box(100, 60, 80, 90);
        BufferedImage out = Annotator.annotate(photo, List.of(box), List.of(List.of()), null);
        assertEquals(320, out.getWidth());
        assertEquals(240, out.getHeight());
        assertTrue(changed(photo, out, new Rectangle(100, 60, 80, 90)) > 300, "box outline not drawn inside the box");
        assertEquals(0, changed(photo, out, new Rectangle(0, 0, 320, 55)), "drew outside the box");
        assertEquals(0x808080, photo.getRGB(100, 60) & 0xFFFFFF, "input was modified");

        BufferedImage decoded = new ImageDecoder(ImageLimits.defaults()).decode(Annotator.toPng(out), "image/png");
        assertArrayEquals(out.getRGB(0, 0, 320, 240, null, 0, 320), decoded.getRGB(0, 0, 320, 240, null, 0, 320));
    }

    @Test
    void labelsSitOnAContrastingPlateNextToTheBox() {
        for (int background : new int[] {0xF4F4F0, 0x101010}) {
            BufferedImage photo = uniform(400, 300, background);
            BufferedImage out = Annotator.annotate(photo, List.of(new Box(40, 40, 100, 100)),
                    List.of(List.of("Smiling", "Wavy_Hair", "Wearing_Earrings")), null);
            Rectangle below = new Rectangle(40, 145, 100, 40);
            int dark = 0;
            int bright = 0;
            for (int y = below.y; y < below.y + below.height; y++) {
                for (int x = below.x; x < below.x + below.width; x++) {
                    int luma = luma(out.getRGB(x, y));
                    dark += luma < 40 ? 1 : 0;
                    bright += luma > 215 ? 1 : 0;
                }
            }
            assertTrue(dark > 1000, "no dark plate below the box on " + Integer.toHexString(background));
            assertTrue(bright > 50, "no bright text on the plate on " + Integer.toHexString(background));
        }
    }

    @Test
    void heatMapIsResizedAndBlendedWhereTheResponseIsHigh() {
        BufferedImage photo = uniform(300, 200, 0x808080);
        float[][] map = new float[10][15];
        map[5][7] = 1f; // the peak near the image centre
        BufferedImage out = Annotator.annotate(photo, List.of(), List.of(), map);
        assertEquals(300, out.getWidth());
        assertTrue(TestImages.channelDistance(0x808080, out.getRGB(150, 110)) > 60, "no overlay at the peak");
        assertEquals(0x808080, out.getRGB(5, 5) & 0xFFFFFF, "overlay where the response is lowest");
        // a flat map says nothing, so it draws nothing
        BufferedImage flat = Annotator.annotate(photo, List.of(), List.of(), new float[][] {{0.5f, 0.5f}});
        assertEquals(0, changed(photo, flat, new Rectangle(0, 0, 300, 200)));
    }

    @Test
    void turboRunsFromDarkThroughGreenToRed() {
        int low = HeatmapOverlay.turbo(0);
        int middle = HeatmapOverlay.turbo(0.55);
        int high = HeatmapOverlay.turbo(0.9);
        assertTrue(luma(low) < 60, "low end is not dark: " + Integer.toHexString(low));
        assertTrue(((middle >> 8) & 0xFF) > 200, "middle is not green: " + Integer.toHexString(middle));
        assertTrue(((high >> 16) & 0xFF) > 2 * ((high >> 8) & 0xFF) && ((high >> 16) & 0xFF) > 3 * (high & 0xFF),
                "high end is not red: " + Integer.toHexString(high));
    }

    @Test
    void platesAvoidOtherBoxesAndStayInsideTheImage() {
        Rectangle a = new Rectangle(10, 10, 50, 50);
        Rectangle b = new Rectangle(10, 62, 50, 50); // directly below a
        Rectangle plate = Annotator.place(a, 60, 30, 200, 200, List.of(a, b));
        assertFalse(plate.intersects(b), "plate covers the other face");
        assertTrue(new Rectangle(0, 0, 200, 200).contains(plate));
        Rectangle huge = Annotator.place(a, 500, 500, 200, 200, List.of(a));
        assertEquals(0, huge.x);
        assertEquals(0, huge.y);
    }

    @Test
    void rejectsMismatchedLabels() {
        assertThrows(IllegalArgumentException.class, () -> Annotator.annotate(uniform(50, 50, 0),
                List.of(new Box(1, 1, 10, 10)), List.of(), null));
    }

    /** Writes target/annotator-sample.png: two faces on a light and a dark half, labels and a heat map. */
    @Test
    void writesASampleForPeopleToLookAt() throws Exception {
        BufferedImage photo = samplePhoto(640, 420);
        float[][] map = new float[21][32];
        for (int y = 0; y < 21; y++) {
            for (int x = 0; x < 32; x++) {
                map[y][x] = (float) (Math.exp(-(Math.pow(x - 8, 2) + Math.pow(y - 8, 2)) / 8)
                        + 0.8 * Math.exp(-(Math.pow(x - 23, 2) + Math.pow(y - 9, 2)) / 6));
            }
        }
        List<Box> boxes = List.of(new Box(95, 95, 130, 150), new Box(400, 100, 120, 140));
        List<List<String>> labels = List.of(
                List.of("Smiling 0.94", "Young 0.88", "Wavy_Hair 0.81", "Black_Hair 0.77", "No_Beard 0.97"),
                List.of("Male 0.91", "Eyeglasses 0.86", "Mustache 0.64", "Bald 0.58"));
        BufferedImage plain = Annotator.annotate(photo, boxes, labels, null);
        BufferedImage heat = Annotator.annotate(photo, boxes, labels, map);
        BufferedImage both = new BufferedImage(640, 840, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(plain, 0, 0, null);
        g.drawImage(heat, 0, 420, null);
        g.dispose();
        Path file = Path.of("target", "annotator-sample.png");
        Annotator.writePng(both, file);
        assertEquals(840, new ImageDecoder(ImageLimits.defaults()).decode(java.nio.file.Files.readAllBytes(file))
                .getHeight());
    }

    static BufferedImage samplePhoto(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(0xF2F0E6), 0, h, new Color(0xD8E4F0)));
        g.fillRect(0, 0, w / 2, h);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(0x1A1A22), 0, h, new Color(0x05050A)));
        g.fillRect(w / 2, 0, w - w / 2, h);
        face(g, 160, 170, new Color(0xE8B896), new Color(0x2B1B10));
        face(g, 460, 170, new Color(0xB07A55), new Color(0x0A0A0A));
        g.dispose();
        return img;
    }

    private static void face(Graphics2D g, int cx, int cy, Color skin, Color hair) {
        g.setColor(hair);
        g.fillOval(cx - 62, cy - 80, 124, 120);
        g.setColor(skin);
        g.fillOval(cx - 50, cy - 60, 100, 130);
        g.setColor(Color.DARK_GRAY);
        g.fillOval(cx - 28, cy - 15, 14, 9);
        g.fillOval(cx + 14, cy - 15, 14, 9);
        g.setColor(new Color(0x9E3B3B));
        g.fillArc(cx - 22, cy + 20, 44, 24, 180, 180);
    }

    private static BufferedImage uniform(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private static int changed(BufferedImage a, BufferedImage b, Rectangle r) {
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                n += (a.getRGB(x, y) & 0xFFFFFF) != (b.getRGB(x, y) & 0xFFFFFF) ? 1 : 0;
            }
        }
        return n;
    }

    private static int luma(int rgb) {
        return (299 * ((rgb >> 16) & 0xFF) + 587 * ((rgb >> 8) & 0xFF) + 114 * (rgb & 0xFF)) / 1000;
    }
}
