package faceattr.evaluate;

import faceattr.data.CelebaDataset;
import faceattr.data.CelebaReader;
import faceattr.data.CelebaSample;
import faceattr.data.ImageVariant;
import faceattr.data.SampleBatches;
import faceattr.data.Split;
import faceattr.geometry.Box;
import faceattr.image.Annotator;
import faceattr.image.ContactSheet;
import faceattr.model.Cascade;
import faceattr.report.Json;
import faceattr.report.LineChart;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code faceattr localize-report}: LNet's best window per image against {@code list_bbox_celeba.txt} at IoU 0.3–0.7,
 * beside the centred-box baseline ({@link LocalizationRecall}); writes localization.md/.json/.csv, a recall-vs-IoU
 * curve and a contact sheet of the worst localizations (ground truth green, LNet yellow, IoU in the caption).
 */
public final class LocalizationReport {
    public static final String CURVE_PNG = "localization-recall.png";
    public static final String WORST_PNG = "worst-localizations.png";
    public static final int SHEET_COLUMNS = 6;

    /** What the report says, also written as localization.json. */
    public record Result(String model, String data, String split, int images, LocalizationRecall recall,
                         List<Worst> worst) {
    }

    /** One of the worst-localized images. */
    public record Worst(String image, double iou, Box truth, Box found, double score, boolean passedFaceThreshold) {
    }

    private final PrintStream err;

    public LocalizationReport(PrintStream err) {
        this.err = err;
    }

