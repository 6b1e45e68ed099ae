package faceattr.concepts;

import faceattr.data.Attributes;
import faceattr.data.CelebaDataset;
import faceattr.data.CelebaReader;
import faceattr.data.CelebaSample;
import faceattr.data.ImageVariant;
import faceattr.data.Split;
import faceattr.model.Cascade;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code faceattr concepts}: what ANet's FC neurons encode (paper §3.1, Fig. 8, 10b, 11), for the fine-tuned ANet of
 * a bundle and, when given, the identity-pre-trained ANet it started from, measured the same way on the same images
 * (see {@link ConceptAnalysis}); writes concepts.md, concepts.json and PNGs into the output folder.
 */
public final class Concepts {
    public static final String TUNED = "fine-tuned";
    public static final String PRETRAINED = "identity-pre-trained";
    /** The paper's finding (Fig. 10b): the top 10% of the neurons keep at least 90% of the performance. */
    static final int FINDING_PERCENT = 10;
    static final double FINDING_SHARE = 0.9;

    /**
     * @param split       a split, or null for all images of the folder
     * @param maxImages   at most this many images, spread over the list (0 = all)
     * @param figureNeurons neurons shown in the mean-face figure (those serving the most attributes)
     */
    public record Options(Split split, int maxImages, int batch, double svmC, double minGain, double tolerance,
                          int topNeurons, int clusters, int figureNeurons, long seed) {
    }

    /**
     * The headline: the share of the all-neuron gain over the majority baseline that the top 10% keep (fine-tuned
     * ANet, summed over eligible attributes), whether that meets the paper's 90%, and the sentence the report prints.
     */
    public record Finding(double keptGainTopTen, boolean meetsPaper, double shortfallPoints, int eligibleAttributes,
                          int neuronsKept, int featureSize, int respondingNeurons, double keptGainTopTenResponding,
                          String statement) {
    }

    /** Everything the report says (concepts.json). */
    public record Result(String model, String data, String split, int images, int fitImages, int calibrationImages,
                         int measureImages, boolean identityDisjoint, int[] partIdentities, Options options,
                         int[] percents, Finding finding, List<ConceptAnalysis.NetworkConcepts> networks,
                         List<Integer> figureNeurons, List<Integer> figureNeuronsPretrained, String pretrainedSource) {
    }

    private final PrintStream err;

    public Concepts(PrintStream err) {
        this.err = err;
    }

    /**
     * @param pretrained       the identity-pre-trained ANet, or null to analyse the fine-tuned one only
     * @param pretrainedSource where it came from (for the report), null when there is none
     */
    public Result run(Cascade tuned, ComputationGraph pretrained, String pretrainedSource, String modelName,
                      Path data, Options o, Path out) throws IOException {
        CelebaDataset dataset = CelebaReader.read(data, ImageVariant.IN_THE_WILD).requireImages();
        List<CelebaSample> samples = o.split() == null ? dataset.samples() : dataset.split(o.split());
        if (o.maxImages() > 0 && samples.size() > o.maxImages()) {
            samples = CelebaDataset.spread(samples, o.maxImages());
        }
        if (samples.isEmpty()) {
            throw new IOException(data + ": no images" + (o.split() == null ? "" : " in the " + o.split() + " split"));
        }
        Cascade pre = pretrained == null ? null : new Cascade(tuned.locator().passes(), tuned.calibration(), pretrained,
                tuned.anetInput(), tuned.layout(), tuned.classifiers(), PRETRAINED);
        ConceptFeatures f = ConceptFeatures.extract(tuned, pre, samples, o.batch(), err);
        ConceptAnalysis.Settings s = new ConceptAnalysis.Settings(o.svmC(), o.minGain(), o.tolerance(), o.topNeurons(),
                o.clusters(), o.seed());
        List<String> names = tuned.attributeNames().stream().filter(Attributes.NAMES::contains).toList();
        if (names.isEmpty()) {
            throw new IOException("the model has none of the 40 CelebA attributes the data labels");
        }
        List<ConceptAnalysis.NetworkConcepts> networks = new ArrayList<>();
        networks.add(analyze(TUNED, names, f, f.tuned(), s));
        if (f.pretrained() != null) {
            networks.add(analyze(PRETRAINED, names, f, f.pretrained(), s));
        }
        List<Integer> figure = figureNeurons(networks.get(0), o.figureNeurons());
        List<Integer> figurePre = networks.size() > 1 ? figureNeurons(networks.get(1), o.figureNeurons()) : List.of();
        Result r = new Result(modelName, data.toString(), o.split() == null ? "all"
                : o.split().name().toLowerCase(Locale.ROOT), samples.size(), f.count(0), f.count(1), f.count(2),
                f.hasIdentities(), f.partIdentities(), o, ConceptAnalysis.PERCENTS.clone(), finding(networks.get(0), o),
                networks, figure, figurePre, pretrainedSource);
        ConceptReport.write(r, f, out);
        err.println("concepts: " + r.finding().statement());
        return r;
    }

