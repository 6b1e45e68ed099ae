package faceattr.attributes;

import faceattr.model.AttributeClassifiers;
import faceattr.model.LinearSvm;
import faceattr.model.PlattScaling;
import faceattr.model.ThresholdCalibration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How one attribute's classifier is learned from a few labelled photos: the built-in attributes' linear SVM
 * ({@link LinearSvm}, class-balanced) on the bundle's standardized ANet features, with its cost C chosen by stratified
 * k-fold cross-validation (best out-of-fold balanced accuracy; ties go to the smaller C), and the decision threshold
 * ({@link AttributeClassifiers#bestThreshold}) and the Platt scaling fitted on the out-of-fold decision values of that
 * C. The final SVM is trained on all photos. {@link #crossValidate} measures this whole procedure by an outer
 * cross-validation, so the accuracy it reports was not used to choose anything.
 */
public final class AttributeFit {
    /** The costs tried (the built-in attributes use 0.01). */
    static final double[] C_GRID = {1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1};
    /** Folds of each cross-validation (fewer when a label has fewer photos). */
    static final int FOLDS = 5;
    private static final int MAX_ITERATIONS = 200;
    private static final double EPSILON = 0.1;

    /** The learned classifier and the C it was learned with. */
    public record Fitted(LinearSvm svm, double c, double threshold, PlattScaling platt) {
        public AttributeClassifiers.Attribute attribute(String name) {
            return new AttributeClassifiers.Attribute(name, svm, threshold, platt);
        }

        /**
         * This classifier for a stream where a share {@code rate} of the faces shows the attribute, when the labelled
         * photos had {@code labelledRate}: the probability's prior moves from one to the other (Bayes' rule on
         * Platt's log-odds) and the threshold becomes the score where that probability is 0.5.
         */
        public Fitted forPositiveRate(double rate, double labelledRate) {
            if (!(rate > 0 && rate < 1)) {
                throw new IllegalArgumentException("positive rate must be between 0 and 1 (exclusive), got " + rate);
            }
            if (!(platt.a() < 0)) {
                return this; // a flat or inverted sigmoid has no score where the odds cross: keep the threshold
            }
            double shift = logit(rate) - logit(labelledRate);
            PlattScaling shifted = new PlattScaling(platt.a(), platt.b() - shift);
            return new Fitted(svm, c, -shifted.b() / shifted.a(), shifted);
        }

        private static double logit(double p) {
            return Math.log(p / (1 - p));
        }
    }

    /** Out-of-fold measures of the procedure: accuracy and balanced accuracy over all photos, and the fold count. */
    public record CrossValidated(double accuracy, double balancedAccuracy, int folds) {
    }

    private AttributeFit() {
    }

    /**
     * @param x standardized features, one row per photo
     * @param y labels; at least 2 of each
     * @throws IllegalArgumentException with fewer than 2 photos of either label
     */
    public static Fitted fit(float[][] x, boolean[] y, long seed) {
        return fit(x, y, null, seed);
    }

    /** @param positiveRate the stream's expected share of positives ({@link Fitted#forPositiveRate}), or null */
    public static Fitted fit(float[][] x, boolean[] y, Double positiveRate, long seed) {
        int folds = folds(y);
        int[] fold = stratifiedFolds(y, folds, seed);
        double bestC = C_GRID[0];
        double bestBalanced = -1;
        double[] bestScores = null;
        for (double c : C_GRID) {
            double[] scores = outOfFoldScores(x, y, fold, folds, c, seed);
            double balanced = 1 - balancedError(scores, y, 0);
            if (balanced > bestBalanced + 1e-12) {
                bestBalanced = balanced;
                bestC = c;
                bestScores = scores;
            }
        }
        LinearSvm svm = LinearSvm.train(x, y, bestC, true, MAX_ITERATIONS, EPSILON, seed);
        Fitted fitted = new Fitted(svm, bestC, AttributeClassifiers.bestThreshold(bestScores, y),
                PlattScaling.fit(bestScores, y));
        return positiveRate == null ? fitted : fitted.forPositiveRate(positiveRate, positiveShare(y));
    }

    /** The outer cross-validation of {@link #fit}: each fold's photos are judged by a fit on the other folds. */
    public static CrossValidated crossValidate(float[][] x, boolean[] y, Double positiveRate, long seed) {
        int folds = folds(y);
        if (folds < 3) {
            throw new IllegalArgumentException("need at least 3 positive and 3 negative photos with a face to "
                    + "cross-validate");
        }
        int[] fold = stratifiedFolds(y, folds, seed + 1);
        int correct = 0;
        List<Double> positiveMargins = new ArrayList<>();
        List<Double> negativeMargins = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            Part train = part(x, y, fold, k, false);
            Part test = part(x, y, fold, k, true);
            Fitted f = fit(train.x, train.y, positiveRate, seed + 100L * (k + 1));
            for (int i = 0; i < test.x.length; i++) {
                double margin = f.svm().decision(test.x[i]) - f.threshold();
                correct += (margin >= 0) == test.y[i] ? 1 : 0;
                (test.y[i] ? positiveMargins : negativeMargins).add(margin);
            }
        }
        double balancedError = ThresholdCalibration.balancedError(
                positiveMargins.stream().mapToDouble(Double::doubleValue).toArray(),
                negativeMargins.stream().mapToDouble(Double::doubleValue).toArray(), 0);
        return new CrossValidated(correct / (double) y.length, 1 - balancedError, folds);
    }

    /** The balanced error of deciding "positive" at scores ≥ threshold. */
    static double balancedError(double[] scores, boolean[] y, double threshold) {
        List<Double> pos = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            (y[i] ? pos : neg).add(scores[i]);
        }
        return ThresholdCalibration.balancedError(pos.stream().mapToDouble(Double::doubleValue).toArray(),
                neg.stream().mapToDouble(Double::doubleValue).toArray(), threshold);
    }

    static double positiveShare(boolean[] y) {
        int pos = 0;
        for (boolean v : y) {
            pos += v ? 1 : 0;
        }
        return pos / (double) y.length;
    }

    /** Folds for these labels: {@value #FOLDS}, or fewer when a label has fewer photos. */
    static int folds(boolean[] y) {
        int pos = 0;
        for (boolean v : y) {
            pos += v ? 1 : 0;
        }
        int minority = Math.min(pos, y.length - pos);
        if (minority < 2) {
            throw new IllegalArgumentException("need at least 2 positive and 2 negative photos with a face, have "
                    + pos + " positive and " + (y.length - pos) + " negative");
        }
        return Math.min(FOLDS, minority);
    }

    /** Fold of each photo: each label's photos shuffled and dealt round-robin, so every fold has both labels. */
    static int[] stratifiedFolds(boolean[] y, int folds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] fold = new int[y.length];
        for (boolean label : new boolean[]{true, false}) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == label) {
                    idx.add(i);
                }
            }
            for (int i = idx.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = idx.get(i);
                idx.set(i, idx.get(j));
                idx.set(j, t);
            }
            for (int k = 0; k < idx.size(); k++) {
                fold[idx.get(k)] = k % folds;
            }
        }
        return fold;
    }

    private static double[] outOfFoldScores(float[][] x, boolean[] y, int[] fold, int folds, double c, long seed) {
        double[] scores = new double[y.length];
        for (int k = 0; k < folds; k++) {
            Part train = part(x, y, fold, k, false);
            LinearSvm svm = LinearSvm.train(train.x, train.y, c, true, MAX_ITERATIONS, EPSILON, seed + k);
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == k) {
                    scores[i] = svm.decision(x[i]);
                }
            }
        }
        return scores;
    }

    private record Part(float[][] x, boolean[] y) {
    }

    private static Part part(float[][] x, boolean[] y, int[] fold, int k, boolean inFold) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if ((fold[i] == k) == inFold) {
                idx.add(i);
            }
        }
        float[][] px = new float[idx.size()][];
        boolean[] py = new boolean[idx.size()];
        for (int i = 0; i < px.length; i++) {
            px[i] = x[idx.get(i)];
            py[i] = y[idx.get(i)];
        }
        return new Part(px, py);
    }
}
