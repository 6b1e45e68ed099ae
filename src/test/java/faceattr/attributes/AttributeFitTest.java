package faceattr.attributes;

import faceattr.model.AttributeClassifiers;
import faceattr.model.ModelBundle;
import faceattr.model.PatchLayout;
import faceattr.model.TestModels;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classifier procedure of 'attributes add' and the bundle edits, on features with a known answer. */
class AttributeFitTest {

    /** Rows of 32 features; the label is feature 3 plus noise above 0 (a sparse linear read-out, as in the paper). */
    private static float[][] features(int n, long seed, boolean[] y) {
        Random r = new Random(seed);
        float[][] x = new float[n][32];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 32; d++) {
                x[i][d] = (float) r.nextGaussian();
            }
            y[i] = x[i][3] + 0.3 * r.nextGaussian() > 0;
        }
        return x;
    }

    @Test
    void learnsASparseLinearAttributeAndItsCrossValidationPredictsHeldOutAccuracy() {
        boolean[] y = new boolean[120];
        float[][] x = features(120, 1, y);
        AttributeFit.Fitted f = AttributeFit.fit(x, y, 7);
        boolean[] testY = new boolean[2000];
        float[][] test = features(2000, 2, testY);
        int correct = 0;
        for (int i = 0; i < test.length; i++) {
            correct += (f.svm().decision(test[i]) >= f.threshold()) == testY[i] ? 1 : 0;
        }
        double accuracy = correct / (double) test.length;
        assertTrue(accuracy > 0.75, "held-out accuracy " + accuracy + " (majority baseline about 0.5)");
        AttributeFit.CrossValidated cv = AttributeFit.crossValidate(x, y, null, 7);
        assertEquals(5, cv.folds());
        assertTrue(Math.abs(cv.accuracy() - accuracy) < 0.12, "cv " + cv.accuracy() + " vs held-out " + accuracy);
        assertTrue(cv.balancedAccuracy() > 0.75, "cv balanced " + cv.balancedAccuracy());
        // the calibrated probability is high for a clear positive and low for a clear negative
        float[] clear = new float[32];
        clear[3] = 3;
        assertTrue(f.platt().probability(f.svm().decision(clear)) > 0.8);
        clear[3] = -3;
        assertTrue(f.platt().probability(f.svm().decision(clear)) < 0.2);
    }

    @Test
    void aRarerAttributeInTheStreamRaisesTheThresholdAndLowersTheProbability() {
        boolean[] y = new boolean[120];
        float[][] x = features(120, 1, y);
        AttributeFit.Fitted asLabelled = AttributeFit.fit(x, y, 7);
        AttributeFit.Fitted rare = asLabelled.forPositiveRate(0.1, AttributeFit.positiveShare(y));
        assertTrue(rare.threshold() > asLabelled.threshold(), rare.threshold() + " vs " + asLabelled.threshold());
        float[] borderline = new float[32];
        double s = asLabelled.svm().decision(borderline);
        assertTrue(rare.platt().probability(s) < asLabelled.platt().probability(s));
        assertEquals(0.5, rare.platt().probability(rare.threshold()), 1e-9, "the threshold is where p = 0.5");
        // on a stream with 10% positives the shifted classifier is the more accurate one
        boolean[] testY = new boolean[4000];
        float[][] test = features(4000, 2, testY);
        int shown = 0, correctRare = 0, correctLabelled = 0;
        for (int i = 0; i < test.length && shown < 2000; i++) {
            if (testY[i] && i % 9 != 0) {
                continue; // thin out the positives to about 10%
            }
            shown++;
            double d = asLabelled.svm().decision(test[i]);
            correctRare += (d >= rare.threshold()) == testY[i] ? 1 : 0;
            correctLabelled += (d >= asLabelled.threshold()) == testY[i] ? 1 : 0;
        }
        assertTrue(correctRare > correctLabelled, correctRare + " vs " + correctLabelled + " of " + shown);
        assertThrows(IllegalArgumentException.class, () -> asLabelled.forPositiveRate(1.0, 0.5));
    }

    @Test
    void foldsAreStratifiedAndTooFewPhotosOfALabelIsAClearError() {
        boolean[] y = {true, true, true, false, false, false, false, false, false, false};
        int[] fold = AttributeFit.stratifiedFolds(y, 3, 5);
        for (int k = 0; k < 3; k++) {
            int pos = 0;
            for (int i = 0; i < y.length; i++) {
                pos += fold[i] == k && y[i] ? 1 : 0;
            }
            assertEquals(1, pos, "each fold has one of the three positives");
        }
        boolean[] one = {true, false, false, false};
        var e = assertThrows(IllegalArgumentException.class, () -> AttributeFit.fit(new float[4][2], one, 1));
        assertTrue(e.getMessage().contains("at least 2 positive and 2 negative"), e.getMessage());
    }

    @Test
    void addAndRemoveGiveNewVersionsAndKeepTheManifestInStepWithTheClassifiers() {
        ModelBundle base = TestModels.randomBundle(PatchLayout.fivePatches(1.25), 3);
        AttributeClassifiers.Attribute first = base.classifiers().attributes().get(0);
        ModelBundle added = BundleAttributes.add(base, new AttributeClassifiers.Attribute("Mask", first.svm(), 0.5,
                first.platt()), Map.of("cvAccuracy", 0.9));
        assertEquals(41, added.classifiers().attributes().size());
        assertEquals("Mask", added.cascade().attributeNames().get(40));
        assertEquals(added.classifiers().names(), added.manifest().attributes());
        assertEquals(0.5, added.manifest().thresholds().get("Mask"));
        assertNotEquals(base.manifest().version(), added.manifest().version());
        assertEquals(base.manifest().version(), BundleAttributes.edits(added.manifest()).get(0).get("from"));
        assertEquals(0.9, BundleAttributes.edits(added.manifest()).get(0).get("cvAccuracy"));

        ModelBundle removed = BundleAttributes.remove(added, "Mask");
        assertEquals(base.classifiers().names(), removed.classifiers().names());
        assertEquals(2, BundleAttributes.edits(removed.manifest()).size());
        assertThrows(IllegalArgumentException.class, () -> BundleAttributes.remove(removed, "Mask"));
        assertThrows(IllegalArgumentException.class, () -> BundleAttributes.add(added, new AttributeClassifiers.Attribute(
                "Mask", first.svm(), 0, first.platt()), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> BundleAttributes.checkName("has space"));
    }
}
