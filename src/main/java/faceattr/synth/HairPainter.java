package faceattr.synth;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

import static faceattr.synth.Shapes.alpha;
import static faceattr.synth.Shapes.draw;
import static faceattr.synth.Shapes.ellipse;
import static faceattr.synth.Shapes.fill;
import static faceattr.synth.Shapes.polygon;
import static faceattr.synth.Shapes.quad;
import static faceattr.synth.Shapes.scale;

/** Hair on the head and face: back hair, cap and hairline, bangs, strand texture, beards, stubble, sideburns. */
final class HairPainter {
    private final FaceSpec face;
    private final FaceGeometry geo;
    private final Color hair;
    private final Color brows;
    private final SplittableRandom detail;

    HairPainter(FaceLook look) {
        this.face = look.face();
        this.geo = look.geo();
        this.hair = look.hair();
        this.brows = look.brows();
        this.detail = look.detail();
    }

    private boolean has(String tag) {
        return face.has(tag);
    }

    private double headRadiusX() {
        HairLength l = face.identity().hairLength();
        return geo.halfWidth() + (l == HairLength.SHORT ? 0.05 : 0.09) + (has("Wavy_Hair") ? 0.03 : 0);
    }

    void paintBackHair(Graphics2D g, HairLength length) {
        double rx = headRadiusX() + 0.1;
        double bottom = length == HairLength.LONG ? 1.2 : 0.5;
        double top = -0.93;
        Path2D p = new Path2D.Double();
        if (has("Wavy_Hair")) {
            p.moveTo(-rx, -0.3);
            p.curveTo(-rx, top - 0.05, rx, top - 0.05, rx, -0.3);
            for (double y = -0.3; y < bottom; y += 0.1) {
                double bump = ((int) Math.round(y * 10) % 2 == 0 ? 0.07 : -0.02);
                p.quadTo(rx + bump, y + 0.05, rx, y + 0.1);
            }
            p.quadTo(0, bottom + 0.12, -rx, bottom);
            for (double y = bottom; y > -0.3; y -= 0.1) {
                double bump = ((int) Math.round(y * 10) % 2 == 0 ? 0.07 : -0.02);
                p.quadTo(-rx - bump, y - 0.05, -rx, y - 0.1);
            }
        } else {
            p.moveTo(-rx, -0.3);
            p.curveTo(-rx, top - 0.05, rx, top - 0.05, rx, -0.3);
            p.lineTo(rx, bottom);
            p.lineTo(-rx, bottom);
        }
        p.closePath();
        fill(g, p, scale(hair, 0.92));
        paintHairTexture(g, p, -0.5, bottom);
    }

    void paintTopHair(Graphics2D g) {
        double rx = headRadiusX();
        double w = geo.halfWidth();
        Area cap = new Area(ellipse(0, -0.3, rx, 0.62));
        boolean receding = has("Receding_Hairline");
        double temple = receding ? -0.32 : -0.2;
        Path2D hairline = receding
                ? polygon(-rx - 0.2, 0.4, -rx - 0.2, temple, -w + 0.03, temple, -0.3, -0.74, -0.1, -0.6, 0, -0.58,
                0.1, -0.6, 0.3, -0.74, w - 0.03, temple, rx + 0.2, temple, rx + 0.2, 0.4)
                : Shapes.smoothClosed(-rx - 0.25, 0.5, -rx - 0.25, temple, -w + 0.02, temple, -0.32, -0.5, 0, -0.54,
                0.32, -0.5, w - 0.02, temple, rx + 0.25, temple, rx + 0.25, 0.5, 0, 0.6);
        cap.subtract(new Area(hairline));
        if (has("Wavy_Hair")) {
            for (double a = Math.PI * 1.05; a < Math.PI * 1.96; a += 0.22) {
                cap.add(new Area(ellipse(rx * Math.cos(a), -0.3 + 0.62 * Math.sin(a), 0.075, 0.075)));
            }
        }
        fill(g, cap, hair);
        paintHairTexture(g, cap, -0.95, -0.2);
        if (has("Bangs")) {
            double lower = geo.eyeY() - 0.17;
            Path2D bangs = new Path2D.Double();
            bangs.moveTo(-w - 0.03, -0.2);
            bangs.curveTo(-w - 0.02, -0.7, w + 0.02, -0.7, w + 0.03, -0.2);
            int teeth = 7;
            for (int i = teeth; i >= 0; i--) {
                double xx = -w + 2 * w * i / teeth;
                bangs.lineTo(xx, lower + (i % 2 == 0 ? 0 : -0.035) + Math.abs(xx) * 0.12);
            }
            bangs.closePath();
            fill(g, bangs, hair);
            paintHairTexture(g, bangs, -0.7, lower);
        }
    }

