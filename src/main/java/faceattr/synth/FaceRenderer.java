package faceattr.synth;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import static faceattr.synth.FaceLook.tone;
import static faceattr.synth.Shapes.alpha;
import static faceattr.synth.Shapes.draw;
import static faceattr.synth.Shapes.ellipse;
import static faceattr.synth.Shapes.fill;
import static faceattr.synth.Shapes.mix;
import static faceattr.synth.Shapes.polygon;
import static faceattr.synth.Shapes.quad;
import static faceattr.synth.Shapes.scale;

/**
 * Paints a head and shoulders in face units (see {@link FaceGeometry}) onto a graphics context whose transform maps
 * face units to pixels. Every visible tag has a cue drawn large enough to survive a 64-pixel face crop.
 */
final class FaceRenderer {
    private static final Color[] IRIS = {new Color(90, 55, 30), new Color(40, 30, 25), new Color(60, 105, 165),
            new Color(75, 120, 75)};

    private final FaceSpec face;
    private final FaceGeometry geo;
    private final Color skin;
    private final Color brows;
    private final HairPainter hairPainter;
    private final WearablesPainter wearables;

    private FaceRenderer(FaceSpec face) {
        FaceLook look = FaceLook.of(face);
        this.face = face;
        this.geo = look.geo();
        this.skin = look.skin();
        this.brows = look.brows();
        this.hairPainter = new HairPainter(look);
        this.wearables = new WearablesPainter(look);
    }

    /** Paints the face; {@code g}'s transform must map face units to pixels and antialiasing should be on. */
    static void paint(Graphics2D g, FaceSpec face) {
        new FaceRenderer(face).paint(g);
    }

    private boolean has(String tag) {
        return face.has(tag);
    }

    private void paint(Graphics2D g) {
        boolean bald = has("Bald");
        HairLength length = face.identity().hairLength();
        if (!bald && length != HairLength.SHORT) {
            hairPainter.paintBackHair(g, length);
        }
        wearables.paintBody(g);
        paintEars(g);
        if (has("Double_Chin")) {
            fill(g, ellipse(0, geo.chinY() + 0.035, 0.3, 0.1), skin);
            draw(g, quad(-0.3, geo.chinY() + 0.035, 0, geo.chinY() + 0.235, 0.3, geo.chinY() + 0.035),
                    tone(skin, 0.6), 0.022);
        }
        Shape outline = faceOutline();
        fill(g, ellipse(0, -0.3, geo.halfWidth() * 0.98, 0.57), skin);
        fill(g, outline, skin);
        Shape clip = g.getClip();
        g.clip(outline);
        draw(g, outline, alpha(tone(skin, 0.78), 0.45), 0.09);
        g.setClip(clip);
        draw(g, outline, tone(skin, 0.8), 0.012);
        if (bald) {
            fill(g, ellipse(-0.12, -0.68, 0.16, 0.08), alpha(tone(skin, 1.2), 0.7));
        }
        paintSkinMarks(g, outline);
        hairPainter.paintBeards(g, outline);
        paintEyes(g);
        paintNose(g);
        paintMouth(g);
        if (has("Mustache")) {
            hairPainter.paintMustache(g);
        }
        if (has("Double_Chin")) {
            draw(g, quad(-0.2, geo.chinY() - 0.06, 0, geo.chinY() + 0.01, 0.2, geo.chinY() - 0.06),
                    tone(skin, 0.62), 0.024);
            draw(g, quad(-0.22, geo.chinY() + 0.05, 0, geo.chinY() + 0.13, 0.22, geo.chinY() + 0.05),
                    tone(skin, 0.62), 0.024);
        }
        if (!bald) {
            hairPainter.paintTopHair(g);
        }
        if (has("Wearing_Hat")) {
            wearables.paintHat(g);
        }
        if (has("Eyeglasses")) {
            wearables.paintGlasses(g);
        }
        if (has("Wearing_Earrings")) {
            wearables.paintEarrings(g);
        }
    }

    // ---- head shape ------------------------------------------------------------------------------------------------

