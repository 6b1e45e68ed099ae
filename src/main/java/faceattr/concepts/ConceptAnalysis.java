package faceattr.concepts;

import faceattr.model.AttributeClassifiers;
import faceattr.model.LinearSvm;
import faceattr.report.ProgressBar;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The paper's concept analysis of one ANet's FC features (§3.1, Fig. 10b, Fig. 11), on three identity-disjoint parts
 * of the images: per attribute a fresh linear SVM ({@link AttributeClassifiers}, the project's classifier training) is
 * fitted on the first part with its threshold chosen on the second; accuracy is measured on the third. Neurons are
 * ranked by |SVM weight| and the classifier is re-fitted on the top k% only. An L1-regularized logistic regression path
 * ({@link L1Logistic}) counts the non-zero weights needed to reach the all-neuron accuracy. k-means groups the
 * attributes by their (unit-length) weight vectors.
 */
final class ConceptAnalysis {
    /** Percentages of neurons kept, as in the paper's Fig. 10b. */
    static final int[] PERCENTS = {1, 2, 5, 10, 20, 50, 100};
    static final int L1_STEPS = 24;
    static final double L1_MIN_RATIO = 0.005;

    /**
     * @param minGain   an attribute's all-neuron classifier must beat its majority baseline by at least this much
     *                  (fraction) for its gain to count in the "gain kept" averages
     * @param tolerance the L1 path reaches "the same accuracy" within this much (fraction)
     */
    record Settings(double svmC, double minGain, double tolerance, int topNeurons, int clusters, long seed) {
    }

    /** Features and labels of one part (fit, calibration or measurement). */
    record Part(float[][] x, boolean[][] y) {
    }

    record NeuronWeight(int neuron, double weight) {
    }

    record AttributeWeight(String attribute, double weight) {
    }

    /** Number of non-zero weights of the L1 path's first model whose accuracy is within tolerance of all neurons. */
    record L1Result(Integer nonZeroToReachFull, Double accuracyThere, double bestAccuracy, int nonZeroAtBest,
                    int pathModels) {
    }

    /**
     * One attribute. Accuracies are on the measurement part; {@code keptGain[k]} is (acc_k − majority) / (acc_all −
     * majority), NaN unless the attribute is {@code eligible} (its all-neuron gain is at least minGain).
     */
    record AttributeConcepts(String name, boolean constant, double positiveRate, double majority, double accuracyAll,
                             double[] accuracyTop, double[] keptGain, double[] accuracyTopResponding, boolean eligible,
                             L1Result l1, List<NeuronWeight> topNeurons) {
    }

    record NeuronUse(int neuron, List<AttributeWeight> attributes) {
    }

    record Cluster(int id, List<String> attributes) {
    }

    /**
     * One network. {@code keptGain[k]}: Σ over eligible attributes of (acc_k − majority) divided by the Σ of their
     * all-neuron gains (NaN when no attribute is eligible); {@code meanAccuracy[k]}: mean over non-constant attributes;
     * {@code activeNeurons}: neurons whose response varies over the fit part (a dead ReLU unit gets weight 0);
     * {@code keptGainResponding[k]}: the same share with the top k% of the responding neurons only
     * ({@code neuronsKeptResponding[k]} of them).
     */
    record NetworkConcepts(String network, int featureSize, int activeNeurons, int[] neuronsKept, double[] meanAccuracy,
                           double meanMajority, double[] keptGain, double[] meanKeptGainPerAttribute,
                           int[] neuronsKeptResponding, double[] keptGainResponding,
                           int eligibleAttributes, double[][] weights, List<AttributeConcepts> attributes,
                           List<NeuronUse> neurons, List<Cluster> clusters, double clusterInertia) {
    }

    private ConceptAnalysis() {
    }

    static NetworkConcepts analyze(String network, List<String> names, Part fit, Part calibration, Part measure,
                                   Settings s, PrintStream err) {
        int dim = fit.x()[0].length;
        int[] kept = new int[PERCENTS.length];
        for (int k = 0; k < PERCENTS.length; k++) {
            kept[k] = Math.max(1, (int) Math.round(dim * PERCENTS[k] / 100.0));
        }
        int active = activeNeurons(fit.x());
        int[] keptResponding = new int[PERCENTS.length];
        for (int k = 0; k < PERCENTS.length; k++) {
            keptResponding[k] = Math.max(1, (int) Math.round(active * PERCENTS[k] / 100.0));
        }
        AttributeClassifiers full = AttributeClassifiers.train(names, fit.x(), fit.y(), calibration.x(),
                calibration.y(), s.svmC(), s.seed());
        float[][] fitStd = standardize(full, fit.x());
        float[][] calStd = standardize(full, calibration.x());
        float[][] measureStd = standardize(full, measure.x());
        double[][] weights = new double[names.size()][dim];
        List<AttributeConcepts> attributes = new ArrayList<>();
        ProgressBar bar = new ProgressBar(err, "concepts: " + network + " (top-k% SVMs, L1 path)", names.size(),
                "attribute");
        for (int a = 0; a < names.size(); a++) {
            boolean[] fy = column(fit.y(), a);
            boolean[] cy = column(calibration.y(), a);
            boolean[] my = column(measure.y(), a);
            double pos = 0;
            for (boolean b : my) {
                pos += b ? 1 : 0;
            }
            double positiveRate = pos / my.length;
            double majority = Math.max(positiveRate, 1 - positiveRate);
            LinearSvm svm = full.attributes().get(a).svm();
            for (int d = 0; d < dim; d++) {
                weights[a][d] = svm.weights()[d];
            }
            boolean constant = allSame(fy);
            double accAll = accuracy(full, a, measure.x(), my);
            double[] accTop = new double[PERCENTS.length];
            double[] accResponding = new double[PERCENTS.length];
            double[] keptGain = new double[PERCENTS.length];
            Arrays.fill(keptGain, Double.NaN);
            List<NeuronWeight> top = new ArrayList<>();
            L1Result l1 = null;
            boolean eligible = !constant && accAll - majority >= s.minGain();
            if (constant) {
                Arrays.fill(accTop, accAll);
                Arrays.fill(accResponding, accAll);
            } else {
                int[] order = rankByMagnitude(weights[a]);
                for (int t = 0; t < Math.min(s.topNeurons(), dim) && weights[a][order[t]] != 0; t++) {
                    top.add(new NeuronWeight(order[t], weights[a][order[t]]));
                }
                Map<Integer, Double> byCount = new HashMap<>();
                byCount.put(dim, accAll);
                for (int k = 0; k < PERCENTS.length; k++) {
                    accTop[k] = topAccuracy(byCount, kept[k], names.get(a), order, fit.x(), fy, calibration.x(), cy,
                            measure.x(), my, s.svmC(), s.seed() + a);
                    accResponding[k] = topAccuracy(byCount, keptResponding[k], names.get(a), order, fit.x(), fy,
                            calibration.x(), cy, measure.x(), my, s.svmC(), s.seed() + a);
                    if (eligible) {
                        keptGain[k] = (accTop[k] - majority) / (accAll - majority);
                    }
                }
                l1 = l1Path(fitStd, fy, calStd, cy, measureStd, my, accAll - s.tolerance());
            }
            attributes.add(new AttributeConcepts(names.get(a), constant, positiveRate, majority, accAll, accTop,
                    keptGain, accResponding, eligible, l1, top));
            bar.update(a + 1, names.get(a));
        }
        double[] meanAcc = new double[PERCENTS.length];
        double[] keptSum = keptShare(attributes, AttributeConcepts::accuracyTop);
        double[] keptRespondingSum = keptShare(attributes, AttributeConcepts::accuracyTopResponding);
        double[] keptMean = new double[PERCENTS.length];
        double meanMajority = 0;
        int varying = 0;
        int eligible = 0;
        for (AttributeConcepts c : attributes) {
            if (c.constant()) {
                continue;
            }
            varying++;
            meanMajority += c.majority();
            for (int k = 0; k < PERCENTS.length; k++) {
                meanAcc[k] += c.accuracyTop()[k];
            }
            if (c.eligible()) {
                eligible++;
                for (int k = 0; k < PERCENTS.length; k++) {
                    keptMean[k] += c.keptGain()[k];
                }
            }
        }
        for (int k = 0; k < PERCENTS.length; k++) {
            meanAcc[k] = varying == 0 ? Double.NaN : meanAcc[k] / varying;
            keptMean[k] = eligible == 0 ? Double.NaN : keptMean[k] / eligible;
        }
        meanMajority = varying == 0 ? Double.NaN : meanMajority / varying;
        List<NeuronUse> neurons = neuronUses(attributes);
        KMeans.Result clusters = clusterAttributes(attributes, weights, s);
        return new NetworkConcepts(network, dim, active, kept, meanAcc, meanMajority, keptSum, keptMean,
                keptResponding, keptRespondingSum, eligible, weights,
                attributes, neurons, clusterList(attributes, clusters), clusters == null ? Double.NaN
                : clusters.inertia());
    }

    static int activeNeurons(float[][] x) {
        int active = 0;
        for (int d = 0; d < x[0].length; d++) {
            float first = x[0][d];
            for (float[] row : x) {
                if (Math.abs(row[d] - first) > 1e-6f) {
                    active++;
                    break;
                }
            }
        }
        return active;
    }

    /** Neuron indices sorted by decreasing |weight| (ties: lower index first). */
    static int[] rankByMagnitude(double[] w) {
        return IntStream.range(0, w.length).boxed()
                .sorted(Comparator.comparingDouble((Integer d) -> -Math.abs(w[d])).thenComparing(d -> d))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * Σ over eligible attributes of (accuracy[k] − majority) / Σ of their all-neuron gains, per k; NaN when no
     * attribute is eligible.
     */
    static double[] keptShare(List<AttributeConcepts> attributes, Function<AttributeConcepts, double[]> accuracy) {
        double[] kept = new double[PERCENTS.length];
        double full = 0;
        for (AttributeConcepts c : attributes) {
            if (c.eligible()) {
                full += c.accuracyAll() - c.majority();
                for (int k = 0; k < PERCENTS.length; k++) {
                    kept[k] += accuracy.apply(c)[k] - c.majority();
                }
            }
        }
        for (int k = 0; k < PERCENTS.length; k++) {
            kept[k] = full > 0 ? kept[k] / full : Double.NaN;
        }
        return kept;
    }

    /**
     * Accuracy of an SVM re-fitted on the {@code count} highest-ranked neurons (cached per count). {@code seed} is the
     * one the all-neuron SVM of this attribute used, so that only the neuron selection differs.
     */
    private static double topAccuracy(Map<Integer, Double> cache, int count, String name, int[] order, float[][] fx,
                                      boolean[] fy, float[][] cx, boolean[] cy, float[][] mx, boolean[] my,
                                      double svmC, long seed) {
        return cache.computeIfAbsent(count, m -> {
            int[] neurons = Arrays.copyOf(order, m);
            AttributeClassifiers c = AttributeClassifiers.train(List.of(name), select(fx, neurons), wrap(fy),
                    select(cx, neurons), wrap(cy), svmC, seed);
            return accuracy(c, 0, select(mx, neurons), my);
        });
    }

    /** Walks the L1 path until a model's measured accuracy reaches {@code target}; thresholds from calibration. */
    private static L1Result l1Path(float[][] fx, boolean[] fy, float[][] cx, boolean[] cy, float[][] mx, boolean[] my,
                                   double target) {
        L1Logistic solver = new L1Logistic(fx, fy);
        double[] best = {-1, 0};
        Integer[] reached = {null};
        Double[] reachedAcc = {null};
        List<L1Logistic.Model> path = solver.path(L1_STEPS, L1_MIN_RATIO, 1e-4, 300, m -> {
            double[] cal = new double[cx.length];
            for (int i = 0; i < cx.length; i++) {
                cal[i] = m.decision(cx[i]);
            }
            double threshold = AttributeClassifiers.bestThreshold(cal, cy);
            int correct = 0;
            for (int i = 0; i < mx.length; i++) {
                correct += (m.decision(mx[i]) >= threshold) == my[i] ? 1 : 0;
            }
            double acc = correct / (double) mx.length;
            if (acc > best[0]) {
                best[0] = acc;
                best[1] = m.nonZero();
            }
            if (m.nonZero() > 0 && acc >= target - 1e-12) {
                reached[0] = m.nonZero();
                reachedAcc[0] = acc;
                return true;
            }
            return false;
        });
        return new L1Result(reached[0], reachedAcc[0], best[0], (int) best[1], path.size());
    }

    private static List<NeuronUse> neuronUses(List<AttributeConcepts> attributes) {
        Map<Integer, List<AttributeWeight>> uses = new LinkedHashMap<>();
        for (AttributeConcepts c : attributes) {
            for (NeuronWeight nw : c.topNeurons()) {
                uses.computeIfAbsent(nw.neuron(), k -> new ArrayList<>()).add(new AttributeWeight(c.name(), nw.weight()));
            }
        }
        List<NeuronUse> out = new ArrayList<>();
        uses.forEach((n, list) -> out.add(new NeuronUse(n, List.copyOf(list))));
        out.sort(Comparator.comparingInt((NeuronUse u) -> -u.attributes().size())
                .thenComparingDouble(u -> -u.attributes().stream().mapToDouble(w -> Math.abs(w.weight())).sum())
                .thenComparingInt(NeuronUse::neuron));
        return out;
    }

    /** k-means of the non-constant attributes' unit-length weight vectors (cosine geometry). */
    private static KMeans.Result clusterAttributes(List<AttributeConcepts> attributes, double[][] weights, Settings s) {
        List<double[]> points = new ArrayList<>();
        for (int a = 0; a < attributes.size(); a++) {
            if (!attributes.get(a).constant()) {
                points.add(unit(weights[a]));
            }
        }
        return points.isEmpty() ? null : KMeans.cluster(points.toArray(new double[0][]), s.clusters(), s.seed(), 10);
    }

    private static List<Cluster> clusterList(List<AttributeConcepts> attributes, KMeans.Result r) {
        if (r == null) {
            return List.of();
        }
        List<List<String>> groups = new ArrayList<>();
        for (int c = 0; c < r.centroids().length; c++) {
            groups.add(new ArrayList<>());
        }
        int p = 0;
        for (AttributeConcepts a : attributes) {
            if (!a.constant()) {
                groups.get(r.assignment()[p++]).add(a.name());
            }
        }
        List<Cluster> out = new ArrayList<>();
        for (int c = 0; c < groups.size(); c++) {
            out.add(new Cluster(c + 1, List.copyOf(groups.get(c))));
        }
        return out;
    }

    static double[] unit(double[] w) {
        double norm = 0;
        for (double v : w) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        double[] out = new double[w.length];
        for (int d = 0; d < w.length; d++) {
            out[d] = norm == 0 ? 0 : w[d] / norm;
        }
        return out;
    }

    private static double accuracy(AttributeClassifiers c, int a, float[][] x, boolean[] y) {
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            correct += c.decisions(c.scores(x[i]))[a] == y[i] ? 1 : 0;
        }
        return correct / (double) x.length;
    }

    private static float[][] standardize(AttributeClassifiers c, float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = c.standardize(x[i]);
        }
        return out;
    }

    private static float[][] select(float[][] x, int[] columns) {
        float[][] out = new float[x.length][columns.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < columns.length; j++) {
                out[i][j] = x[i][columns[j]];
            }
        }
        return out;
    }

    private static boolean[][] wrap(boolean[] y) {
        boolean[][] out = new boolean[y.length][1];
        for (int i = 0; i < y.length; i++) {
            out[i][0] = y[i];
        }
        return out;
    }

    static boolean[] column(boolean[][] labels, int a) {
        boolean[] c = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            c[i] = labels[i][a];
        }
        return c;
    }

    private static boolean allSame(boolean[] y) {
        for (boolean v : y) {
            if (v != y[0]) {
                return false;
            }
        }
        return true;
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }
}
