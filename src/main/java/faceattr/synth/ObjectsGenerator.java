package faceattr.synth;

import faceattr.image.Jpeg;
import faceattr.report.ProgressBar;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static faceattr.synth.Seeds.range;

/** A small "general objects" set, one folder per class, for the optional LNet pre-training stage. No faces. */
public final class ObjectsGenerator {
    /** Class names in the order they are used; {@code --classes C} takes the first C. */
    public static final List<String> CLASSES = List.of("circle", "star", "car", "house", "tree", "triangle",
            "arrow", "cross", "heart", "cup", "key", "ring");
    static final int SIZE = 128;

    private ObjectsGenerator() {
    }

    /** Writes {@code perClass} JPEGs into {@code dir/<class>/000001.jpg...} for the first {@code classes} classes. */
    static void write(Path dir, int classes, int perClass, long seed, ProgressBar progress) throws IOException {
        for (int c = 0; c < classes; c++) {
            Path folder = Files.createDirectories(dir.resolve(CLASSES.get(c)));
            for (int i = 0; i < perClass; i++) {
                SplittableRandom r = Seeds.stream(seed, Seeds.OBJECT, (long) c * 1_000_003L + i);
                Jpeg.write(render(c, r), 90, folder.resolve(String.format("%06d.jpg", i + 1)));
                progress.step();
            }
        }
    }

    static BufferedImage render(int cls, SplittableRandom r) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, Clutter.colour(r), SIZE, SIZE, Clutter.colour(r)));
        g.fillRect(0, 0, SIZE, SIZE);
        for (int i = 0; i < 3; i++) {
            Clutter.shape(g, SIZE, SIZE, r, SIZE / 3);
        }
        double size = range(r, 0.45, 0.8) * SIZE;
        AffineTransform t = new AffineTransform();
        t.translate(range(r, size / 2, SIZE - size / 2), range(r, size / 2, SIZE - size / 2));
        t.rotate(range(r, -0.5, 0.5));
        t.scale(size / 2, size / 2);
        g.transform(t);
        Color main = Clutter.colour(r);
        Color second = Clutter.colour(r);
        g.setColor(main);
        for (Shape s : shapes(cls)) {
            g.fill(s);
            g.setColor(second);
        }
        g.dispose();
        return img;
    }

    /** The object drawn in a unit box (-1..1); the first shape in the main colour, the others in a second colour. */
    private static List<Shape> shapes(int cls) {
        return switch (CLASSES.get(cls)) {
            case "circle" -> List.of(new Ellipse2D.Double(-0.9, -0.9, 1.8, 1.8));
            case "star" -> List.of(star());
            case "car" -> List.of(Shapes.polygon(-1, 0.3, -1, -0.1, -0.5, -0.15, -0.3, -0.5, 0.4, -0.5, 0.6, -0.1, 1,
                    0, 1, 0.3), new Ellipse2D.Double(-0.75, 0.15, 0.4, 0.4), new Ellipse2D.Double(0.35, 0.15, 0.4, 0.4));
            case "house" -> List.of(new Rectangle2D.Double(-0.7, -0.1, 1.4, 1), Shapes.polygon(-0.9, -0.1, 0, -0.9,
                    0.9, -0.1), new Rectangle2D.Double(-0.15, 0.4, 0.3, 0.5));
            case "tree" -> List.of(new Ellipse2D.Double(-0.7, -1, 1.4, 1.3), new Rectangle2D.Double(-0.15, 0.2, 0.3,
                    0.8));
            case "triangle" -> List.of(Shapes.polygon(-0.9, 0.8, 0, -0.9, 0.9, 0.8));
            case "arrow" -> List.of(Shapes.polygon(-1, -0.2, 0.2, -0.2, 0.2, -0.6, 1, 0, 0.2, 0.6, 0.2, 0.2, -1, 0.2));
            case "cross" -> List.of(Shapes.polygon(-0.25, -0.9, 0.25, -0.9, 0.25, -0.25, 0.9, -0.25, 0.9, 0.25, 0.25,
                    0.25, 0.25, 0.9, -0.25, 0.9, -0.25, 0.25, -0.9, 0.25, -0.9, -0.25, -0.25, -0.25));
            case "heart" -> List.of(heart());
            case "cup" -> List.of(new RoundRectangle2D.Double(-0.6, -0.6, 1, 1.4, 0.3, 0.3), ring(0.55, 0.05, 0.35, 0.15));
            case "key" -> List.of(ring(-0.5, 0, 0.45, 0.2), new Rectangle2D.Double(-0.1, -0.1, 1.1, 0.2),
                    new Rectangle2D.Double(0.6, 0.1, 0.15, 0.3));
            default -> List.of(ring(0, 0, 0.9, 0.55));
        };
    }

    private static Shape star() {
        double[] xy = new double[20];
        for (int i = 0; i < 10; i++) {
            double ang = -Math.PI / 2 + i * Math.PI / 5;
            double rad = i % 2 == 0 ? 0.95 : 0.4;
            xy[2 * i] = rad * Math.cos(ang);
            xy[2 * i + 1] = rad * Math.sin(ang);
        }
        return Shapes.polygon(xy);
    }

    private static Shape heart() {
        Path2D p = new Path2D.Double();
        p.moveTo(0, 0.9);
        p.curveTo(-1.2, 0, -0.7, -1.1, 0, -0.4);
        p.curveTo(0.7, -1.1, 1.2, 0, 0, 0.9);
        p.closePath();
        return p;
    }

    private static Shape ring(double cx, double cy, double outer, double inner) {
        Area a = new Area(new Ellipse2D.Double(cx - outer, cy - outer, 2 * outer, 2 * outer));
        a.subtract(new Area(new Ellipse2D.Double(cx - inner, cy - inner, 2 * inner, 2 * inner)));
        return a;
    }
}
