package faceattr.synth;

import faceattr.data.CelebaFormat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * CelebA's alignment: a similarity transform (rotation, uniform scale, translation) that puts the two eyes at fixed
 * positions of a 178×218 crop.
 */
public final class Aligner {
    /** Eye positions in the aligned crop (CelebA's mean aligned eye landmarks are about (69,111) and (107,112)). */
    public static final double LEFT_EYE_X = 70;
    public static final double RIGHT_EYE_X = 108;
    public static final double EYE_Y = 112;

    private Aligner() {
    }

    /** The transform from wild pixels to aligned pixels given the wild eye centres (image-left eye first). */
    public static AffineTransform transform(double lx, double ly, double rx, double ry) {
        double angle = Math.atan2(ry - ly, rx - lx);
        double scale = (RIGHT_EYE_X - LEFT_EYE_X) / Math.hypot(rx - lx, ry - ly);
        AffineTransform t = new AffineTransform();
        t.translate((LEFT_EYE_X + RIGHT_EYE_X) / 2, EYE_Y);
        t.scale(scale, scale);
        t.rotate(-angle);
        t.translate(-(lx + rx) / 2, -(ly + ry) / 2);
        return t;
    }

    /** Resamples (bilinear) the wild image through {@code t}; outside the photo is black. */
    public static BufferedImage crop(BufferedImage wild, AffineTransform t) {
        BufferedImage out = new BufferedImage(CelebaFormat.ALIGNED_WIDTH, CelebaFormat.ALIGNED_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(wild, t, null);
        g.dispose();
        return out;
    }
}