    private Path2D faceOutline() {
        double w = geo.halfWidth();
        double chin = geo.chinY();
        double jawX;
        double jawY;
        double chinX;
        if (has("Chubby")) {
            jawX = w * 0.93; jawY = chin - 0.2; chinX = 0.19;
        } else if (has("Oval_Face")) {
            jawX = w * 0.72; jawY = chin - 0.27; chinX = 0.07;
        } else if (has("Male")) {
            jawX = w * 0.88; jawY = chin - 0.2; chinX = 0.16;
        } else {
            jawX = w * 0.78; jawY = chin - 0.23; chinX = 0.09;
        }
        double cheekX = has("Chubby") ? w * 1.0 : w * 0.98;
        return Shapes.smoothClosed(0, -0.73, w * 0.8, -0.62, w, -0.28, cheekX, 0.1, jawX, jawY, chinX, chin - 0.015,
                0, chin, -chinX, chin - 0.015, -jawX, jawY, -cheekX, 0.1, -w, -0.28, -w * 0.8, -0.62);
    }

    private void paintEars(Graphics2D g) {
        double x = geo.halfWidth() - 0.005;
        for (int side = -1; side <= 1; side += 2) {
            fill(g, ellipse(side * x, -0.02, 0.07, 0.13), tone(skin, 0.93));
            draw(g, ellipse(side * (x + 0.01), -0.02, 0.035, 0.08), tone(skin, 0.72), 0.012);
        }
    }

    // ---- skin marks ------------------------------------------------------------------------------------------------

    private void paintSkinMarks(Graphics2D g, Shape outline) {
        double nose = geo.noseTipY();
        if (has("High_Cheekbones")) {
            for (int s = -1; s <= 1; s += 2) {
                fill(g, ellipse(s * 0.27, nose - 0.1, 0.12, 0.055), alpha(tone(skin, 1.2), 0.9));
                draw(g, quad(s * (geo.halfWidth() - 0.04), nose - 0.04, s * 0.36, nose + 0.09, s * 0.2, nose + 0.1),
                        alpha(tone(skin, 0.8), 0.8), 0.05);
            }
        }
        if (has("Rosy_Cheeks")) {
            for (int s = -1; s <= 1; s += 2) {
                fill(g, ellipse(s * 0.28, nose + 0.02, 0.11, 0.07), new Color(236, 60, 84, 140));
            }
        }
        if (has("Bags_Under_Eyes")) {
            Color bag = alpha(mix(tone(skin, 0.55), new Color(90, 50, 110), 0.3), 0.85);
            for (int s = -1; s <= 1; s += 2) {
                double ex = s * geo.eyeX() + geo.yaw();
                draw(g, quad(ex - 0.075, geo.eyeY() + 0.045, ex, geo.eyeY() + 0.12, ex + 0.075, geo.eyeY() + 0.045),
                        bag, 0.036);
                draw(g, quad(ex - 0.06, geo.eyeY() + 0.08, ex, geo.eyeY() + 0.15, ex + 0.06, geo.eyeY() + 0.08),
                        alpha(bag, 0.7), 0.024);
            }
        }
        if (!has("Young")) {
            Color line = tone(skin, 0.62);
            if (!has("Bangs") && !has("Wearing_Hat")) {
                for (double y = -0.46; y < -0.3; y += 0.055) {
                    draw(g, quad(-0.22, y + 0.015, 0, y - 0.015, 0.22, y + 0.015), line, 0.014);
                }
            }
            for (int s = -1; s <= 1; s += 2) {
                double nx = s * (geo.noseHalfWidth() + 0.05) + geo.yaw();
                draw(g, quad(nx, nose - 0.03, s * (geo.mouthHalfWidth() + 0.09), geo.mouthY() - 0.03,
                        s * (geo.mouthHalfWidth() + 0.04) + geo.yaw(), geo.mouthY() + 0.09), line, 0.018);
                double cx = s * (geo.eyeX() + 0.09) + geo.yaw();
                for (int k = -1; k <= 1; k++) {
                    draw(g, new java.awt.geom.Line2D.Double(cx, geo.eyeY() + k * 0.025, cx + s * 0.06,
                            geo.eyeY() + k * 0.045), line, 0.011);
                }
            }
            draw(g, quad(-0.1, geo.chinY() - 0.07, 0, geo.chinY() - 0.1, 0.1, geo.chinY() - 0.07), line, 0.012);
        }
        if (has("Smiling")) {
            for (int s = -1; s <= 1; s += 2) {
                double x = s * (geo.mouthHalfWidth() + 0.025) + geo.yaw();
                draw(g, quad(x - s * 0.01, geo.mouthY() - geo.cornerLift() - 0.05, x + s * 0.025,
                        geo.mouthY() - geo.cornerLift(), x, geo.mouthY() - geo.cornerLift() + 0.045),
                        tone(skin, 0.7), 0.014);
            }
        }
    }