    /** Strands: straight lines for Straight_Hair, waves for Wavy_Hair; plain (neither) otherwise. */
    private void paintHairTexture(Graphics2D g, Shape area, double top, double bottom) {
        Shape clip = g.getClip();
        g.clip(area);
        Rectangle2D b = area.getBounds2D();
        Color dark = has("Black_Hair") ? new Color(78, 70, 70) : scale(hair, 0.62);
        if (has("Straight_Hair")) {
            for (double x = b.getMinX(); x < b.getMaxX(); x += 0.07) {
                draw(g, new java.awt.geom.Line2D.Double(x, b.getMinY(), x + 0.02 * Math.signum(x), b.getMaxY()),
                        dark, 0.026);
            }
            // sleek hair shines: a glossy band survives downscaling where single strands blur away
            Color sheen = alpha(has("Black_Hair") ? new Color(120, 116, 120) : Shapes.mix(hair, Color.WHITE, 0.45), 0.6);
            double rx = headRadiusX();
            draw(g, quad(-rx * 0.85, -0.5, 0, -1.0, rx * 0.85, -0.5), sheen, 0.07);
            for (int s = -1; s <= 1; s += 2) {
                draw(g, new java.awt.geom.Line2D.Double(s * (rx + 0.02), -0.4, s * (rx + 0.03), 1.1), sheen, 0.06);
            }
        } else if (has("Wavy_Hair")) {
            for (double x = b.getMinX(); x < b.getMaxX(); x += 0.08) {
                Path2D wave = new Path2D.Double();
                wave.moveTo(x, b.getMinY());
                int k = 0;
                for (double y = b.getMinY(); y < b.getMaxY(); y += 0.09) {
                    wave.quadTo(x + (k++ % 2 == 0 ? 0.06 : -0.06), y + 0.045, x, y + 0.09);
                }
                draw(g, wave, dark, 0.028);
            }
        }
        g.setClip(clip);
    }

    /** Jaw, cheeks below the cheekbones, chin and upper lip: where beards and stubble grow. */
    private Area beardRegion(Shape outline) {
        Area a = new Area(outline);
        a.intersect(new Area(new Rectangle2D.Double(-1, geo.noseTipY() - 0.03, 2, 2)));
        a.add(new Area(ellipse(0, geo.chinY(), 0.28, 0.06)));
        double mx = geo.mouthHalfWidth() + 0.02;
        a.subtract(new Area(ellipse(geo.yaw(), geo.mouthY() - geo.cornerLift() / 2, mx, 0.045)));
        for (int s = -1; s <= 1; s += 2) {
            a.subtract(new Area(ellipse(s * 0.28 + geo.yaw(), geo.noseTipY() - 0.02, 0.14, 0.1)));
        }
        return a;
    }

    void paintBeards(Graphics2D g, Shape outline) {
        boolean fullBeard = !has("No_Beard") && (!has("Goatee") || face.identity().fullBeard());
        boolean stubble = has("5_o_Clock_Shadow");
        Area region = fullBeard || stubble ? beardRegion(outline) : null;
        Color beard = scale(has("Bald") ? brows : hair, 0.8);
        if (stubble) {
            fill(g, region, new Color(55, 50, 58, 95));
            Rectangle2D b = region.getBounds2D();
            g.setColor(new Color(35, 30, 35, 150));
            for (int i = 0; i < 220; i++) {
                double x = b.getX() + detail.nextDouble() * b.getWidth();
                double y = b.getY() + detail.nextDouble() * b.getHeight();
                if (region.contains(x, y)) {
                    g.fill(ellipse(x, y, 0.008, 0.008));
                }
            }
        }
        if (fullBeard) {
            fill(g, region, beard);
            for (int s = -1; s <= 1; s += 2) {
                fill(g, polygon(s * (geo.halfWidth() - 0.1), -0.2, s * (geo.halfWidth() + 0.01), -0.2,
                        s * (geo.halfWidth() + 0.01), geo.noseTipY(), s * (geo.halfWidth() - 0.12), geo.noseTipY()),
                        beard);
            }
        }
        if (has("Goatee")) {
            double top = geo.mouthY() + 0.07;
            double chin = geo.chinY();
            Path2D goatee = Shapes.smoothClosed(-0.1, top, 0, top + 0.015, 0.1, top, 0.15, chin - 0.1, 0.1, chin + 0.02,
                    0, chin + 0.035, -0.1, chin + 0.02, -0.15, chin - 0.1);
            goatee.transform(java.awt.geom.AffineTransform.getTranslateInstance(geo.yaw() * 0.7, 0));
            fill(g, goatee, beard);
        }
        if (has("Sideburns")) {
            for (int s = -1; s <= 1; s += 2) {
                fill(g, polygon(s * (geo.halfWidth() - 0.09), -0.24, s * (geo.halfWidth() + 0.015), -0.24,
                        s * (geo.halfWidth() + 0.015), 0.2, s * (geo.halfWidth() - 0.07), 0.18), beard);
            }
        }
    }

    void paintMustache(Graphics2D g) {
        double x = geo.yaw();
        double y = geo.mouthY() - geo.cornerLift() * 0.5;
        double mw = geo.mouthHalfWidth() + 0.035;
        double top = geo.noseTipY() + 0.035;
        Path2D m = Shapes.smoothClosed(x - mw, y + 0.03, x - mw * 0.6, top + 0.01, x, top, x + mw * 0.6, top + 0.01,
                x + mw, y + 0.03, x + mw * 0.5, y - 0.045, x, y - 0.05, x - mw * 0.5, y - 0.045);
        fill(g, m, scale(has("Bald") ? brows : hair, 0.75));
    }
}
