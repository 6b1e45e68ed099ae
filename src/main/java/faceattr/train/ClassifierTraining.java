package faceattr.train;

import faceattr.data.Attributes;
import faceattr.data.CelebaSample;
import faceattr.data.SampleBatches;
import faceattr.model.AttributeClassifiers;
import faceattr.model.Cascade;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The linear SVMs: patch-averaged ANet features of validation-split images (identities the networks never trained on);
 * the first half of those identities (in id order) trains the SVMs, the rest chooses each attribute's threshold and
 * fits its Platt scaling.
 */
final class ClassifierTraining {
    private final TrainOptions o;
    private final PrintStream err;
    private final Map<String, Object> summary;

    ClassifierTraining(TrainOptions o, PrintStream err, Map<String, Object> summary) {
        this.o = o;
        this.err = err;
        this.summary = summary;
    }

    /** The SVMs, and the dominant windows (features, LNet score) of the images they trained on and were held out. */
    record Result(AttributeClassifiers classifiers, List<Cascade.Window> svmWindows, List<Cascade.Window> heldWindows) {
    }

    /** Each sample's dominant LNet window with its features, averaged over the cascade's patches. */
    static List<Cascade.Window> windows(Cascade cascade, List<CelebaSample> samples, String label, PrintStream err)
            throws IOException {
        Cascade.Window[] out = new Cascade.Window[samples.size()];
        SampleBatches.forEachBatch(samples, 32, label, err, (off, images) -> {
            List<Cascade.Window> w = cascade.dominantWindows(images);
            for (int i = 0; i < w.size(); i++) {
                out[off + i] = w.get(i);
            }
        });
        return List.of(out);
    }

    static float[][] features(List<Cascade.Window> windows) {
        return windows.stream().map(Cascade.Window::features).toArray(float[][]::new);
    }

    Result train(Cascade featureCascade, List<CelebaSample> val) throws IOException {
        long start = System.nanoTime();
        TreeSet<Integer> ids = new TreeSet<>();
        val.forEach(s -> ids.add(s.identity()));
        List<Integer> sorted = new ArrayList<>(ids);
        int cut = sorted.size() / 2;
        if (cut < 1 || sorted.size() - cut < 1) {
            throw new IOException("classifiers need at least 2 validation-split identities, found " + sorted.size());
        }
        java.util.Set<Integer> svmIds = new java.util.HashSet<>(sorted.subList(0, cut));
        List<CelebaSample> fitSamples = val.stream().filter(s -> svmIds.contains(s.identity())).toList();
        List<CelebaSample> heldSamples = val.stream().filter(s -> !svmIds.contains(s.identity())).toList();
        List<Cascade.Window> fitWindows = windows(featureCascade, fitSamples, "classifiers: SVM-set features", err);
        List<Cascade.Window> heldWindows = windows(featureCascade, heldSamples, "classifiers: held-out features", err);
        float[][] fit = features(fitWindows);
        float[][] held = features(heldWindows);
        boolean[][] fitY = labels(fitSamples);
        boolean[][] heldY = labels(heldSamples);
        AttributeClassifiers classifiers = AttributeClassifiers.train(Attributes.NAMES, fit, fitY, held, heldY,
                o.classifiers().svmC(), o.run().seed());
        double mean = 0;
        Map<String, Double> perAttribute = new LinkedHashMap<>();
        for (int a = 0; a < Attributes.COUNT; a++) {
            int correct = 0;
            for (int i = 0; i < held.length; i++) {
                correct += classifiers.decisions(classifiers.scores(held[i]))[a] == heldY[i][a] ? 1 : 0;
            }
            double acc = correct / (double) held.length;
            perAttribute.put(Attributes.NAMES.get(a), acc);
            mean += acc / Attributes.COUNT;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf(java.util.Locale.ROOT, "classifiers: %d SVM images (%d identities), %d held-out images, held-out mean "
                + "accuracy %.4f (thresholds chosen there: optimistic), %.0f s%n", fitSamples.size(), cut,
                heldSamples.size(), mean, seconds);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("svmImages", fitSamples.size());
        s.put("svmIdentities", cut);
        s.put("heldOutImages", heldSamples.size());
        s.put("heldOutMeanAccuracy", mean);
        s.put("seconds", seconds);
        s.put("imagesPerSecond", (fitSamples.size() + heldSamples.size()) / Math.max(1e-9, seconds));
        summary.put(Stage.CLASSIFIERS.id(), s);
        return new Result(classifiers, fitWindows, heldWindows);
    }

    static boolean[][] labels(List<CelebaSample> samples) {
        boolean[][] y = new boolean[samples.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = samples.get(i).attributes().clone();
        }
        return y;
    }
}