    /** @param names the model's attributes that the data labels (CelebA columns), in the model's order */
    private ConceptAnalysis.NetworkConcepts analyze(String name, List<String> names, ConceptFeatures f,
                                                    float[][] features, ConceptAnalysis.Settings s) {
        int[] columns = names.stream().mapToInt(Attributes::indexOf).toArray();
        return ConceptAnalysis.analyze(name, names, labelColumns(f.part(features, 0), columns),
                labelColumns(f.part(features, 1), columns), labelColumns(f.part(features, 2), columns), s, err);
    }

    /** The part with only the given label columns, in that order. */
    static ConceptAnalysis.Part labelColumns(ConceptAnalysis.Part part, int[] columns) {
        boolean[][] y = new boolean[part.y().length][columns.length];
        for (int i = 0; i < y.length; i++) {
            for (int c = 0; c < columns.length; c++) {
                y[i][c] = part.y()[i][columns[c]];
            }
        }
        return new ConceptAnalysis.Part(part.x(), y);
    }

    /** The neurons that serve the most attributes (in their top lists). */
    static List<Integer> figureNeurons(ConceptAnalysis.NetworkConcepts n, int count) {
        return n.neurons().stream().limit(Math.max(0, count)).map(ConceptAnalysis.NeuronUse::neuron).toList();
    }

    static Finding finding(ConceptAnalysis.NetworkConcepts n, Options o) {
        int k = java.util.Arrays.binarySearch(ConceptAnalysis.PERCENTS, FINDING_PERCENT);
        double kept = n.keptGain()[k];
        int neurons = n.neuronsKept()[k];
        String top = String.format(Locale.ROOT, "the top %d%% of the %s ANet's neurons (%d of %d per attribute)",
                FINDING_PERCENT, n.network(), neurons, n.featureSize());
        if (n.eligibleAttributes() == 0 || Double.isNaN(kept)) {
            return new Finding(Double.NaN, false, Double.NaN, 0, neurons, n.featureSize(), n.activeNeurons(),
                    Double.NaN, String.format(Locale.ROOT,
                    "No attribute's all-neuron classifier beats its majority baseline by at least %.1f points on the "
                            + "measurement part, so the share of the gain kept by %s is undefined: the paper's finding "
                            + "(at least %.0f%% kept) cannot be checked on this model and data.",
                    100 * o.minGain(), top, 100 * FINDING_SHARE));
        }
        boolean meets = kept >= FINDING_SHARE;
        double shortfall = meets ? 0 : 100 * (FINDING_SHARE - kept);
        String over = String.format(Locale.ROOT, "over the %d attribute(s) whose all-neuron classifier beats its majority "
                + "baseline by at least %.1f points", n.eligibleAttributes(), 100 * o.minGain());
        String statement = meets
                ? String.format(Locale.ROOT, "%s keep %.1f%% of the all-neuron classifiers' gain over the majority "
                + "baseline (%s): the paper's finding (at least %.0f%%) holds.", capitalize(top), 100 * kept, over,
                100 * FINDING_SHARE)
                : String.format(Locale.ROOT, "%s keep %.1f%% of the all-neuron classifiers' gain over the majority "
                + "baseline (%s): %.1f points short of the paper's finding (at least %.0f%%).", capitalize(top),
                100 * kept, over, shortfall, 100 * FINDING_SHARE);
        double keptResponding = n.keptGainResponding()[k];
        if (n.activeNeurons() < n.featureSize()) {
            statement += String.format(Locale.ROOT, " Only %d of the %d neurons respond to these images (the others "
                            + "are dead ReLU units), so %d neurons are %.0f%% of the responding ones; the top %d%% of the "
                            + "responding neurons (%d) keep %.1f%%.", n.activeNeurons(), n.featureSize(), neurons,
                    100.0 * Math.min(neurons, n.activeNeurons()) / Math.max(1, n.activeNeurons()), FINDING_PERCENT,
                    n.neuronsKeptResponding()[k], 100 * keptResponding);
        }
        return new Finding(kept, meets, shortfall, n.eligibleAttributes(), neurons, n.featureSize(), n.activeNeurons(),
                keptResponding, statement);
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
