package faceattr.synth;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.SplittableRandom;

import static faceattr.synth.Seeds.chance;
import static faceattr.synth.Seeds.range;

/**
 * Busy, non-face backgrounds: gradients, textures and shapes. Deliberately never paints skin-coloured ellipses, and
 * never pairs dark dots inside any blob, so the only face-like thing in an image is the face.
 */
final class Clutter {
    private Clutter() {
    }

    static void paint(Graphics2D g, int w, int h, SplittableRandom r) {
        Color a = colour(r);
        Color b = colour(r);
        g.setPaint(new GradientPaint((float) range(r, 0, w), 0, a, (float) range(r, 0, w), h, b));
        g.fillRect(0, 0, w, h);
        texture(g, w, h, r);
        int shapes = 4 + r.nextInt(14);
        for (int i = 0; i < shapes; i++) {
            shape(g, w, h, r, Math.max(w, h));
        }
    }

    /** A random colour that is not skin-like (hue, saturation and brightness all checked). */
    static Color colour(SplittableRandom r) {
        while (true) {
            float hue = (float) r.nextDouble();
            float sat = (float) range(r, 0, 1);
            float bri = (float) range(r, 0.1, 1);
            boolean skinLike = hue > 0.0 && hue < 0.12 && sat > 0.15 && sat < 0.65 && bri > 0.35;
            if (!skinLike) {
                return Color.getHSBColor(hue, sat, bri);
            }
        }
    }

    private static void texture(Graphics2D g, int w, int h, SplittableRandom r) {
        Color c = colour(r);
        g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40 + r.nextInt(120)));
        AffineTransform saved = g.getTransform();
        g.rotate(range(r, 0, Math.PI), w / 2.0, h / 2.0);
        int step = 6 + r.nextInt(26);
        int span = 2 * Math.max(w, h);
        switch (r.nextInt(5)) {
            case 0 -> {
                g.setStroke(Shapes.stroke(range(r, 1, step * 0.6)));
                for (int x = -span; x < span; x += step) {
                    g.draw(new Line2D.Double(x, -span, x, span));
                }
            }
            case 1 -> {
                for (int y = -span; y < span; y += step) {
                    for (int x = -span + ((y / step) % 2 == 0 ? 0 : step); x < span; x += 2 * step) {
                        g.fillRect(x, y, step, step);
                    }
                }
            }
            case 2 -> {
                g.setStroke(Shapes.stroke(range(r, 1, 4)));
                for (int y = -span; y < span; y += step) {
                    java.awt.geom.Path2D wave = new java.awt.geom.Path2D.Double();
                    wave.moveTo(-span, y);
                    for (int x = -span; x < span; x += step * 2) {
                        wave.quadTo(x + step, y + step * 0.6, x + 2 * step, y);
                    }
                    g.draw(wave);
                }
            }
            case 3 -> {
                for (int y = -span; y < span; y += step) {
                    int off = (y / step) % 2 == 0 ? 0 : step;
                    for (int x = -span + off; x < span; x += 2 * step) {
                        g.fillRect(x, y, 2 * step - 2, step - 2);
                    }
                }
            }
            default -> {
                int n = 60 + r.nextInt(140);
                for (int i = 0; i < n; i++) {
                    g.fillRect((int) range(r, -w, 2 * w), (int) range(r, -h, 2 * h), 1 + r.nextInt(step),
                            1 + r.nextInt(step));
                }
            }
        }
        g.setTransform(saved);
    }

    /** One random shape of roughly {@code size} scale: polygon, bar, rounded box, ring or line bundle. */
    static void shape(Graphics2D g, int w, int h, SplittableRandom r, int size) {
        g.setColor(colour(r));
        double cx = range(r, -0.1, 1.1) * w;
        double cy = range(r, -0.1, 1.1) * h;
        double s = range(r, 0.05, 0.45) * size;
        switch (r.nextInt(5)) {
            case 0 -> {
                int n = 3 + r.nextInt(5);
                double[] xy = new double[2 * n];
                for (int i = 0; i < n; i++) {
                    double ang = 2 * Math.PI * i / n + range(r, -0.3, 0.3);
                    double rad = s * range(r, 0.4, 1);
                    xy[2 * i] = cx + rad * Math.cos(ang);
                    xy[2 * i + 1] = cy + rad * Math.sin(ang);
                }
                g.fill(Shapes.polygon(xy));
            }
            case 1 -> g.fill(new Rectangle2D.Double(cx - s, cy - s * 0.15, 2 * s, range(r, 0.1, 0.5) * s));
            case 2 -> g.fill(new RoundRectangle2D.Double(cx - s / 2, cy - s / 2, s * range(r, 0.5, 1.5),
                    s * range(r, 0.5, 1.5), s * 0.2, s * 0.2));
            case 3 -> {
                g.setStroke(Shapes.stroke(range(r, 2, Math.max(3, s * 0.15))));
                g.draw(Shapes.ellipse(cx, cy, s * 0.5, s * range(r, 0.3, 0.6)));
            }
            default -> {
                g.setStroke(Shapes.stroke(range(r, 1, 6)));
                double ang = range(r, 0, Math.PI);
                for (int i = 0; i < 1 + r.nextInt(4); i++) {
                    double off = i * range(r, 4, 12);
                    g.draw(new Line2D.Double(cx - s * Math.cos(ang) + off, cy - s * Math.sin(ang),
                            cx + s * Math.cos(ang) + off, cy + s * Math.sin(ang)));
                }
            }
        }
        if (chance(r, 0.15)) {
            g.setColor(new Color(0, 0, 0, 60));
            g.fill(new Rectangle2D.Double(cx, cy, s * 0.6, s * 0.3));
        }
    }
}
