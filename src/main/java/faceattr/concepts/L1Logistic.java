package faceattr.concepts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * L1-regularized logistic regression, class-balanced, unpenalized intercept:
 * minimize (1/W) Σ w_i log(1 + exp(−s_i (β·x_i + b))) + λ‖β‖₁, with s_i = ±1 and w_i = n / (2 n_class).
 * Solved by cyclic coordinate descent on a quadratic majorizer (the logistic loss has curvature at most 1/4, so each
 * coordinate step minimizes an upper bound and never increases the objective), with soft-thresholding, an active-set
 * inner loop, and a warm-started regularization path from λ_max (where every weight is zero) down.
 */
final class L1Logistic {

    /** One point of the path. */
    record Model(double lambda, double[] weights, double bias) {
        int nonZero() {
            int c = 0;
            for (double w : weights) {
                c += w != 0 ? 1 : 0;
            }
            return c;
        }

        double decision(float[] x) {
            double s = bias;
            for (int j = 0; j < weights.length; j++) {
                if (weights[j] != 0) {
                    s += weights[j] * x[j];
                }
            }
            return s;
        }
    }

    private final float[][] columns;
    private final double[] target;
    private final double[] sampleWeight;
    private final double[] curvature;
    private final double[] eta;
    private final double[] p;
    private final double[] beta;
    private double bias;
    private final int n;
    private final int dim;

    /** @param x rows of (standardized) features; both classes must occur in {@code positive} */
    L1Logistic(float[][] x, boolean[] positive) {
        n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("no training examples");
        }
        dim = x[0].length;
        int nPos = 0;
        for (boolean b : positive) {
            nPos += b ? 1 : 0;
        }
        if (nPos == 0 || nPos == n) {
            throw new IllegalArgumentException("L1 logistic regression needs both classes");
        }
        columns = new float[dim][n];
        target = new double[n];
        sampleWeight = new double[n];
        for (int i = 0; i < n; i++) {
            target[i] = positive[i] ? 1 : 0;
            sampleWeight[i] = positive[i] ? n / (2.0 * nPos) : n / (2.0 * (n - nPos));
            for (int j = 0; j < dim; j++) {
                columns[j][i] = x[i][j];
            }
        }
        curvature = new double[dim];
        for (int j = 0; j < dim; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += sampleWeight[i] * columns[j][i] * columns[j][i];
            }
            curvature[j] = 0.25 * s / n;
        }
        eta = new double[n];
        p = new double[n];
        beta = new double[dim];
        // intercept-only optimum: logit of the weighted positive rate (0 with balanced weights)
        double wPos = 0;
        for (int i = 0; i < n; i++) {
            wPos += sampleWeight[i] * target[i];
        }
        double rate = wPos / n;
        bias = Math.log(rate / (1 - rate));
        for (int i = 0; i < n; i++) {
            eta[i] = bias;
            p[i] = sigmoid(bias);
        }
    }

    /** The smallest λ at which all weights are zero. */
    double lambdaMax() {
        double max = 0;
        for (int j = 0; j < dim; j++) {
            max = Math.max(max, Math.abs(gradient(j)));
        }
        return max;
    }

    /**
     * The path at {@code steps} λ values spaced geometrically from λ_max to λ_max·{@code minRatio}; stops early after
     * the first model for which {@code stop} is true.
     */
    List<Model> path(int steps, double minRatio, double tolerance, int maxSweeps, Predicate<Model> stop) {
        double lmax = lambdaMax();
        List<Model> out = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            double lambda = lmax * Math.pow(minRatio, steps == 1 ? 1 : s / (double) (steps - 1));
            Model m = solve(lambda, tolerance, maxSweeps);
            out.add(m);
            if (stop.test(m)) {
                break;
            }
        }
        return out;
    }

    /** Minimizes at {@code lambda}, starting from the current weights (warm start). */
    Model solve(double lambda, double tolerance, int maxSweeps) {
        int sweeps = 0;
        while (sweeps < maxSweeps) {
            double change = sweep(lambda, false);
            sweeps++;
            if (change < tolerance) {
                break;
            }
            while (sweeps < maxSweeps) {
                double activeChange = sweep(lambda, true);
                sweeps++;
                if (activeChange < tolerance) {
                    break;
                }
            }
        }
        return new Model(lambda, beta.clone(), bias);
    }

    /** ∂/∂β_j of the smooth part at the current point. */
    double gradient(int j) {
        float[] col = columns[j];
        double g = 0;
        for (int i = 0; i < n; i++) {
            g += sampleWeight[i] * (p[i] - target[i]) * col[i];
        }
        return g / n;
    }

    /** One pass over the coordinates (only non-zero ones when {@code activeOnly}) and the intercept; largest step. */
    private double sweep(double lambda, boolean activeOnly) {
        double maxChange = 0;
        for (int j = 0; j < dim; j++) {
            if ((activeOnly && beta[j] == 0) || curvature[j] <= 0) {
                continue;
            }
            double z = beta[j] - gradient(j) / curvature[j];
            double updated = Math.signum(z) * Math.max(Math.abs(z) - lambda / curvature[j], 0);
            double delta = updated - beta[j];
            if (delta != 0) {
                beta[j] = updated;
                float[] col = columns[j];
                for (int i = 0; i < n; i++) {
                    eta[i] += delta * col[i];
                    p[i] = sigmoid(eta[i]);
                }
                maxChange = Math.max(maxChange, Math.abs(delta) * Math.sqrt(curvature[j]));
            }
        }
        double g = 0;
        for (int i = 0; i < n; i++) {
            g += sampleWeight[i] * (p[i] - target[i]);
        }
        double delta = -(g / n) / 0.25;
        if (delta != 0) {
            bias += delta;
            for (int i = 0; i < n; i++) {
                eta[i] += delta;
                p[i] = sigmoid(eta[i]);
            }
            maxChange = Math.max(maxChange, Math.abs(delta) * 0.5);
        }
        return maxChange;
    }

    private static double sigmoid(double v) {
        return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }
}
