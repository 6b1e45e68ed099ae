package faceattr.model;

import java.util.Random;

/**
 * A linear SVM, L2-regularized hinge loss, trained by dual coordinate descent (Hsieh et al. 2008, the LIBLINEAR
 * solver for L2R_L1LOSS_SVC_DUAL), with the bias as an extra constant feature. Class weights scale C per class.
 * Hand-written rather than LIBLINEAR's Java port because it walks dense {@code float[]} rows: the port keeps one
 * object per feature value, which on dense ANet features costs it several times the time and hundreds of times the
 * memory for the same accuracy (docs/history.md, 2026-12-05, has the comparison).
 *
 * @param weights one per feature
 * @param bias    added to the dot product
 */
public record LinearSvm(float[] weights, double bias) {

    /**
     * @param x        rows of features (already standardized)
     * @param positive labels
     * @param c        cost of a margin violation
     * @param balanced weight each class's C by n / (2 n_class) so rare classes are not ignored
     */
    public static LinearSvm train(float[][] x, boolean[] positive, double c, boolean balanced, int maxIterations,
                                  double epsilon, long seed) {
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("no training examples");
        }
        int dim = x[0].length;
        int nPos = 0;
        for (boolean p : positive) {
            nPos += p ? 1 : 0;
        }
        int nNeg = n - nPos;
        double cPos = balanced && nPos > 0 ? c * n / (2.0 * nPos) : c;
        double cNeg = balanced && nNeg > 0 ? c * n / (2.0 * nNeg) : c;
        double[] w = new double[dim + 1];
        double[] alpha = new double[n];
        double[] qii = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 1; // bias feature
            for (float v : x[i]) {
                s += v * v;
            }
            qii[i] = s;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int iter = 0; iter < maxIterations; iter++) {
            shuffle(order, random);
            double maxPg = Double.NEGATIVE_INFINITY;
            double minPg = Double.POSITIVE_INFINITY;
            for (int i : order) {
                double y = positive[i] ? 1 : -1;
                double upper = positive[i] ? cPos : cNeg;
                double g = y * dot(w, x[i]) - 1;
                double pg = g;
                if (alpha[i] == 0) {
                    pg = Math.min(g, 0);
                } else if (alpha[i] == upper) {
                    pg = Math.max(g, 0);
                }
                maxPg = Math.max(maxPg, pg);
                minPg = Math.min(minPg, pg);
                if (Math.abs(pg) > 1e-12) {
                    double old = alpha[i];
                    alpha[i] = Math.min(Math.max(old - g / qii[i], 0), upper);
                    double delta = (alpha[i] - old) * y;
                    if (delta != 0) {
                        float[] xi = x[i];
                        for (int d = 0; d < dim; d++) {
                            w[d] += delta * xi[d];
                        }
                        w[dim] += delta;
                    }
                }
            }
            if (maxPg - minPg <= epsilon) {
                break;
            }
        }
        float[] weights = new float[dim];
        for (int d = 0; d < dim; d++) {
            weights[d] = (float) w[d];
        }
        return new LinearSvm(weights, w[dim]);
    }

    /** The signed distance-like decision value w·x + b. */
    public double decision(float[] x) {
        double s = bias;
        for (int d = 0; d < weights.length; d++) {
            s += weights[d] * x[d];
        }
        return s;
    }

    private static double dot(double[] w, float[] x) {
        double s = w[x.length];
        for (int d = 0; d < x.length; d++) {
            s += w[d] * x[d];
        }
        return s;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