    // ---- eyes, brows, nose, mouth --------------------------------------------------------------------------------

    private void paintEyes(Graphics2D g) {
        boolean narrow = has("Narrow_Eyes");
        double ry = (narrow ? 0.013 : 0.044) * (has("Smiling") ? 0.9 : 1);
        Color iris = IRIS[(int) (face.identity().irisHue() * IRIS.length) % IRIS.length];
        boolean makeup = has("Heavy_Makeup");
        for (int s = -1; s <= 1; s += 2) {
            double ex = s * geo.eyeX() + geo.yaw();
            double ey = geo.eyeY();
            if (makeup) {
                fill(g, ellipse(ex + s * 0.01, ey - 0.045, 0.1, 0.055), alpha(face.eyeShadow(), 0.88));
            }
            fill(g, ellipse(ex, ey, 0.075, ry), new Color(246, 246, 242));
            double ir = Math.min(0.032, ry * 1.05);
            fill(g, ellipse(ex, ey, 0.032, ir), iris);
            fill(g, ellipse(ex, ey, 0.014, Math.min(0.014, ir)), new Color(15, 12, 12));
            draw(g, quad(ex - 0.072, ey, ex, ey - ry * 2.1, ex + 0.072, ey), new Color(40, 28, 26),
                    makeup ? 0.03 : has("Male") ? 0.014 : 0.02);
            if (makeup) {
                draw(g, new java.awt.geom.Line2D.Double(ex + s * 0.07, ey - 0.002, ex + s * 0.1, ey - 0.03),
                        new Color(20, 15, 15), 0.022);
            }
            draw(g, quad(ex - 0.065, ey + 0.004, ex, ey + ry * 1.7, ex + 0.065, ey + 0.004), tone(skin, 0.7), 0.008);
            if (narrow) {
                draw(g, quad(ex - 0.08, ey + 0.03, ex, ey + 0.045, ex + 0.08, ey + 0.03), tone(skin, 0.62), 0.016);
            }
            paintBrow(g, s, ex);
        }
    }

    private void paintBrow(Graphics2D g, int s, double ex) {
        double by = geo.eyeY() - 0.105;
        double inner = ex - s * 0.075;
        double outer = ex + s * (has("Bushy_Eyebrows") ? 0.115 : 0.095);
        double peakX = has("Arched_Eyebrows") ? ex + s * 0.03 : ex;
        double peakY = has("Arched_Eyebrows") ? by - 0.13 : by - 0.025;
        double outerY = has("Arched_Eyebrows") ? by + 0.045 : by;
        double width = has("Bushy_Eyebrows") ? 0.07 : has("Male") ? 0.045 : 0.03;
        draw(g, quad(inner, by, peakX, peakY, outer, outerY), brows, width);
        if (has("Bushy_Eyebrows")) {
            draw(g, quad(inner, by - 0.02, peakX, peakY - 0.02, outer, outerY - 0.015), alpha(brows, 0.8), 0.03);
        }
    }

