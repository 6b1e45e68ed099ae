package faceattr.cli;

import faceattr.concepts.Concepts;
import faceattr.data.Split;
import faceattr.model.ModelBundle;
import faceattr.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code faceattr concepts}: the paper's analysis of what ANet's FC neurons encode. */
@Command(name = "concepts", mixinStandardHelpOptions = true,
        description = "Concept analysis of ANet's FC neurons (paper Fig. 8, 10b, 11): accuracy with the top k%% of "
                + "neurons, L1 sparsity, top neurons per attribute, k-means attribute groups, mean faces; fine-tuned "
                + "vs identity-pre-trained ANet. Writes concepts.md, concepts.json and PNGs.")
public final class ConceptsCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--data", required = true,
            description = "CelebA-layout folder with identity_CelebA.txt; use images the model was not trained on.")
    Path data;

    @Option(names = "--split", defaultValue = "all", description = "train, val, test or all (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--out", required = true, description = "Folder for concepts.md, concepts.json and the PNGs.")
    Path out;

    @Option(names = "--pretrained", paramLabel = "PATH",
            description = "Identity-pre-trained ANet (a training work folder's anet-pretrain/final.zip); default: the "
                    + "bundle's anet-pretrain.zip when it has one, else only the fine-tuned ANet is analysed.")
    Path pretrained;

    @Option(names = "--max-images", defaultValue = "0", description = "At most this many images (0 = all).")
    int maxImages;

    @Option(names = "--batch", defaultValue = "32", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--svm-c", defaultValue = "0.01",
            description = "Linear SVM cost C, as in train (default: ${DEFAULT-VALUE}).")
    double svmC;

    @Option(names = "--min-gain", defaultValue = "0.01", description = "An attribute counts in the gain-kept average "
            + "when its all-neuron classifier beats the majority baseline by at least this fraction (default: "
            + "${DEFAULT-VALUE}).")
    double minGain;

    @Option(names = "--tolerance", defaultValue = "0.005", description = "L1 path: \"same accuracy\" means within "
            + "this fraction of the all-neuron SVM (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--top-neurons", defaultValue = "5",
            description = "Top neurons listed per attribute (default: ${DEFAULT-VALUE}).")
    int topNeurons;

    @Option(names = "--clusters", defaultValue = "6",
            description = "k of the k-means grouping of attributes (default: ${DEFAULT-VALUE}, as in the paper).")
    int clusters;

    @Option(names = "--figure-neurons", defaultValue = "6",
            description = "Neurons in the mean-face figure (default: ${DEFAULT-VALUE}).")
    int figureNeurons;

    @Mixin
    SeedOption seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (clusters < 1 || topNeurons < 1 || figureNeurons < 0 || svmC <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--clusters and --top-neurons must be at least 1, --figure-neurons at least 0, --svm-c positive");
        }
        if (pretrained != null && !Files.isRegularFile(pretrained)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pretrained " + pretrained
                    + ": no such file (a training work folder keeps it as anet-pretrain/final.zip)");
        }
        ModelBundle bundle = model.load();
        String name = model.name(bundle);
        ComputationGraph pre = null;
        String preSource = null;
        if (pretrained != null) {
            pre = Networks.restore(pretrained, false);
            preSource = pretrained.toString();
        } else if (bundle.pretrainedAnet().isPresent()) {
            pre = bundle.pretrainedAnet().get();
            preSource = name + "!" + ModelBundle.PRETRAINED_ANET;
        }
        Split s = split.equalsIgnoreCase("all") ? null : Splits.parse(split);
        Concepts.Options o = new Concepts.Options(s, maxImages, batch, svmC, minGain, tolerance, topNeurons, clusters,
                figureNeurons, seed.value());
        Concepts.Result r = new Concepts(System.err).run(bundle.forInference().cascade(), pre, preSource, name, data,
                o, out);
        System.out.printf(Locale.ROOT, "%s%n%d images -> %s%n", r.finding().statement(), r.images(),
                out.resolve("concepts.md"));
        return 0;
    }
}
