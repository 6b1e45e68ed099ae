package faceattr.cli;

import faceattr.data.Split;
import faceattr.evaluate.Evaluation;
import faceattr.evaluate.EvaluationReport;
import faceattr.evaluate.Evaluator;
import faceattr.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code faceattr evaluate}: accuracy table and localization recall of a bundle on one split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model bundle on a split of a CelebA-layout folder; writes evaluation.md/.csv/.json.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "CelebA-layout folder.")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "train, val or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Mixin
    ModelOption model;

    @Option(names = "--out", required = true, description = "Folder for evaluation.md, evaluation.csv, evaluation.json.")
    Path out;

    @Option(names = "--max-images", defaultValue = "0", description = "Evaluate at most this many images (0 = all).")
    int maxImages;

    @Option(names = "--batch", defaultValue = "32", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--record", description = "Also store the headline numbers in the bundle's manifest (--model only).")
    boolean record;

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = model.load();
        Split s = Splits.parse(split);
        String name = model.name(bundle);
        Evaluation e = new Evaluator(System.err).evaluate(bundle.forInference().cascade(), name, data, s, maxImages,
                batch);
        EvaluationReport.write(e, out);
        System.out.printf(Locale.ROOT, "meanAccuracy %.4f, meanAccuracyRendered %.4f, localizationRecall50 %.4f, "
                        + "centredBoxRecall50 %.4f (%d images) -> %s%n", e.meanAccuracy(), e.meanAccuracyRendered(),
                e.localizationRecall50(), e.centredBoxRecall50(), e.images(), out.resolve("evaluation.md"));
        if (record) {
            if (model.path() == null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--record needs --model (the bundled default is read-only)");
            }
            Map<String, Object> metrics = new java.util.LinkedHashMap<>(bundle.manifest().metrics());
            metrics.put(e.split(), Map.of("data", e.data(), "images", e.images(), "meanAccuracy", e.meanAccuracy(),
                    "meanAccuracyRendered", e.meanAccuracyRendered(), "localizationRecall50", e.localizationRecall50(),
                    "centredBoxRecall50", e.centredBoxRecall50(), "renderedAboveBaseline", e.renderedAboveBaseline()));
            bundle.withManifest(bundle.manifest().withMetrics(metrics)).save(model.path());
        }
        return 0;
    }
}
