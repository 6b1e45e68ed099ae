package faceattr.synth;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.SplittableRandom;

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
    private static final Color[] SKIN = {new Color(240, 204, 178), new Color(226, 174, 140), new Color(200, 142, 106),
            new Color(160, 106, 76), new Color(108, 70, 50)};
    private static final Color PALE = new Color(252, 236, 228);
    static final Color HAIR_BLACK = new Color(26, 22, 22);
    static final Color HAIR_BLOND = new Color(232, 198, 112);
    static final Color HAIR_BROWN = new Color(112, 68, 36);
    static final Color HAIR_GRAY = new Color(184, 184, 188);
    static final Color HAIR_OTHER = new Color(204, 78, 24);
    private static final Color[] IRIS = {new Color(90, 55, 30), new Color(40, 30, 25), new Color(60, 105, 165),
            new Color(75, 120, 75)};
    private static final Color GOLD = new Color(240, 196, 40);
    private static final Color SILVER = new Color(226, 228, 238);

    private final FaceSpec face;
    private final FaceGeometry geo;
    private final Color skin;
    private final Color hair;
    private final Color brows;
    private final SplittableRandom detail;

    private FaceRenderer(FaceSpec face) {
        this.face = face;
        this.geo = FaceGeometry.of(face);
        this.skin = skinColour(face);
        this.hair = hairColour(face);
        this.brows = face.has("Bald") ? new Color(60, 45, 36)
                : mix(hair, new Color(20, 14, 12), face.has("Blond_Hair") || face.has("Gray_Hair") ? 0.3 : 0.5);
        this.detail = new SplittableRandom(face.detailSeed());
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
            paintBackHair(g, length);
        }
        paintBody(g);
        paintEars(g);
        if (has("Double_Chin")) {
            fill(g, ellipse(0, geo.chinY() + 0.035, 0.3, 0.1), skin);
            draw(g, quad(-0.3, geo.chinY() + 0.035, 0, geo.chinY() + 0.235, 0.3, geo.chinY() + 0.035),
                    scale(skin, 0.6), 0.022);
        }
        Shape outline = faceOutline();
        fill(g, ellipse(0, -0.3, geo.halfWidth() * 0.98, 0.57), skin);
        fill(g, outline, skin);
        Shape clip = g.getClip();
        g.clip(outline);
        draw(g, outline, alpha(scale(skin, 0.78), 0.45), 0.09);
        g.setClip(clip);
        draw(g, outline, scale(skin, 0.8), 0.012);
        if (bald) {
            fill(g, ellipse(-0.12, -0.68, 0.16, 0.08), alpha(scale(skin, 1.2), 0.7));
        }
        paintSkinMarks(g, outline);
        paintBeards(g, outline);
        paintEyes(g);
        paintNose(g);
        paintMouth(g);
        if (has("Mustache")) {
            paintMustache(g);
        }
        if (has("Double_Chin")) {
            draw(g, quad(-0.2, geo.chinY() - 0.06, 0, geo.chinY() + 0.01, 0.2, geo.chinY() - 0.06),
                    scale(skin, 0.62), 0.024);
            draw(g, quad(-0.22, geo.chinY() + 0.05, 0, geo.chinY() + 0.13, 0.22, geo.chinY() + 0.05),
                    scale(skin, 0.62), 0.024);
        }
        if (!bald) {
            paintTopHair(g);
        }
        if (has("Wearing_Hat")) {
            paintHat(g);
        }
        if (has("Eyeglasses")) {
            paintGlasses(g);
        }
        if (has("Wearing_Earrings")) {
            paintEarrings(g);
        }
    }

    // ---- colours -------------------------------------------------------------------------------------------------

    private static Color skinColour(FaceSpec face) {
        if (face.has("Pale_Skin")) {
            return PALE;
        }
        double t = face.identity().skinShade() * (SKIN.length - 1);
        int i = Math.min(SKIN.length - 2, (int) t);
        Color c = mix(SKIN[i], SKIN[i + 1], t - i);
        return face.has("Young") ? c : mix(c, new Color(150, 140, 135), 0.12);
    }

    private static Color hairColour(FaceSpec face) {
        Color base = face.has("Black_Hair") ? HAIR_BLACK : face.has("Blond_Hair") ? HAIR_BLOND
                : face.has("Brown_Hair") ? HAIR_BROWN : face.has("Gray_Hair") ? HAIR_GRAY : HAIR_OTHER;
        return scale(base, 1 + 0.08 * face.identity().hairShade());
    }

    // ---- head shape, body --------------------------------------------------------------------------------------

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

    private void paintBody(Graphics2D g) {
        double neck = has("Male") ? 0.25 : 0.2;
        double shoulder = has("Male") ? 1.35 : 1.15;
        Path2D torso = Shapes.smoothClosed(-neck, 0.84, -shoulder * 0.7, 0.98, -shoulder, 1.3, -shoulder * 1.05, 2.6,
                shoulder * 1.05, 2.6, shoulder, 1.3, shoulder * 0.7, 0.98, neck, 0.84);
        fill(g, torso, face.shirt());
        fill(g, new Rectangle2D.Double(-neck, 0.35, 2 * neck, 0.55), scale(skin, 0.9));
        fill(g, ellipse(0, 0.87, neck, 0.07), scale(skin, 0.9));
        fill(g, ellipse(0, geo.chinY() - 0.02, neck * 1.1, 0.12), scale(skin, 0.72));
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

    private void paintEars(Graphics2D g) {
        double x = geo.halfWidth() - 0.005;
        for (int side = -1; side <= 1; side += 2) {
            fill(g, ellipse(side * x, -0.02, 0.07, 0.13), scale(skin, 0.93));
            draw(g, ellipse(side * (x + 0.01), -0.02, 0.035, 0.08), scale(skin, 0.72), 0.012);
        }
    }

    // ---- skin marks ------------------------------------------------------------------------------------------------

    private void paintSkinMarks(Graphics2D g, Shape outline) {
        double nose = geo.noseTipY();
        if (has("High_Cheekbones")) {
            for (int s = -1; s <= 1; s += 2) {
                fill(g, ellipse(s * 0.27, nose - 0.1, 0.11, 0.05), alpha(scale(skin, 1.18), 0.8));
                draw(g, quad(s * (geo.halfWidth() - 0.04), nose - 0.04, s * 0.36, nose + 0.09, s * 0.2, nose + 0.1),
                        alpha(scale(skin, 0.7), 0.75), 0.045);
            }
        }
        if (has("Rosy_Cheeks")) {
            for (int s = -1; s <= 1; s += 2) {
                fill(g, ellipse(s * 0.28, nose + 0.02, 0.11, 0.07), new Color(236, 60, 84, 140));
            }
        }
        if (has("Bags_Under_Eyes")) {
            Color bag = alpha(mix(scale(skin, 0.55), new Color(90, 50, 110), 0.3), 0.85);
            for (int s = -1; s <= 1; s += 2) {
                double ex = s * geo.eyeX() + geo.yaw();
                draw(g, quad(ex - 0.075, geo.eyeY() + 0.045, ex, geo.eyeY() + 0.12, ex + 0.075, geo.eyeY() + 0.045),
                        bag, 0.036);
                draw(g, quad(ex - 0.06, geo.eyeY() + 0.08, ex, geo.eyeY() + 0.15, ex + 0.06, geo.eyeY() + 0.08),
                        alpha(bag, 0.7), 0.024);
            }
        }
        if (!has("Young")) {
            Color line = scale(skin, 0.62);
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
                        scale(skin, 0.7), 0.014);
            }
        }
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

    private void paintBeards(Graphics2D g, Shape outline) {
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
            draw(g, quad(ex - 0.065, ey + 0.004, ex, ey + ry * 1.7, ex + 0.065, ey + 0.004), scale(skin, 0.7), 0.008);
            if (narrow) {
                draw(g, quad(ex - 0.08, ey + 0.03, ex, ey + 0.045, ex + 0.08, ey + 0.03), scale(skin, 0.62), 0.016);
            }
            paintBrow(g, s, ex);
        }
    }

    private void paintBrow(Graphics2D g, int s, double ex) {
        double by = geo.eyeY() - 0.105;
        double inner = ex - s * 0.075;
        double outer = ex + s * (has("Bushy_Eyebrows") ? 0.115 : 0.095);
        double peakX = has("Arched_Eyebrows") ? ex + s * 0.03 : ex;
        double peakY = has("Arched_Eyebrows") ? by - 0.1 : by - 0.03;
        double outerY = has("Arched_Eyebrows") ? by + 0.025 : by;
        double width = has("Bushy_Eyebrows") ? 0.062 : has("Male") ? 0.036 : 0.022;
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
        Color line = scale(skin, big ? 0.62 : 0.76);
        for (int s = -1; s <= 1; s += 2) {
            draw(g, quad(x + s * 0.03, geo.eyeY() + 0.03, x + s * 0.035, tip - 0.08, x + s * w * 0.8, tip - 0.02),
                    alpha(line, 0.7), big ? 0.02 : 0.013);
        }
        if (has("Pointy_Nose")) {
            fill(g, polygon(x - w * 0.45, geo.eyeY() + 0.08, x + w * 0.45, geo.eyeY() + 0.08, x + w * 0.7, tip - 0.02,
                    x, tip + 0.085, x - w * 0.7, tip - 0.02), scale(skin, 0.64));
            draw(g, new java.awt.geom.Line2D.Double(x, geo.eyeY() + 0.06, x, tip + 0.03), scale(skin, 1.2), 0.024);
        } else {
            fill(g, ellipse(x, tip - 0.01, w * 0.8, w * 0.65), scale(skin, 0.84));
            fill(g, ellipse(x - w * 0.1, tip - 0.025, w * 0.42, w * 0.32), scale(skin, 1.14));
        }
        for (int s = -1; s <= 1; s += 2) {
            fill(g, ellipse(x + s * w * 0.55, tip + 0.025, w * 0.33, big ? 0.022 : 0.015), scale(skin, 0.42));
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
        Color lips = has("Wearing_Lipstick") ? face.lipstick() : mix(scale(skin, 0.78), new Color(180, 80, 80), 0.4);
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

    private void paintMustache(Graphics2D g) {
        double x = geo.yaw();
        double y = geo.mouthY() - geo.cornerLift() * 0.5;
        double mw = geo.mouthHalfWidth() + 0.035;
        double top = geo.noseTipY() + 0.035;
        Path2D m = Shapes.smoothClosed(x - mw, y + 0.03, x - mw * 0.6, top + 0.01, x, top, x + mw * 0.6, top + 0.01,
                x + mw, y + 0.03, x + mw * 0.5, y - 0.045, x, y - 0.05, x - mw * 0.5, y - 0.045);
        fill(g, m, scale(has("Bald") ? brows : hair, 0.75));
    }

    // ---- hair, hat, glasses, earrings ----------------------------------------------------------------------------

    private double headRadiusX() {
        HairLength l = face.identity().hairLength();
        return geo.halfWidth() + (l == HairLength.SHORT ? 0.05 : 0.09) + (has("Wavy_Hair") ? 0.03 : 0);
    }

    private void paintBackHair(Graphics2D g, HairLength length) {
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

    private void paintTopHair(Graphics2D g) {
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

    private void paintHat(Graphics2D g) {
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

    private void paintGlasses(Graphics2D g) {
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

    private void paintEarrings(Graphics2D g) {
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