    private void paintNose(Graphics2D g) {
        double x = geo.yaw() * 1.3;
        double tip = geo.noseTipY();
        double w = geo.noseHalfWidth();
        boolean big = has("Big_Nose");
        Color line = tone(skin, big ? 0.62 : 0.76);
        for (int s = -1; s <= 1; s += 2) {
            draw(g, quad(x + s * 0.03, geo.eyeY() + 0.03, x + s * 0.035, tip - 0.08, x + s * w * 0.8, tip - 0.02),
                    alpha(line, 0.7), big ? 0.02 : 0.013);
        }
        if (has("Pointy_Nose")) {
            fill(g, polygon(x - w * 0.45, geo.eyeY() + 0.08, x + w * 0.45, geo.eyeY() + 0.08, x + w * 0.7, tip - 0.02,
                    x, tip + 0.085, x - w * 0.7, tip - 0.02), tone(skin, 0.64));
            draw(g, new java.awt.geom.Line2D.Double(x, geo.eyeY() + 0.06, x, tip + 0.03), tone(skin, 1.2), 0.024);
        } else {
            fill(g, ellipse(x, tip - 0.01, w * 0.8, w * 0.65), tone(skin, 0.84));
            fill(g, ellipse(x - w * 0.1, tip - 0.025, w * 0.42, w * 0.32), tone(skin, 1.14));
        }
        for (int s = -1; s <= 1; s += 2) {
            fill(g, ellipse(x + s * w * 0.55, tip + 0.025, w * 0.33, big ? 0.022 : 0.015), tone(skin, 0.42));
            draw(g, quad(x + s * w * 0.7, tip - 0.04, x + s * w * 1.25, tip + 0.01, x + s * w * 0.75, tip + 0.045),
                    line, big ? 0.02 : 0.013);
        }
    }

    private void paintMouth(Graphics2D g) {
        double x = geo.yaw();
        double y = geo.mouthY();
        double mw = geo.mouthHalfWidth() + (has("Big_Lips") ? 0.03 : 0);
        double lift = geo.cornerLift();
        boolean smiling = has("Smiling");
        boolean open = has("Mouth_Slightly_Open");
        double dip = smiling ? 0.075 * face.expression() : 0;
        double gap = open ? (smiling ? 0.085 : 0.075) : 0;
        double lipT = has("Big_Lips") ? 0.085 : 0.038;
        double cy = y - lift;
        Color lips = has("Wearing_Lipstick") ? face.lipstick() : mix(tone(skin, 0.78), new Color(180, 80, 80), 0.4);
        double upperInner = y + dip * 0.55 - gap * 0.35;
        double lowerInner = y + dip * 0.9 + gap;
        Path2D upper = new Path2D.Double();
        upper.moveTo(x - mw, cy);
        upper.curveTo(x - mw * 0.5, upperInner - lipT * 1.3, x - 0.03, upperInner - lipT * 1.5, x, upperInner - lipT);
        upper.curveTo(x + 0.03, upperInner - lipT * 1.5, x + mw * 0.5, upperInner - lipT * 1.3, x + mw, cy);
        upper.quadTo(x, 2 * upperInner - cy, x - mw, cy);
        upper.closePath();
        Path2D lower = new Path2D.Double();
        lower.moveTo(x - mw, cy);
        lower.quadTo(x, 2 * lowerInner - cy, x + mw, cy);
        lower.quadTo(x, 2 * (lowerInner + lipT * 1.25) - cy, x - mw, cy);
        lower.closePath();
        if (open) {
            Path2D inside = new Path2D.Double();
            inside.moveTo(x - mw, cy);
            inside.quadTo(x, 2 * upperInner - cy, x + mw, cy);
            inside.quadTo(x, 2 * lowerInner - cy, x - mw, cy);
            inside.closePath();
            fill(g, inside, new Color(72, 22, 28));
            if (smiling) {
                Shape clip = g.getClip();
                g.clip(inside);
                fill(g, new Rectangle2D.Double(x - mw, upperInner - 0.05, 2 * mw, gap * 0.55 + 0.05 + dip * 0.3),
                        new Color(244, 242, 232));
                g.setClip(clip);
            }
        }
        fill(g, upper, lips);
        fill(g, lower, scale(lips, 1.06));
        if (!open) {
            draw(g, quad(x - mw, cy, x, 2 * upperInner - cy, x + mw, cy), scale(lips, 0.45), 0.014);
        }
    }

}
