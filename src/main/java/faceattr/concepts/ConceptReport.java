package faceattr.concepts;

import faceattr.report.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static faceattr.concepts.ConceptAnalysis.pct;

/** Writes a {@link Concepts.Result} as concepts.md, concepts.json and the PNGs of {@link ConceptCharts}. */
final class ConceptReport {
    /** Neurons listed in the "which attributes a neuron serves" table. */
    private static final int NEURON_ROWS = 20;

    private ConceptReport() {
    }

    static void write(Concepts.Result r, ConceptFeatures f, Path out) throws IOException {
        Files.createDirectories(out);
        Json.PRETTY.writeValue(out.resolve("concepts.json").toFile(), r);
        ConceptCharts.gainChart(r.networks()).write(out.resolve(ConceptCharts.TOPK_PNG));
        ConceptCharts.accuracyChart(r.networks()).write(out.resolve(ConceptCharts.ACCURACY_PNG));
        ConceptCharts.writePng(ConceptCharts.heatMap(r.networks().get(0)), out.resolve(ConceptCharts.HEATMAP_PNG));
        ConceptCharts.meanFaces(f, f.tuned(), r.figureNeurons()).write(out.resolve(ConceptCharts.FACES_PNG));
        if (f.pretrained() != null) {
            ConceptCharts.meanFaces(f, f.pretrained(), r.figureNeuronsPretrained())
                    .write(out.resolve(ConceptCharts.FACES_PRETRAINED_PNG));
        }
        Files.writeString(out.resolve("concepts.md"), markdown(r));
    }

