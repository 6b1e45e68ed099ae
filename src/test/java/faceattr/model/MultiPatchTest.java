package faceattr.model;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiPatchTest {

    @Test
    void inferenceAveragesTheFeaturesOfAllPatches() {
        ModelBundle bundle = TestModels.randomBundle(PatchLayout.fivePatches(1.25), 5);
        Cascade cascade = bundle.cascade();
        BufferedImage image = TestModels.picture(200, 160, 3, 1);
        List<BufferedImage> images = List.of(image);

        Cascade.Analysis dominant = cascade.analyzeDominant(images).get(0);
        float[][] patches = cascade.patchFeatures(images, List.of(dominant.box()));
        assertEquals(5, patches.length, "five patches per face");
        float[] mean = new float[patches[0].length];
        for (float[] p : patches) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += p[d] / patches.length;
            }
        }
        assertFalse(java.util.Arrays.equals(patches[0], patches[1]), "shifted patches see different pixels");
        float[] used = cascade.features(images, List.of(dominant.box()))[0];
        assertArrayEquals(mean, used, 1e-5f, "the feature is the patch average");
        AttributeClassifiers c = bundle.classifiers();
        assertArrayEquals(c.probabilities(c.scores(mean)), dominant.probabilities(), 1e-5f,
                "evaluation classifies the averaged feature");

        // tag(): the same averaging on every detected face
        List<LNetPass.Candidate> found = cascade.localize(images, true).get(0);
        TaggedImage tagged = cascade.tag(images).get(0);
        assertEquals(found.size(), tagged.faces().size());
        float[] expected = c.probabilities(c.scores(cascade.features(images, List.of(found.get(0).box()))[0]));
        assertArrayEquals(expected, tagged.faces().get(0).probabilities(), 1e-5f);

        // and it differs from using the centre patch alone
        ModelBundle single = new ModelBundle(new BundleManifest(bundle.manifest().formatVersion(), "centre",
                bundle.manifest().profile(), bundle.manifest().attributes(), bundle.manifest().lnetInputs(),
                bundle.manifest().anetInput(), bundle.manifest().featureSize(), bundle.manifest().localizer(),
                bundle.manifest().calibration(), PatchLayout.centreOnly(1.25), bundle.manifest().thresholds(),
                bundle.manifest().training(), bundle.manifest().metrics()), bundle.lnets(), bundle.anet(),
                bundle.classifiers());
        float[] centre = single.cascade().features(images, List.of(dominant.box()))[0];
        assertArrayEquals(patches[0], centre, 1e-4f, "patch 0 is the centre patch (batch size changes float rounding)");
        assertTrue(maxAbsDiff(centre, used) > 1e-2, "multi-patch feature is not the centre feature");
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
