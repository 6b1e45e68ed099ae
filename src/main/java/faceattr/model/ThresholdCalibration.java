package faceattr.model;

import java.util.Arrays;

/**
 * The face/background decision boundary: the score threshold that best separates the histogram of max window scores
 * on face images from the one on background-only images (equal weight to both classes), as in the paper's Fig. 3b.
 *
 * @param threshold scores at or above it are faces
 * @param spread    a scale for turning (score − threshold) into the face confidence ({@link #confidence})
 * @param errorRate the balanced error of the threshold on the calibration scores
 */
public record ThresholdCalibration(double threshold, double spread, double errorRate) {

    public static ThresholdCalibration fit(double[] faceScores, double[] backgroundScores) {
        if (faceScores.length == 0 || backgroundScores.length == 0) {
            throw new IllegalArgumentException("calibration needs face and background scores (got "
                    + faceScores.length + " and " + backgroundScores.length + ")");
        }
        double[] faces = faceScores.clone();
        double[] bgs = backgroundScores.clone();
        Arrays.sort(faces);
        Arrays.sort(bgs);
        double[] all = new double[faces.length + bgs.length];
        System.arraycopy(faces, 0, all, 0, faces.length);
        System.arraycopy(bgs, 0, all, faces.length, bgs.length);
        Arrays.sort(all);
        double bestError = Double.POSITIVE_INFINITY;
        double bestThreshold = all[0];
        // candidate thresholds: below everything, and midpoints between consecutive distinct scores
        for (int i = 0; i <= all.length; i++) {
            double t;
            if (i == 0) {
                t = all[0] - 1e-9;
            } else if (i == all.length) {
                t = all[all.length - 1] + 1e-9;
            } else {
                if (all[i] == all[i - 1]) {
                    continue;
                }
                t = (all[i - 1] + all[i]) / 2;
            }
            double error = sortedBalancedError(faces, bgs, t);
            if (error < bestError - 1e-12) {
                bestError = error;
                bestThreshold = t;
            }
        }
        // half the gap between the medians is 4 spreads: a typical face scores about 0.98
        double spread = Math.max(1e-6, (median(faces) - median(bgs)) / 8);
        return new ThresholdCalibration(bestThreshold, spread, bestError);
    }

    /** Balanced error of a threshold: the mean of the missed-face rate and the background-passing rate. */
    public static double balancedError(double[] faceScores, double[] backgroundScores, double threshold) {
        double[] faces = faceScores.clone();
        double[] bgs = backgroundScores.clone();
        Arrays.sort(faces);
        Arrays.sort(bgs);
        return sortedBalancedError(faces, bgs, threshold);
    }

    private static double sortedBalancedError(double[] faces, double[] bgs, double t) {
        double missed = countBelow(faces, t) / (double) faces.length;
        double falseAlarms = (bgs.length - countBelow(bgs, t)) / (double) bgs.length;
        return (missed + falseAlarms) / 2;
    }

    /** Probability-like confidence that a window with this score is a face: 0.5 at the threshold. */
    public double confidence(double score) {
        return 1 / (1 + Math.exp(-(score - threshold) / spread));
    }

    public boolean isFace(double score) {
        return score >= threshold;
    }

    private static int countBelow(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
