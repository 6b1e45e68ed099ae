package faceattr.concepts;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analysis on feature matrices whose answer is known: attributes that each depend on two of 100 "neurons" keep
 * their gain with the top 10%, attributes spread evenly over all neurons do not; the finding says which, in numbers
 * that agree with the per-attribute results.
 */
class ConceptAnalysisTest {
    private static final List<String> NAMES = List.of("A", "B", "C", "D", "E", "Constant");
    private static final int DIM = 100;
    private static final Concepts.Options OPTIONS = new Concepts.Options(null, 0, 32, 0.1, 0.01, 0.01, 5, 3, 4, 1);

    private static ConceptAnalysis.NetworkConcepts analyze(boolean sparse, long seed) {
        return analyze(sparse, seed, DIM);
    }

    /** Neurons from {@code responding} on are dead: always 0, as a ReLU unit that never fires. */
    private static ConceptAnalysis.NetworkConcepts analyze(boolean sparse, long seed, int responding) {
        Random r = new Random(seed);
        int n = 800;
        float[][] x = new float[n][DIM];
        boolean[][] y = new boolean[n][NAMES.size()];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < DIM; d++) {
                x[i][d] = d < responding ? (float) r.nextGaussian() : 0f;
            }
            for (int a = 0; a < NAMES.size() - 1; a++) {
                double signal = 0;
                if (sparse) {
                    signal = 2 * x[i][7 * a] - x[i][7 * a + 3];
                } else {
                    for (int d = 0; d < DIM; d++) {
                        signal += ((d + a) % 2 == 0 ? 1 : -1) * x[i][d] / Math.sqrt(DIM / 4.0);
                    }
                }
                y[i][a] = signal + 0.3 * r.nextGaussian() > 0.8; // about 25% positive: a majority baseline to beat
            }
            y[i][NAMES.size() - 1] = true;
        }
        ConceptAnalysis.Part fit = part(x, y, 0, 400);
        ConceptAnalysis.Part cal = part(x, y, 400, 600);
        ConceptAnalysis.Part measure = part(x, y, 600, 800);
        ConceptAnalysis.Settings s = new ConceptAnalysis.Settings(OPTIONS.svmC(), OPTIONS.minGain(),
                OPTIONS.tolerance(), OPTIONS.topNeurons(), OPTIONS.clusters(), OPTIONS.seed());
        return ConceptAnalysis.analyze(sparse ? "sparse" : "dense", NAMES, fit, cal, measure, s,
                new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void sparseAttributesKeepTheirGainWithTheTopTenPercent() {
        ConceptAnalysis.NetworkConcepts n = analyze(true, 1);
        assertEquals(5, n.eligibleAttributes(), "every learnable attribute beats its majority baseline");
        Concepts.Finding f = Concepts.finding(n, OPTIONS);
        assertTrue(f.meetsPaper(), f.statement());
        assertTrue(f.keptGainTopTen() >= 0.9, f.statement());
        assertConsistent(n, f);
        for (int i = 0; i < 5; i++) {
            int a = i;
            ConceptAnalysis.AttributeConcepts c = n.attributes().get(a);
            List<Integer> top2 = c.topNeurons().subList(0, 2).stream().map(ConceptAnalysis.NeuronWeight::neuron).toList();
            assertTrue(top2.contains(7 * a) && top2.contains(7 * a + 3), c.name() + " ranks its two neurons first: " + top2);
            assertTrue(c.topNeurons().stream().filter(w -> w.neuron() == 7 * a).findFirst().orElseThrow().weight() > 0);
            assertTrue(c.topNeurons().stream().filter(w -> w.neuron() == 7 * a + 3).findFirst().orElseThrow().weight() < 0,
                    "signed weights");
            assertTrue(c.l1().nonZeroToReachFull() != null && c.l1().nonZeroToReachFull() <= 10,
                    c.name() + ": a sparse L1 model reaches the full accuracy: " + c.l1());
        }
        ConceptAnalysis.AttributeConcepts constant = n.attributes().get(5);
        assertTrue(constant.constant() && !constant.eligible());
        assertEquals(5, n.clusters().stream().mapToInt(c -> c.attributes().size()).sum(), "constant not clustered");
        assertEquals(3, n.clusters().size());
        assertEquals(5, n.neurons().stream().filter(u -> u.neuron() % 7 == 0 && u.neuron() < 35).count(),
                "each attribute's main neuron serves it");
    }

    @Test
    void denseAttributesFallShortAndTheFindingSaysByHowMuch() {
        ConceptAnalysis.NetworkConcepts n = analyze(false, 2);
        assertTrue(n.eligibleAttributes() > 0, "the full classifiers learn the dense attributes");
        Concepts.Finding f = Concepts.finding(n, OPTIONS);
        assertFalse(f.meetsPaper(), f.statement());
        assertTrue(f.statement().contains("points short"), f.statement());
        assertEquals(100 * (0.9 - f.keptGainTopTen()), f.shortfallPoints(), 1e-9);
        assertTrue(f.statement().contains(String.format(java.util.Locale.ROOT, "%.1f points short", f.shortfallPoints())));
        assertConsistent(n, f);
        int full = n.keptGain().length - 1;
        assertEquals(1.0, n.keptGain()[full], 1e-12, "all neurons keep all of the gain");
    }

    @Test
    void deadNeuronsAreCountedAndTheFindingAlsoMeasuresTheRespondingOnes() {
        ConceptAnalysis.NetworkConcepts n = analyze(true, 5, 50);
        assertEquals(50, n.activeNeurons());
        Concepts.Finding f = Concepts.finding(n, OPTIONS);
        assertConsistent(n, f);
        int k10 = java.util.Arrays.binarySearch(ConceptAnalysis.PERCENTS, 10);
        assertEquals(5, n.neuronsKeptResponding()[k10], "10% of the 50 responding neurons");
        assertEquals(ConceptAnalysis.keptShare(n.attributes(), ConceptAnalysis.AttributeConcepts::accuracyTopResponding)[k10],
                f.keptGainTopTenResponding(), 1e-12);
        assertTrue(f.statement().contains("Only 50 of the 100 neurons respond"), f.statement());
        assertEquals(50, n.neuronsKeptResponding()[n.neuronsKeptResponding().length - 1]);
        assertEquals(1.0, n.keptGainResponding()[n.keptGainResponding().length - 1], 0.02,
                "all responding neurons do what all neurons do (same SVM seed; dead ones carry no weight)");
        assertTrue(f.statement().contains(String.format(java.util.Locale.ROOT, "keep %.1f%%.",
                100 * f.keptGainTopTenResponding())), f.statement());
        for (ConceptAnalysis.AttributeConcepts c : n.attributes()) {
            assertTrue(c.topNeurons().stream().allMatch(w -> w.neuron() < 50 && w.weight() != 0),
                    "dead neurons get no weight and are never listed");
        }
        ConceptAnalysis.NetworkConcepts alive = analyze(true, 5);
        assertTrue(!Concepts.finding(alive, OPTIONS).statement().contains("respond"), "no caveat when all respond");
    }

    @Test
    void sameInputSameReport() {
        ConceptAnalysis.NetworkConcepts a = analyze(true, 4);
        ConceptAnalysis.NetworkConcepts b = analyze(true, 4);
        assertEquals(a.clusters(), b.clusters());
        assertEquals(java.util.Arrays.toString(a.keptGain()), java.util.Arrays.toString(b.keptGain()));
    }

    /** The finding's number is the per-attribute numbers' aggregate, and its verdict follows from it. */
    static void assertConsistent(ConceptAnalysis.NetworkConcepts n, Concepts.Finding f) {
        int k = java.util.Arrays.binarySearch(ConceptAnalysis.PERCENTS, 10);
        double kept = 0;
        double full = 0;
        int eligible = 0;
        for (ConceptAnalysis.AttributeConcepts c : n.attributes()) {
            boolean shouldBeEligible = !c.constant() && c.accuracyAll() - c.majority() >= OPTIONS.minGain();
            assertEquals(shouldBeEligible, c.eligible(), c.name());
            if (c.eligible()) {
                eligible++;
                kept += c.accuracyTop()[k] - c.majority();
                full += c.accuracyAll() - c.majority();
            }
        }
        assertEquals(eligible, f.eligibleAttributes());
        assertEquals(kept / full, f.keptGainTopTen(), 1e-9);
        assertEquals(f.keptGainTopTen() >= 0.9, f.meetsPaper());
        assertTrue(f.statement().contains(String.format(java.util.Locale.ROOT, "keep %.1f%%", 100 * f.keptGainTopTen())),
                f.statement());
        assertEquals(10, f.neuronsKept(), "10% of 100 neurons");
    }

    private static ConceptAnalysis.Part part(float[][] x, boolean[][] y, int from, int to) {
        return new ConceptAnalysis.Part(java.util.Arrays.copyOfRange(x, from, to), java.util.Arrays.copyOfRange(y, from, to));
    }
}
