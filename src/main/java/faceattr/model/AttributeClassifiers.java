package faceattr.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One linear SVM per attribute over standardized, patch-averaged ANet features; a per-attribute decision threshold on
 * the SVM score chosen on held-out data; Platt scaling (also fitted on held-out data) for probabilities.
 */
public final class AttributeClassifiers {

    /** One attribute's classifier; {@code threshold} is on the SVM decision value. */
    public record Attribute(String name, LinearSvm svm, double threshold, PlattScaling platt) {
    }

    private final Standardizer standardizer;
    private final List<Attribute> attributes;

    public AttributeClassifiers(float[] mean, float[] std, List<Attribute> attributes) {
        this.standardizer = new Standardizer(mean, std);
        this.attributes = List.copyOf(attributes);
    }

    /**
     * @param train   features of the SVM training identities, one row per image
     * @param labels  [image][attribute]
     * @param held    features of held-out identities (thresholds and Platt scaling)
     * @param c       SVM cost
     */
    public static AttributeClassifiers train(List<String> names, float[][] train, boolean[][] labels,
                                             float[][] held, boolean[][] heldLabels, double c, long seed) {
        int dim = train[0].length;
        Standardizer standardizer = Standardizer.fit(train);
        float[][] xs = standardizer.applyAll(train);
        float[][] hs = standardizer.applyAll(held);
        List<Attribute> out = new ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
            boolean[] y = column(labels, a);
            boolean[] hy = column(heldLabels, a);
            LinearSvm svm = allSame(y) ? constant(dim, y[0]) : LinearSvm.train(xs, y, c, true, 200, 0.1, seed + a);
            double[] heldScores = new double[hs.length];
            for (int i = 0; i < hs.length; i++) {
                heldScores[i] = svm.decision(hs[i]);
            }
            double threshold = bestThreshold(heldScores, hy);
            PlattScaling platt = allSame(hy) ? new PlattScaling(hy[0] ? -4 : 4, 0) : PlattScaling.fit(heldScores, hy);
            out.add(new Attribute(names.get(a), svm, threshold, platt));
        }
        return new AttributeClassifiers(standardizer.mean(), standardizer.std(), out);
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    /** The attribute names in output order: every score, probability and decision array follows this order. */
    public List<String> names() {
        return attributes.stream().map(Attribute::name).toList();
    }

    /** Each attribute's decision threshold, in output order (the manifest's copy for readers). */
    public java.util.Map<String, Double> thresholds() {
        java.util.Map<String, Double> t = new java.util.LinkedHashMap<>();
        attributes.forEach(a -> t.put(a.name(), a.threshold()));
        return t;
    }

    /** Position of an attribute in the output order, or -1 when these classifiers do not have it. */
    public int indexOf(String name) {
        for (int a = 0; a < attributes.size(); a++) {
            if (attributes.get(a).name().equals(name)) {
                return a;
            }
        }
        return -1;
    }

    /**
     * These classifiers with one more attribute at the end of the output order; its SVM works on features
     * standardized by {@link #standardize} like the others.
     *
     * @throws IllegalArgumentException when an attribute of that name exists or the SVM's width is not the features'
     */
    public AttributeClassifiers with(Attribute attribute) {
        if (indexOf(attribute.name()) >= 0) {
            throw new IllegalArgumentException("the model already has an attribute named " + attribute.name());
        }
        if (attribute.svm().weights().length != standardizer.mean().length) {
            throw new IllegalArgumentException("attribute " + attribute.name() + " has " + attribute.svm().weights().length
                    + " weights, the model's features have " + standardizer.mean().length);
        }
        List<Attribute> out = new ArrayList<>(attributes);
        out.add(attribute);
        return new AttributeClassifiers(mean(), std(), out);
    }

    /** These classifiers without the named attribute; @throws IllegalArgumentException when there is none. */
    public AttributeClassifiers without(String name) {
        int a = indexOf(name);
        if (a < 0) {
            throw new IllegalArgumentException("the model has no attribute named " + name + " (it has: "
                    + String.join(", ", names()) + ")");
        }
        List<Attribute> out = new ArrayList<>(attributes);
        out.remove(a);
        return new AttributeClassifiers(mean(), std(), out);
    }

    public float[] mean() {
        return standardizer.mean();
    }

    public float[] std() {
        return standardizer.std();
    }

    public float[] standardize(float[] features) {
        return standardizer.apply(features);
    }

    public float[][] standardizeAll(float[][] features) {
        return standardizer.applyAll(features);
    }

    /** SVM decision values, one per attribute. */
    public double[] scores(float[] features) {
        float[] x = standardize(features);
        double[] s = new double[attributes.size()];
        for (int a = 0; a < s.length; a++) {
            s[a] = attributes.get(a).svm().decision(x);
        }
        return s;
    }

    public float[] probabilities(double[] scores) {
        float[] p = new float[scores.length];
        for (int a = 0; a < p.length; a++) {
            p[a] = (float) attributes.get(a).platt().probability(scores[a]);
        }
        return p;
    }

    public boolean[] decisions(double[] scores) {
        boolean[] d = new boolean[scores.length];
        for (int a = 0; a < d.length; a++) {
            d[a] = scores[a] >= attributes.get(a).threshold();
        }
        return d;
    }

    /** The threshold with the best accuracy on held-out scores; ties go to the one nearest 0 (the SVM's own). */
    public static double bestThreshold(double[] scores, boolean[] positive) {
        if (scores.length == 0 || allSame(positive)) {
            return 0;
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double best = 0;
        int bestCorrect = correct(scores, positive, 0);
        for (int i = 0; i <= sorted.length; i++) {
            double t = i == 0 ? sorted[0] - 1e-6 : i == sorted.length ? sorted[i - 1] + 1e-6 : (sorted[i - 1] + sorted[i]) / 2;
            int c = correct(scores, positive, t);
            if (c > bestCorrect || (c == bestCorrect && Math.abs(t) < Math.abs(best))) {
                bestCorrect = c;
                best = t;
            }
        }
        return best;
    }

    private static int correct(double[] scores, boolean[] positive, double t) {
        int c = 0;
        for (int i = 0; i < scores.length; i++) {
            c += (scores[i] >= t) == positive[i] ? 1 : 0;
        }
        return c;
    }

    private static LinearSvm constant(int dim, boolean positive) {
        return new LinearSvm(new float[dim], positive ? 1 : -1);
    }

    private static boolean allSame(boolean[] y) {
        for (boolean v : y) {
            if (v != y[0]) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] column(boolean[][] labels, int a) {
        boolean[] c = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            c[i] = labels[i][a];
        }
        return c;
    }
}
