package faceattr.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceVerifierTest {

    @Test
    void learnsFromTheFeaturesWhatLNetsScoreCannotTell() {
        Random r = new Random(5);
        int n = 300;
        float[][] faces = new float[n][];
        float[][] backgrounds = new float[n][];
        double[] faceScores = new double[n];
        double[] backgroundScores = new double[n];
        for (int i = 0; i < n; i++) {
            faces[i] = features(r, 1.0f);
            backgrounds[i] = features(r, -1.0f);
            // LNet's score is the same noise for both: only the features separate them
            faceScores[i] = r.nextDouble();
            backgroundScores[i] = r.nextDouble();
        }
        FaceVerifier v = FaceVerifier.train(faces, faceScores, backgrounds, backgroundScores, 0.005, 1);
        double[] f = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = v.score(features(r, 1.0f), r.nextDouble());
            b[i] = v.score(features(r, -1.0f), r.nextDouble());
        }
        ThresholdCalibration byVerifier = ThresholdCalibration.fit(f, b);
        assertTrue(byVerifier.errorRate() < 0.05, "held-out balanced error " + byVerifier.errorRate());
    }

    @Test
    void aHigherLNetScoreRaisesTheFaceScoreWhenItIsWhatSeparates() {
        Random r = new Random(6);
        int n = 300;
        float[][] faces = new float[n][];
        float[][] backgrounds = new float[n][];
        double[] faceScores = new double[n];
        double[] backgroundScores = new double[n];
        for (int i = 0; i < n; i++) {
            faces[i] = features(r, 0);
            backgrounds[i] = features(r, 0);
            faceScores[i] = 0.7 + 0.3 * r.nextDouble();
            backgroundScores[i] = 0.5 * r.nextDouble();
        }
        FaceVerifier v = FaceVerifier.train(faces, faceScores, backgrounds, backgroundScores, 0.005, 2);
        float[] x = features(r, 0);
        assertTrue(v.score(x, 0.9) > v.score(x, 0.2), "LNet's score counts: " + v.score(x, 0.9) + " vs "
                + v.score(x, 0.2));
    }

    /** 16 noisy features; the first four lean towards {@code shift}. */
    private static float[] features(Random r, float shift) {
        float[] x = new float[16];
        for (int d = 0; d < x.length; d++) {
            x[d] = (float) r.nextGaussian() + (d < 4 ? shift : 0);
        }
        return x;
    }
}
