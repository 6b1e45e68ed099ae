package faceattr.synth;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

import static faceattr.synth.FaceLook.tone;
import static faceattr.synth.Shapes.draw;
import static faceattr.synth.Shapes.ellipse;
import static faceattr.synth.Shapes.fill;
import static faceattr.synth.Shapes.polygon;
import static faceattr.synth.Shapes.quad;
import static faceattr.synth.Shapes.scale;

/** Shoulders and what the person wears: shirt, necktie, necklace, hat, eyeglasses, earrings. */
final class WearablesPainter {
    private static final Color GOLD = new Color(240, 196, 40);
    private static final Color SILVER = new Color(226, 228, 238);

    private final FaceSpec face;
    private final FaceGeometry geo;
    private final Color skin;

    WearablesPainter(FaceLook look) {
        this.face = look.face();
        this.geo = look.geo();
        this.skin = look.skin();
    }

    private boolean has(String tag) {
        return face.has(tag);
    }

    void paintBody(Graphics2D g) {
        double neck = has("Male") ? 0.25 : 0.2;
        double shoulder = has("Male") ? 1.35 : 1.15;
        Path2D torso = Shapes.smoothClosed(-neck, 0.84, -shoulder * 0.7, 0.98, -shoulder, 1.3, -shoulder * 1.05, 2.6,
                shoulder * 1.05, 2.6, shoulder, 1.3, shoulder * 0.7, 0.98, neck, 0.84);
        fill(g, torso, face.shirt());
        fill(g, new Rectangle2D.Double(-neck, 0.35, 2 * neck, 0.55), tone(skin, 0.9));
        fill(g, ellipse(0, 0.87, neck, 0.07), tone(skin, 0.9));
        fill(g, ellipse(0, geo.chinY() - 0.02, neck * 1.1, 0.09), tone(skin, 0.86));
        if (has("Wearing_Necktie")) {
            Color tie = face.accessory().getRed() > 200 && face.accessory().getGreen() > 200
                    ? new Color(200, 30, 30) : face.accessory();
            fill(g, polygon(-neck - 0.02, 0.84, neck + 0.02, 0.84, 0, 1.55), Color.WHITE);
            fill(g, polygon(-neck - 0.02, 0.82, -0.02, 0.94, -0.12, 1.02), new Color(236, 236, 236));
            fill(g, polygon(neck + 0.02, 0.82, 0.02, 0.94, 0.12, 1.02), new Color(236, 236, 236));
            fill(g, polygon(-0.075, 0.84, 0.075, 0.84, 0.055, 0.97, -0.055, 0.97), scale(tie, 0.85));
            fill(g, polygon(-0.055, 0.97, 0.055, 0.97, 0.12, 1.7, 0, 1.84, -0.12, 1.7), tie);
        }
        if (has("Wearing_Necklace")) {
            Color metal = face.accessory().getBlue() > 150 ? SILVER : GOLD;
            draw(g, quad(-neck + 0.01, 0.74, 0, 1.12, neck - 0.01, 0.74), metal, 0.035);
            for (int i = 1; i < 8; i++) {
                double t = i / 8.0;
                double x = (1 - t) * (1 - t) * (-neck + 0.01) + t * t * (neck - 0.01);
                double y = (1 - t) * (1 - t) * 0.74 + 2 * t * (1 - t) * 1.12 + t * t * 0.74;
                fill(g, ellipse(x, y, 0.026, 0.026), metal);
            }
            fill(g, ellipse(0, 0.98, 0.05, 0.06), face.accessory());
            draw(g, ellipse(0, 0.98, 0.05, 0.06), metal, 0.018);
        }
    }

    void paintHat(Graphics2D g) {
        double w = geo.halfWidth();
        Color c = face.accessory();
        Color band = c.getRed() + c.getGreen() + c.getBlue() < 150 ? new Color(200, 40, 40) : scale(c, 0.55);
        switch (face.hatStyle()) {
            case 0 -> {
                fill(g, new RoundRectangle2D.Double(-w + 0.02, -1.15, 2 * w - 0.04, 0.7, 0.25, 0.25), c);
                fill(g, new Rectangle2D.Double(-w + 0.02, -0.6, 2 * w - 0.04, 0.11), band);
                fill(g, ellipse(0, -0.48, w + 0.34, 0.075), scale(c, 0.85));
            }
            case 1 -> {
                Area dome = new Area(ellipse(0, -0.48, w + 0.08, 0.52));
                dome.intersect(new Area(new Rectangle2D.Double(-2, -2, 4, 1.55)));
                fill(g, dome, c);
                for (double x = -w; x < w; x += 0.09) {
                    draw(g, new java.awt.geom.Line2D.Double(x, -0.95, x * 1.1, -0.55), scale(c, 0.8), 0.02);
                }
                fill(g, new RoundRectangle2D.Double(-w - 0.1, -0.58, 2 * w + 0.2, 0.16, 0.08, 0.08), band);
                fill(g, ellipse(0, -1.03, 0.1, 0.09), band);
            }
            default -> {
                Area dome = new Area(ellipse(0, -0.46, w + 0.07, 0.5));
                dome.intersect(new Area(new Rectangle2D.Double(-2, -2, 4, 1.54)));
                fill(g, dome, c);
                draw(g, new java.awt.geom.Line2D.Double(0, -0.95, 0, -0.47), scale(c, 0.7), 0.02);
                fill(g, ellipse(0, -0.46, w + 0.16, 0.1), band);
                fill(g, ellipse(0, -0.95, 0.035, 0.03), band);
            }
        }
    }

    void paintGlasses(Graphics2D g) {
        Color frame = face.glassesStyle() == 1 ? new Color(20, 20, 24) : face.accessory().getRed() > 180
                ? new Color(60, 30, 20) : new Color(16, 16, 22);
        double ey = geo.eyeY();
        for (int s = -1; s <= 1; s += 2) {
            double ex = s * geo.eyeX() + geo.yaw();
            RoundRectangle2D lens = new RoundRectangle2D.Double(ex - 0.105, ey - 0.068, 0.21, 0.14, 0.06, 0.06);
            if (face.glassesStyle() == 1) {
                fill(g, lens, new Color(28, 28, 38, 235));
            } else {
                fill(g, lens, new Color(200, 220, 240, 40));
            }
            draw(g, lens, frame, 0.036);
            draw(g, new java.awt.geom.Line2D.Double(ex + s * 0.105, ey - 0.03, s * (geo.halfWidth() + 0.01),
                    ey - 0.01), frame, 0.03);
        }
        draw(g, quad(-geo.eyeX() + 0.105 + geo.yaw(), ey - 0.03, geo.yaw(), ey - 0.07, geo.eyeX() - 0.105 + geo.yaw(),
                ey - 0.03), frame, 0.03);
    }

    void paintEarrings(Graphics2D g) {
        Color metal = face.accessory().getBlue() > 150 ? SILVER : GOLD;
        double x = geo.halfWidth() + 0.01;
        for (int s = -1; s <= 1; s += 2) {
            if (face.earringStyle() == 0) {
                draw(g, ellipse(s * x, 0.17, 0.05, 0.055), metal, 0.026);
            } else {
                fill(g, ellipse(s * x, 0.11, 0.022, 0.022), metal);
                draw(g, new java.awt.geom.Line2D.Double(s * x, 0.11, s * x, 0.17), metal, 0.014);
                fill(g, ellipse(s * x, 0.2, 0.035, 0.05), face.accessory());
                draw(g, ellipse(s * x, 0.2, 0.035, 0.05), metal, 0.012);
            }
        }
    }
}
