package faceattr.synth;

import faceattr.data.CelebaFormat;
import org.junit.jupiter.api.Test;

import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The aligned crop is a similarity transform of the wild photo that puts the eyes at fixed positions. */
class AlignerTest {

    @Test
    void transformIsASimilarityMappingEyesToTheirTargets() {
        AffineTransform t = Aligner.transform(120, 80, 170, 105);
        Point2D left = t.transform(new Point2D.Double(120, 80), null);
        Point2D right = t.transform(new Point2D.Double(170, 105), null);
        assertEquals(Aligner.LEFT_EYE_X, left.getX(), 1e-9);
        assertEquals(Aligner.EYE_Y, left.getY(), 1e-9);
        assertEquals(Aligner.RIGHT_EYE_X, right.getX(), 1e-9);
        assertEquals(Aligner.EYE_Y, right.getY(), 1e-9);
        // uniform scale, no shear: the linear part is a scaled rotation
        assertEquals(t.getScaleX(), t.getScaleY(), 1e-12);
        assertEquals(t.getShearX(), -t.getShearY(), 1e-12);
    }

    @Test
    void cropPixelsComeFromTheWildPhotoThroughTheTransform() throws Exception {
        Identity p = IdentityFactory.create(2, 3);
        FaceSpec face = SynthGenerator.faceOf(2, 5, p);
        SceneSpec scene = SynthGenerator.sceneOf(2, 5, face);
        RenderedFace wild = WildRenderer.render(face, scene);
        double[] lm = wild.landmarks();
        AffineTransform t = Aligner.transform(lm[0], lm[1], lm[2], lm[3]);
        BufferedImage crop = Aligner.crop(wild.image(), t);
        assertEquals(CelebaFormat.ALIGNED_WIDTH, crop.getWidth());
        assertEquals(CelebaFormat.ALIGNED_HEIGHT, crop.getHeight());
        AffineTransform back = t.createInverse();
        int close = 0;
        int checked = 0;
        for (int y = 60; y < 200; y += 7) {
            for (int x = 30; x < 150; x += 7) {
                Point2D src = back.transform(new Point2D.Double(x + 0.5, y + 0.5), null);
                int sx = (int) Math.floor(src.getX());
                int sy = (int) Math.floor(src.getY());
                if (sx < 1 || sy < 1 || sx >= wild.image().getWidth() - 1 || sy >= wild.image().getHeight() - 1) {
                    continue;
                }
                checked++;
                close += distance(crop.getRGB(x, y), wild.image().getRGB(sx, sy)) < 60 ? 1 : 0;
            }
        }
        assertTrue(checked > 100, "enough sample points inside the photo: " + checked);
        assertTrue(close > checked * 0.85, close + " of " + checked + " crop pixels match their source");
    }

    private static int distance(int a, int b) {
        return Math.abs(((a >> 16) & 255) - ((b >> 16) & 255)) + Math.abs(((a >> 8) & 255) - ((b >> 8) & 255))
                + Math.abs((a & 255) - (b & 255));
    }
}
