package faceattr.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifierMathTest {

    @Test
    void svmSeparatesLinearlySeparableData() {
        Random r = new Random(3);
        int n = 400;
        float[][] x = new float[n][5];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 5; d++) {
                x[i][d] = (float) r.nextGaussian();
            }
            double margin = 2 * x[i][0] - x[i][2] + 0.5;
            if (Math.abs(margin) < 0.3) { // keep a gap so the data are separable with a margin
                x[i][0] += (float) (margin > 0 ? 0.3 : -0.3);
                margin = 2 * x[i][0] - x[i][2] + 0.5;
            }
            y[i] = margin > 0;
        }
        LinearSvm svm = LinearSvm.train(x, y, 10, false, 1000, 1e-3, 1);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += (svm.decision(x[i]) > 0) == y[i] ? 1 : 0;
        }
        assertEquals(n, correct, "hard-margin-like SVM fits separable data exactly");
        assertTrue(svm.weights()[0] > 0 && svm.weights()[2] < 0, "weights point along the true normal");
        assertTrue(Math.abs(svm.weights()[1]) < 0.3 * svm.weights()[0], "irrelevant feature gets little weight");
    }

    @Test
    void plattScalingIsMonotoneAndCalibrated() {
        double[] s = new double[200];
        boolean[] y = new boolean[200];
        Random r = new Random(5);
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextGaussian() * 2;
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-2 * s[i]));
        }
        PlattScaling p = PlattScaling.fit(s, y);
        assertTrue(p.probability(2) > p.probability(0) && p.probability(0) > p.probability(-2));
        assertEquals(0.5, p.probability(0), 0.15);
        assertTrue(p.probability(3) > 0.9);
    }

    @Test
    void classifiersChooseThresholdsOnHeldOutDataAndHandleConstantAttributes() {
        Random r = new Random(9);
        int n = 300;
        float[][] x = new float[n][3];
        boolean[][] y = new boolean[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) (r.nextGaussian() + 40); // an offset that standardisation must remove
            x[i][1] = (float) r.nextGaussian();
            x[i][2] = (float) r.nextGaussian();
            y[i][0] = x[i][0] - 40 + 0.3 * r.nextGaussian() > 0.8; // imbalanced attribute
            y[i][1] = true;                                      // constant attribute
        }
        AttributeClassifiers c = AttributeClassifiers.train(List.of("a", "b"), sub(x, 0, 200), sub(y, 0, 200),
                sub(x, 200, 300), sub(y, 200, 300), 1.0, 1);
        int correct = 0;
        int majority = 0;
        for (int i = 200; i < n; i++) {
            boolean[] d = c.decisions(c.scores(x[i]));
            correct += d[0] == y[i][0] ? 1 : 0;
            majority += y[i][0] ? 0 : 1;
            assertTrue(d[1], "a constant attribute predicts its only value");
        }
        assertTrue(correct > majority, "better than always-negative: " + correct + " vs " + majority);
        assertTrue(correct >= 90, "accuracy " + correct + "/100");
        float[] p = c.probabilities(c.scores(new float[]{45, 0, 0}));
        assertTrue(p[0] > 0.9, "far on the positive side: confident");
        assertFalse(c.decisions(c.scores(new float[]{36, 0, 0}))[0]);
    }

    @Test
    void thresholdCalibrationSeparatesTwoHistograms() {
        Random r = new Random(1);
        double[] faces = new double[500];
        double[] bgs = new double[500];
        for (int i = 0; i < 500; i++) {
            faces[i] = 1.0 + 0.2 * r.nextGaussian();
            bgs[i] = 0.2 + 0.15 * r.nextGaussian();
        }
        ThresholdCalibration c = ThresholdCalibration.fit(faces, bgs);
        assertTrue(c.threshold() > 0.45 && c.threshold() < 0.75, "boundary between the modes: " + c.threshold());
        assertTrue(c.errorRate() < 0.03, "the two modes overlap by about 1% on each side: " + c.errorRate());
        assertTrue(c.isFace(1.0) && !c.isFace(0.2));
        assertTrue(c.confidence(1.0) > 0.9 && c.confidence(0.2) < 0.1);
        assertEquals(0.5, c.confidence(c.threshold()), 1e-9);
        ThresholdCalibration exact = ThresholdCalibration.fit(new double[]{3, 4, 5}, new double[]{0, 1, 2});
        assertEquals(2.5, exact.threshold(), 1e-9);
        assertEquals(0, exact.errorRate(), 1e-12);
    }

    @Test
    void balancedErrorOfAFixedThresholdIsTheMeanOfBothClassesErrors() {
        double[] faces = {0.9, 0.2, 0.8};
        double[] bgs = {0.85, 0.1};
        // one face of three below 0.5, one background of two at or above it
        assertEquals((1 / 3.0 + 1 / 2.0) / 2, ThresholdCalibration.balancedError(faces, bgs, 0.5), 1e-12);
        assertEquals(0.9, faces[0], 0.0, "the caller's arrays are not reordered");
        ThresholdCalibration fitted = ThresholdCalibration.fit(faces, bgs);
        assertEquals(fitted.errorRate(), ThresholdCalibration.balancedError(faces, bgs, fitted.threshold()), 1e-12,
                "fit reports the balanced error of the threshold it chose");
    }

    private static float[][] sub(float[][] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }

    private static boolean[][] sub(boolean[][] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }
}
