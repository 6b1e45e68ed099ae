package faceattr.model;

/**
 * Is this window a face? A linear SVM (class-balanced hinge loss) over the window's patch-averaged ANet features and
 * LNet's face score, trained on the windows LNet picks on face images against those it picks on background-only
 * images: image-level face / no-face labels, never a box. LNet's score says whether the image holds a face; ANet's
 * features say whether <em>this crop</em> looks like one, so a face whose window missed it scores lower and a
 * background window that only resembles a face in LNet's coarse map is rejected. Its decision value is the face score
 * the bundle's {@link ThresholdCalibration} applies to (bundles without a verifier threshold LNet's score).
 *
 * @param standardizer over the features followed by LNet's score
 * @param svm          face (positive) against background
 */
public record FaceVerifier(Standardizer standardizer, LinearSvm svm) {

    /**
     * @param faceFeatures patch-averaged ANet features of the windows on face images
     * @param faceScores   LNet's scores of those windows
     * @param c            SVM cost
     */
    public static FaceVerifier train(float[][] faceFeatures, double[] faceScores, float[][] backgroundFeatures,
                                     double[] backgroundScores, double c, long seed) {
        if (faceFeatures.length == 0 || backgroundFeatures.length == 0) {
            throw new IllegalArgumentException("the face verifier needs face and background windows (got "
                    + faceFeatures.length + " and " + backgroundFeatures.length + ")");
        }
        int n = faceFeatures.length + backgroundFeatures.length;
        float[][] x = new float[n][];
        boolean[] face = new boolean[n];
        for (int i = 0; i < faceFeatures.length; i++) {
            x[i] = input(faceFeatures[i], faceScores[i]);
            face[i] = true;
        }
        for (int i = 0; i < backgroundFeatures.length; i++) {
            x[faceFeatures.length + i] = input(backgroundFeatures[i], backgroundScores[i]);
        }
        Standardizer standardizer = Standardizer.fit(x);
        return new FaceVerifier(standardizer, LinearSvm.train(standardizer.applyAll(x), face, c, true, 200, 0.1, seed));
    }

    /** The face score of a window: the SVM's decision value, higher for faces. */
    public double score(float[] features, double lnetScore) {
        return svm.decision(standardizer.apply(input(features, lnetScore)));
    }

    private static float[] input(float[] features, double lnetScore) {
        float[] x = java.util.Arrays.copyOf(features, features.length + 1);
        x[features.length] = (float) lnetScore;
        return x;
    }
}
