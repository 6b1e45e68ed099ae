package faceattr.evaluate;

import faceattr.report.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Writes an {@link Evaluation} as evaluation.json, evaluation.csv and evaluation.md (a table shaped like Table 1). */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    public static void write(Evaluation e, Path dir) throws IOException {
        Files.createDirectories(dir);
        Json.PRETTY.writeValue(dir.resolve("evaluation.json").toFile(), e);
        StringBuilder csv = new StringBuilder("attribute,accuracy,balanced_accuracy,majority_baseline,positive_rate,"
                + "rendered,paper_lnets_anet_celeba\n");
        for (Map.Entry<String, Evaluation.AttributeResult> a : e.attributes().entrySet()) {
            Evaluation.AttributeResult r = a.getValue();
            csv.append(String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%.4f,%s,%d%n", a.getKey(), r.accuracy(),
                    r.balancedAccuracy(), r.majorityBaseline(), r.positiveRate(), r.rendered(), r.paperAccuracy()));
        }
        Files.writeString(dir.resolve("evaluation.csv"), csv);
        Files.writeString(dir.resolve("evaluation.md"), markdown(e));
    }

    public static String markdown(Evaluation e) {
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation\n\n");
        md.append(String.format(Locale.ROOT, "Model `%s` on `%s`, split `%s`, %d images (%.1f images/s).%n%n",
                e.model(), e.data(), e.split(), e.images(), e.imagesPerSecond()));
        md.append("| measure | value |\n|---|---|\n");
        md.append(row("mean accuracy, all " + e.attributes().size() + " labelled attributes", pct(e.meanAccuracy())));
        md.append(row("mean accuracy, rendered attributes (" + e.renderedAttributes() + ")", pct(e.meanAccuracyRendered())));
        md.append(row("mean balanced accuracy, all " + e.attributes().size(), pct(e.meanBalancedAccuracy())));
        md.append(row("mean majority-class baseline, all " + e.attributes().size(), pct(e.meanMajorityBaseline())));
        md.append(row("rendered attributes above their majority baseline", e.renderedAboveBaseline() + " of "
                + e.renderedAttributes()));
        md.append(row("localization recall at IoU >= 0.5 (best window, passing the face threshold)",
                pct(e.localizationRecall50())));
        md.append(row("best window IoU >= 0.5, threshold ignored", pct(e.dominantBoxRecall50())));
        md.append(row("centred-box baseline, IoU >= 0.5", pct(e.centredBoxRecall50())));
        md.append(row("mean IoU of the best window", String.format(Locale.ROOT, "%.3f", e.meanIoU())));
        md.append(row("face images whose best window passes the threshold", pct(e.faceDetectionRate())));
        if (e.backgroundFalsePositiveRate() != null) {
            md.append(row("background images with a face found (" + e.backgroundImages() + " images)",
                    pct(e.backgroundFalsePositiveRate())));
        }
        md.append("\nPer attribute (accuracy %; the last column is LNets+ANet on the real CelebA, Table 1 of the paper,"
                + " for comparison when this is run on the real data):\n\n");
        md.append("| attribute | accuracy | balanced | majority baseline | rendered | paper (CelebA) |\n");
        md.append("|---|---:|---:|---:|:---:|---:|\n");
        for (Map.Entry<String, Evaluation.AttributeResult> a : e.attributes().entrySet()) {
            Evaluation.AttributeResult r = a.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %s | %d |%n", a.getKey(),
                    100 * r.accuracy(), 100 * r.balancedAccuracy(), 100 * r.majorityBaseline(),
                    r.rendered() ? "yes" : "no", r.paperAccuracy()));
        }
        md.append(String.format(Locale.ROOT, "| **Average** | **%.1f** | **%.1f** | **%.1f** | | **87.3** |%n",
                100 * e.meanAccuracy(), 100 * e.meanBalancedAccuracy(), 100 * e.meanMajorityBaseline()));
        return md.toString();
    }

    private static String row(String k, String v) {
        return "| " + k + " | " + v + " |\n";
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