    /**
     * @param worstCount images on the worst-localization sheet (lowest IoU first; among equal IoU the most confident
     *                   window first)
     * @param tile       width and height of a sheet cell in pixels
     */
    public Result run(Cascade cascade, String modelName, Path data, Split split, int maxImages, int batch,
                      int worstCount, int tile, Path out) throws IOException {
        CelebaDataset dataset = CelebaReader.read(data, ImageVariant.IN_THE_WILD).requireImages();
        List<CelebaSample> samples = dataset.split(split);
        if (maxImages > 0 && samples.size() > maxImages) {
            samples = CelebaDataset.spread(samples, maxImages);
        }
        samples = samples.stream().filter(s -> s.box() != null).toList();
        if (samples.isEmpty()) {
            throw new IOException(data + ": no image of the " + split + " split has a box in list_bbox_celeba.txt");
        }
        int n = samples.size();
        Box[] found = new Box[n];
        double[] scores = new double[n];
        boolean[] isFace = new boolean[n];
        SampleBatches.forEachBatch(samples, batch, "localize-report " + split.name().toLowerCase(Locale.ROOT), err,
                (off, images) -> {
                    List<Cascade.Window> windows = cascade.dominantWindows(images);
                    for (int i = 0; i < images.size(); i++) {
                        Cascade.Window best = windows.get(i);
                        found[off + i] = best.box();
                        scores[off + i] = best.faceScore();
                        isFace[off + i] = cascade.isFace(best);
                    }
                });
        LocalizationRecall recall = LocalizationRecall.measure(samples.stream().map(CelebaSample::box).toList(), found,
                isFace, Evaluator.imageSizes(samples), LocalizationRecall.REPORT_THRESHOLDS);
        List<Integer> order = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> recall.ious()[i])
                        .thenComparingDouble(i -> -scores[i]).thenComparing(i -> i)).toList();
        List<Worst> worst = new ArrayList<>();
        for (int i : order.subList(0, Math.min(worstCount, n))) {
            worst.add(new Worst(samples.get(i).imageId(), recall.ious()[i], samples.get(i).box(), found[i], scores[i],
                    isFace[i]));
        }
        Result result = new Result(modelName, data.toString(), split.name().toLowerCase(Locale.ROOT), n, recall, worst);
        write(result, samples, tile, out);
        return result;
    }

    private static void write(Result r, List<CelebaSample> samples, int tile, Path out) throws IOException {
        Files.createDirectories(out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", r.model());
        json.put("data", r.data());
        json.put("split", r.split());
        json.put("images", r.images());
        json.put("meanIoU", r.recall().meanIoU());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int t = 0; t < r.recall().thresholds().length; t++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("iou", r.recall().thresholds()[t]);
            row.put("recallPassingFaceThreshold", r.recall().passing()[t]);
            row.put("recallBestWindow", r.recall().bestWindow()[t]);
            row.put("recallCentredBox", r.recall().centred()[t]);
            rows.add(row);
        }
        json.put("recall", rows);
        json.put("worst", r.worst());
        Json.PRETTY.writeValue(out.resolve("localization.json").toFile(), json);
        StringBuilder csv = new StringBuilder("iou,recall_passing_face_threshold,recall_best_window,recall_centred_box\n");
        for (int t = 0; t < r.recall().thresholds().length; t++) {
            csv.append(String.format(Locale.ROOT, "%.2f,%.4f,%.4f,%.4f%n", r.recall().thresholds()[t],
                    r.recall().passing()[t], r.recall().bestWindow()[t], r.recall().centred()[t]));
        }
        Files.writeString(out.resolve("localization.csv"), csv);
        Files.writeString(out.resolve("localization.md"), markdown(r));
        curve(r.recall()).write(out.resolve(CURVE_PNG));
        worstSheet(r, samples, tile).write(out.resolve(WORST_PNG));
    }

    public static String markdown(Result r) {
        LocalizationRecall l = r.recall();
        StringBuilder md = new StringBuilder("# Localization\n\n");
        md.append(String.format(Locale.ROOT, "Model `%s` on `%s`, split `%s`: %d images with an annotated box; LNet's "
                + "best window per image against `list_bbox_celeba.txt`. Mean IoU of the best window: %.3f.%n%n",
                r.model(), r.data(), r.split(), r.images(), l.meanIoU()));
        md.append("| IoU ≥ | recall (best window, passing the face threshold) | recall (best window, threshold ignored)"
                + " | centred-box baseline |\n|---:|---:|---:|---:|\n");
        for (int t = 0; t < l.thresholds().length; t++) {
            md.append(String.format(Locale.ROOT, "| %.1f | %.1f%% | %.1f%% | %.1f%% |%n", l.thresholds()[t],
                    100 * l.passing()[t], 100 * l.bestWindow()[t], 100 * l.centred()[t]));
        }
        md.append("\nThe centred box has the split's mean relative box width and height, centred on each image.\n\n");
        md.append("![recall vs IoU](" + CURVE_PNG + ")\n\n");
        md.append("Worst localizations, lowest IoU first and among equal IoU the highest window score first (green: "
                + "annotated box, yellow: LNet's best window; caption: IoU, image):\n\n");
        md.append("![worst localizations](" + WORST_PNG + ")\n");
        return md.toString();
    }

    private static LineChart curve(LocalizationRecall l) {
        String[] ticks = new String[l.thresholds().length];
        for (int t = 0; t < ticks.length; t++) {
            ticks[t] = String.format(Locale.ROOT, "%.1f", l.thresholds()[t]);
        }
        return new LineChart("Localization recall vs IoU threshold", "IoU threshold", "recall", ticks, 0, 1)
                .add("LNet best window, passing face threshold", l.passing(), new Color(31, 119, 180))
                .add("LNet best window, threshold ignored", l.bestWindow(), new Color(44, 160, 44))
                .add("centred-box baseline", l.centred(), new Color(214, 39, 40));
    }

    private static ContactSheet worstSheet(Result r, List<CelebaSample> samples, int tile) throws IOException {
        Map<String, CelebaSample> byId = new LinkedHashMap<>();
        samples.forEach(s -> byId.put(s.imageId(), s));
        List<CelebaSample> chosen = r.worst().stream().map(w -> byId.get(w.image())).toList();
        List<BufferedImage> images = SampleBatches.decode(chosen);
        ContactSheet sheet = new ContactSheet(SHEET_COLUMNS, tile, tile);
        for (int i = 0; i < chosen.size(); i++) {
            Worst w = r.worst().get(i);
            BufferedImage drawn = Annotator.annotate(images.get(i), List.of(w.found()),
                    List.of(List.of(w.passedFaceThreshold() ? "LNet" : "LNet (below face threshold)")), null);
            sheet.add(drawn, String.format(Locale.ROOT, "IoU %.2f  %s", w.iou(), w.image()), List.of(w.truth()),
                    new double[0]);
        }
        return sheet;
    }
}
