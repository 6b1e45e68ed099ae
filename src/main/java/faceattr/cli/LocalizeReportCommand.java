package faceattr.cli;

import faceattr.evaluate.LocalizationRecall;
import faceattr.evaluate.LocalizationReport;
import faceattr.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code faceattr localize-report}: LNet's localization recall over IoU 0.3–0.7 with a centred-box baseline. */
@Command(name = "localize-report", mixinStandardHelpOptions = true,
        description = "Recall of LNet's best window at IoU 0.3-0.7 against list_bbox_celeba.txt, beside a centred-box "
                + "baseline; writes localization.md/.csv/.json, localization-recall.png and worst-localizations.png.")
public final class LocalizeReportCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--data", required = true, description = "CelebA-layout folder with list_bbox_celeba.txt.")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "train, val or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--out", required = true, description = "Folder for the report files.")
    Path out;

    @Option(names = "--max-images", defaultValue = "0", description = "At most this many images (0 = all).")
    int maxImages;

    @Option(names = "--batch", defaultValue = "32", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--worst", defaultValue = "24",
            description = "Worst-localized images on the contact sheet (default: ${DEFAULT-VALUE}).")
    int worst;

    @Option(names = "--tile", defaultValue = "200",
            description = "Cell size in pixels of the contact sheet (default: ${DEFAULT-VALUE}).")
    int tile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (worst < 0 || tile < 32) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--worst must be at least 0 and --tile at least 32 pixels");
        }
        ModelBundle bundle = model.load();
        String name = model.name(bundle);
        LocalizationReport.Result r = new LocalizationReport(System.err).run(bundle.forInference().cascade(), name,
                data, Splits.parse(split), maxImages, batch, worst, tile, out);
        LocalizationRecall l = r.recall();
        int at50 = l.indexOf(0.5);
        System.out.printf(Locale.ROOT, "recall@0.5 %.4f (threshold ignored %.4f, centred box %.4f), %d images -> %s%n",
                l.passing()[at50], l.bestWindow()[at50], l.centred()[at50], r.images(), out.resolve("localization.md"));
        return 0;
    }
}
