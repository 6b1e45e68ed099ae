package faceattr.concepts;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * L1-regularized logistic regression, class-balanced, unpenalized intercept:
 * minimize (1/n) Σ w_i log(1 + exp(−s_i (β·x_i + b))) + λ‖β‖₁, with s_i = ±1 and w_i = n / (2 n_class).
 * Solved by LIBLINEAR's L1R_LR solver (newGLMNET; the de.bwaldvogel Java port): its problem
 * ‖β‖₁ + C Σ c_i log(1 + exp(−s_i (β·x_i + b))) is this one divided by λ when C = 1/(λ n) and the class weights c_i
 * are the w_i, with the bias as a constant feature left out of the penalty. A regularization path runs from λ_max
 * (where every weight is zero) down; liblinear has no warm start for this solver, so each point starts from zero.
 */
final class L1Logistic {
    static {
        Linear.disableDebugOutput(); // liblinear prints its iterations to stdout by default
    }

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

    private final float[][] x;
    private final boolean[] positive;
    private final int n;
    private final int dim;
    private final double positiveWeight;
    private final double negativeWeight;
    private final Problem problem;
    /** The current point: zero weights and the intercept-only optimum at first, then the last solution. */
    private double[] beta;
    private double bias;
    private double[] p;

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
        this.x = x;
        this.positive = positive;
        positiveWeight = n / (2.0 * nPos);
        negativeWeight = n / (2.0 * (n - nPos));
        problem = new Problem();
        problem.l = n;
        problem.n = dim + 1;
        problem.bias = 1;
        problem.x = new Feature[n][];
        problem.y = new double[n];
        for (int i = 0; i < n; i++) {
            List<Feature> row = new ArrayList<>(dim + 1);
            for (int j = 0; j < dim; j++) {
                if (x[i][j] != 0) { // liblinear's rows are sparse
                    row.add(new FeatureNode(j + 1, x[i][j]));
                }
            }
            row.add(new FeatureNode(dim + 1, 1));
            problem.x[i] = row.toArray(new Feature[0]);
            problem.y[i] = positive[i] ? 1 : -1;
        }
        // with balanced weights the weighted positive rate is 1/2: the intercept-only optimum is logit(1/2) = 0
        moveTo(new double[dim], 0);
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
    List<Model> path(int steps, double minRatio, double tolerance, int maxIterations, Predicate<Model> stop) {
        double lmax = lambdaMax();
        List<Model> out = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            double lambda = lmax * Math.pow(minRatio, steps == 1 ? 1 : s / (double) (steps - 1));
            Model m = solve(lambda, tolerance, maxIterations);
            out.add(m);
            if (stop.test(m)) {
                break;
            }
        }
        return out;
    }

    /**
     * Minimizes at {@code lambda}.
     *
     * @param tolerance     liblinear's stopping tolerance (its {@code -e}: the gradient's 1-norm shrunk by this factor)
     * @param maxIterations liblinear's cap on Newton iterations
     */
    Model solve(double lambda, double tolerance, int maxIterations) {
        Parameter param = new Parameter(SolverType.L1R_LR, 1 / (lambda * n), tolerance);
        param.setMaxIters(maxIterations);
        param.setRegularizeBias(false);
        param.setWeights(new double[]{positiveWeight, negativeWeight}, new int[]{1, -1});
        de.bwaldvogel.liblinear.Model m = Linear.train(problem, param);
        double[] w = m.getFeatureWeights();
        // the weights favour liblinear's first label (+1 for a -1/+1 problem in 2.44): checked, not assumed
        double sign = m.getLabels()[0] == 1 ? 1 : -1;
        double[] b = new double[dim];
        for (int j = 0; j < dim; j++) {
            b[j] = w[j] == 0 ? 0 : sign * w[j];
        }
        moveTo(b, sign * w[dim]);
        return new Model(lambda, beta.clone(), bias);
    }

    /** ∂/∂β_j of the smooth part at the current point (the last solution). */
    double gradient(int j) {
        double g = 0;
        for (int i = 0; i < n; i++) {
            g += (positive[i] ? positiveWeight : negativeWeight) * (p[i] - (positive[i] ? 1 : 0)) * x[i][j];
        }
        return g / n;
    }

    private void moveTo(double[] weights, double intercept) {
        beta = weights;
        bias = intercept;
        p = new double[n];
        for (int i = 0; i < n; i++) {
            double eta = bias;
            for (int j = 0; j < dim; j++) {
                if (beta[j] != 0) {
                    eta += beta[j] * x[i][j];
                }
            }
            p[i] = eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
        }
    }
}