    static String markdown(Concepts.Result r) {
        Concepts.Options o = r.options();
        ConceptAnalysis.NetworkConcepts tuned = r.networks().get(0);
        StringBuilder md = new StringBuilder("# What ANet's neurons encode\n\n");
        md.append(String.format(Locale.ROOT, "Model `%s` on `%s` (split `%s`): %d images; LNet's dominant face per image, "
                + "ANet's patch-averaged FC features (%d neurons).%n%n", r.model(), r.data(), r.split(), r.images(),
                tuned.featureSize()));
        md.append(String.format(Locale.ROOT, "Protocol: three %s parts: %d images fit one linear SVM per attribute "
                        + "(standardized features, class-balanced hinge loss, C = %s), %d images choose its threshold, "
                        + "%d images measure accuracy. The majority baseline is the measurement part's majority class. "
                        + "Both networks are measured the same way on the same images.%n%n",
                r.identityDisjoint() ? String.format(Locale.ROOT, "identity-disjoint (%d / %d / %d identities)",
                        r.partIdentities()[0], r.partIdentities()[1], r.partIdentities()[2])
                        : "image-disjoint (no identity file)",
                r.fitImages(), o.svmC(), r.calibrationImages(), r.measureImages()));
        if (r.pretrainedSource() == null) {
            md.append("No identity-pre-trained ANet was given (`--pretrained`, or a bundle with `anet-pretrain.zip`): "
                    + "only the fine-tuned ANet is analysed.\n\n");
        } else {
            md.append("Identity-pre-trained ANet: `").append(r.pretrainedSource()).append("`.\n\n");
        }
        for (ConceptAnalysis.NetworkConcepts n : r.networks()) {
            md.append(String.format(Locale.ROOT, "- %s ANet: %d of %d neurons respond at all (vary over the fit "
                    + "part); the others are dead ReLU units and get weight 0.%n", n.network(), n.activeNeurons(),
                    n.featureSize()));
        }
        md.append("\n");
        md.append("## Finding\n\n**").append(r.finding().statement()).append("**\n\n");

        md.append("## Top k% of neurons\n\nPer attribute the neurons are ranked by |weight| in that attribute's SVM; the SVM"
                + " is re-fitted on the top k% only. *Gain kept* = Σ (accuracy_k − majority) / Σ (accuracy_all − "
                + "majority) over the attributes whose all-neuron classifier beats the majority baseline by at least "
                + pct(o.minGain()) + " points; *mean of per-attribute shares* averages the ratios instead.\n\n");
        md.append("| network | measure |");
        for (int k = 0; k < r.percents().length; k++) {
            md.append(" ").append(r.percents()[k]).append("% (").append(tuned.neuronsKept()[k]).append(") |");
        }
        md.append("\n|---|---|").append("---:|".repeat(r.percents().length)).append("\n");
        for (ConceptAnalysis.NetworkConcepts n : r.networks()) {
            row(md, n.network(), "gain kept, " + n.eligibleAttributes() + " attributes", n.keptGain());
            row(md, n.network(), "mean of per-attribute shares", n.meanKeptGainPerAttribute());
            if (n.activeNeurons() < n.featureSize()) {
                StringBuilder counts = new StringBuilder();
                for (int c : n.neuronsKeptResponding()) {
                    counts.append(counts.length() == 0 ? "" : "/").append(c);
                }
                row(md, n.network(), "gain kept, top k% of the " + n.activeNeurons() + " responding neurons ("
                        + counts + ")", n.keptGainResponding());
            }
            row(md, n.network(), "mean accuracy (majority " + pct(n.meanMajority()) + ")", n.meanAccuracy());
        }
        md.append("\n![gain kept vs k%](").append(ConceptCharts.TOPK_PNG).append(")\n\n");
        md.append("![accuracy vs k%](").append(ConceptCharts.ACCURACY_PNG).append(")\n\n");

        md.append("## Per attribute (").append(tuned.network()).append(" ANet)\n\n");
        md.append("Accuracy % on the measurement part. *L1 non-zero*: non-zero weights of the first model on an L1-"
                + "regularized logistic regression path (λ from λ_max down to λ_max/" + Math.round(1 / ConceptAnalysis.L1_MIN_RATIO)
                + ", " + ConceptAnalysis.L1_STEPS + " steps) whose accuracy is "
                + "within " + pct(o.tolerance()) + " points of the all-neuron SVM (its threshold also chosen on the "
                + "calibration part); \"not reached\" gives the path's best accuracy and its non-zero count.");
        if (r.networks().size() > 1) {
            md.append(" *Pre-trained*: the all-neuron accuracy of the identity-pre-trained ANet.");
        }
        md.append("\n\n| attribute | positive | majority | all neurons | gain |");
        for (int k = 0; k < r.percents().length - 1; k++) {
            md.append(" kept ").append(r.percents()[k]).append("% |");
        }
        md.append(" L1 non-zero | top neurons (signed weight) |");
        if (r.networks().size() > 1) {
            md.append(" pre-trained |");
        }
        md.append("\n|---|---:|---:|---:|---:|").append("---:|".repeat(r.percents().length - 1)).append("---|---|");
        md.append(r.networks().size() > 1 ? "---:|\n" : "\n");
        for (int a = 0; a < tuned.attributes().size(); a++) {
            ConceptAnalysis.AttributeConcepts c = tuned.attributes().get(a);
            md.append("| ").append(c.name()).append(" | ").append(pct(c.positiveRate())).append(" | ")
                    .append(pct(c.majority())).append(" | ").append(pct(c.accuracyAll())).append(" | ");
            if (c.constant()) {
                md.append("constant |").append(" |".repeat(r.percents().length - 1)).append(" | |");
            } else {
                md.append(String.format(Locale.ROOT, "%+.1f |", 100 * (c.accuracyAll() - c.majority())));
                for (int k = 0; k < r.percents().length - 1; k++) {
                    md.append(" ").append(c.eligible() ? pct(c.keptGain()[k]) + "%" : "–").append(" |");
                }
                md.append(" ").append(l1(c.l1())).append(" | ").append(c.topNeurons().stream()
                        .map(w -> String.format(Locale.ROOT, "%d (%+.2f)", w.neuron(), w.weight()))
                        .collect(Collectors.joining(", "))).append(" |");
            }
            if (r.networks().size() > 1) {
                md.append(" ").append(pct(r.networks().get(1).attributes().get(a).accuracyAll())).append(" |");
            }
            md.append("\n");
        }

        md.append("\n## Neurons and the attributes they serve\n\nA neuron serves an attribute when it is among that "
                + "attribute's top ").append(o.topNeurons()).append(" by |weight|; sign = direction. The ")
                .append(NEURON_ROWS).append(" neurons serving the most attributes:\n\n");
        for (ConceptAnalysis.NetworkConcepts n : r.networks()) {
            md.append("**").append(n.network()).append("**\n\n| neuron | attributes |\n|---:|---|\n");
            for (ConceptAnalysis.NeuronUse u : n.neurons().stream().limit(NEURON_ROWS).toList()) {
                md.append("| ").append(u.neuron()).append(" | ").append(u.attributes().stream()
                        .map(w -> w.attribute() + (w.weight() >= 0 ? " +" : " −"))
                        .collect(Collectors.joining(", "))).append(" |\n");
            }
            md.append("\n");
        }

        md.append("## Attribute groups (k-means, k = ").append(o.clusters()).append(", seed ").append(o.seed())
                .append(")\n\nk-means++ with 10 restarts on the unit-length SVM weight vectors of the non-constant "
                        + "attributes.\n\n");
        for (ConceptAnalysis.NetworkConcepts n : r.networks()) {
            md.append("**").append(n.network()).append("** (within-cluster sum of squares ")
                    .append(String.format(Locale.ROOT, "%.3f", n.clusterInertia())).append(")\n\n");
            for (ConceptAnalysis.Cluster c : n.clusters()) {
                md.append("- k").append(c.id()).append(": ").append(String.join(", ", c.attributes())).append("\n");
            }
            List<String> constant = n.attributes().stream().filter(ConceptAnalysis.AttributeConcepts::constant)
                    .map(ConceptAnalysis.AttributeConcepts::name).toList();
            if (!constant.isEmpty()) {
                md.append("- constant in the fit part (no classifier): ").append(String.join(", ", constant)).append("\n");
            }
            md.append("\n");
        }
        md.append("![weight heat map](").append(ConceptCharts.HEATMAP_PNG).append(")\n\n");

        md.append("## Mean faces (paper Fig. 8)\n\nFor each neuron serving the most attributes: the mean of the face crops "
                + "(the centre patch region) of the images with its highest, medium (around the median) and lowest "
                + "responses, ").append(Math.round(100 * ConceptCharts.GROUP_SHARE)).append("% of the images each.\n\n");
        md.append("![").append(tuned.network()).append(" mean faces](").append(ConceptCharts.FACES_PNG).append(")\n\n");
        if (r.networks().size() > 1) {
            md.append("![identity-pre-trained mean faces](").append(ConceptCharts.FACES_PRETRAINED_PNG).append(")\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String network, String measure, double[] values) {
        md.append("| ").append(network).append(" | ").append(measure).append(" |");
        for (double v : values) {
            md.append(" ").append(pct(v)).append(Double.isNaN(v) ? "" : "%").append(" |");
        }
        md.append("\n");
    }

    private static String l1(ConceptAnalysis.L1Result l) {
        if (l == null) {
            return "–";
        }
        return l.nonZeroToReachFull() != null ? Integer.toString(l.nonZeroToReachFull())
                : String.format(Locale.ROOT, "not reached (best %s%% with %d)", pct(l.bestAccuracy()), l.nonZeroAtBest());
    }
}
