package faceattr.synth;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

import static faceattr.synth.Seeds.range;

/** Face-free photos from the same clutter, sizes and degradations as the face images (negatives for LNet). */
final class Backgrounds {
    private Backgrounds() {
    }

    static BufferedImage render(SplittableRandom r) {
        int w = (int) range(r, 160, 401);
        int h = (int) Math.max(160, Math.min(400, Math.round(w * Math.exp(range(r, Math.log(0.7), Math.log(1.45))))));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Clutter.paint(g, w, h, new SplittableRandom(r.nextLong()));
        g.dispose();
        double[] cast = {range(r, 0.86, 1.14), range(r, 0.88, 1.12), range(r, 0.86, 1.14)};
        PhotoEffects.light(img, cast, range(r, 0.8, 1.12), range(r, 0.8, 1.1), range(r, 0, 0.3),
                range(r, 0, 2 * Math.PI), r.nextInt(7), r);
        if (r.nextDouble() < 0.05) {
            PhotoEffects.blur(img, 2 + r.nextInt(3));
        }
        return img;
    }
}
