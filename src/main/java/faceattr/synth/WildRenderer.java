package faceattr.synth;

import faceattr.geometry.Box;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

import static faceattr.synth.Seeds.range;

/** Composes a face-in-the-wild photo: clutter, the face, an occluder, lighting, blur; and its box and landmarks. */
final class WildRenderer {
    private WildRenderer() {
    }

    static RenderedFace render(FaceSpec face, SceneSpec scene) {
        FaceGeometry geo = FaceGeometry.of(face);
        BufferedImage img = new BufferedImage(scene.width(), scene.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Clutter.paint(g, scene.width(), scene.height(), new SplittableRandom(scene.clutterSeed()));
        AffineTransform toPixels = new AffineTransform();
        toPixels.translate(scene.centerX(), scene.centerY());
        toPixels.rotate(scene.roll());
        toPixels.scale(scene.scale(), scene.scale());
        AffineTransform saved = g.getTransform();
        g.setTransform(toPixels);
        FaceRenderer.paint(g, face);
        g.setTransform(saved);
        Box box = faceBox(geo, scene);
        if (scene.occluderSeed() != 0) {
            occlude(g, box, new SplittableRandom(scene.occluderSeed()));
        }
        g.dispose();
        SplittableRandom fx = new SplittableRandom(scene.clutterSeed() ^ 0x5EED);
        PhotoEffects.light(img, scene.cast(), scene.light(), scene.contrast(), scene.gradient(),
                scene.gradientAngle(), scene.noise(), fx);
        if (face.has("Blurry")) {
            PhotoEffects.blur(img, Math.max(2, (int) Math.round(scene.scale() * 0.045)));
        }
        double[] marks = geo.landmarks();
        toPixels.transform(marks, 0, marks, 0, marks.length / 2);
        return new RenderedFace(img, box, marks);
    }

    /** The axis-aligned box around the rotated face ellipse (hairline to chin, ear to ear). */
    static Box faceBox(FaceGeometry geo, SceneSpec scene) {
        double a = geo.boxHalfWidth() * scene.scale();
        double b = geo.boxHalfHeight() * scene.scale();
        double c = Math.cos(scene.roll());
        double s = Math.sin(scene.roll());
        double halfW = Math.hypot(a * c, b * s);
        double halfH = Math.hypot(a * s, b * c);
        double cy = geo.boxCenterY() * scene.scale();
        double x = scene.centerX() - s * cy;
        double y = scene.centerY() + c * cy;
        return new Box(x - halfW, y - halfH, 2 * halfW, 2 * halfH);
    }

    /** Something in front of the face near one edge of its box, leaving the eyes mostly visible. */
    private static void occlude(Graphics2D g, Box box, SplittableRandom r) {
        g.setColor(Clutter.colour(r));
        double size = box.width() * range(r, 0.2, 0.4);
        int side = r.nextInt(3);
        double x = side == 0 ? box.x() - size * 0.4 : side == 1 ? box.x() + box.width() - size * 0.6
                : box.x() + range(r, 0, box.width() - size);
        double y = side == 2 ? box.y() + box.height() - size * 0.5 : box.y() + range(r, 0.3, 0.8) * box.height();
        g.fill(new RoundRectangle2D.Double(x, y, size * range(r, 0.6, 1.0), size * range(r, 0.8, 1.6), size * 0.3,
                size * 0.3));
        g.setColor(new Color(0, 0, 0, 50));
        g.fill(new RoundRectangle2D.Double(x, y, size * 0.2, size * 0.6, size * 0.1, size * 0.1));
    }
}
