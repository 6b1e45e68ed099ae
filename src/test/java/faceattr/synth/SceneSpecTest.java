package faceattr.synth;

import faceattr.geometry.Box;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Photos vary like the issue asks: sizes, face share, rotation, JPEG quality; the face box stays inside. */
class SceneSpecTest {

    @Test
    void scenesStayWithinTheDocumentedRanges() {
        double minShare = 1;
        double maxShare = 0;
        double maxRoll = 0;
        for (int i = 0; i < 3000; i++) {
            Identity p = IdentityFactory.create(8, i % 200 + 1);
            FaceSpec face = SynthGenerator.faceOf(8, i, p);
            SceneSpec scene = SynthGenerator.sceneOf(8, i, face);
            FaceGeometry geo = FaceGeometry.of(face);
            assertTrue(scene.width() >= 160 && scene.width() <= 400 && scene.height() >= 160
                    && scene.height() <= 400, scene.width() + "x" + scene.height());
            assertTrue(scene.jpegQuality() >= 60 && scene.jpegQuality() <= 95);
            assertTrue(Math.abs(scene.roll()) <= Math.toRadians(25) + 1e-9);
            double share = 2 * geo.boxHalfWidth() * scene.scale() / Math.min(scene.width(), scene.height());
            minShare = Math.min(minShare, share);
            maxShare = Math.max(maxShare, share);
            maxRoll = Math.max(maxRoll, Math.abs(scene.roll()));
            Box box = WildRenderer.faceBox(geo, scene);
            assertTrue(box.x() >= -1e-6 && box.y() >= -1e-6 && box.x() + box.width() <= scene.width() + 1e-6
                    && box.y() + box.height() <= scene.height() + 1e-6, "face box inside the photo: " + box);
            double ratio = box.width() / box.height();
            assertTrue(ratio > 0.65 && ratio < 1.2, "box proportions " + ratio);
        }
        assertTrue(minShare >= 0.149 && minShare < 0.17, "smallest face share " + minShare);
        assertTrue(maxShare <= 0.601 && maxShare > 0.55, "largest face share " + maxShare);
        assertTrue(maxRoll > Math.toRadians(24), "rotations reach about 25 degrees: " + Math.toDegrees(maxRoll));
    }

    @Test
    void clutterColoursAreNeverSkinLike() {
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < 5000; i++) {
            Color c = Clutter.colour(r);
            float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
            boolean skinLike = hsb[0] > 0.005 && hsb[0] < 0.115 && hsb[1] > 0.16 && hsb[1] < 0.64 && hsb[2] > 0.36;
            assertTrue(!skinLike, "skin-like clutter colour " + c);
        }
    }
}
