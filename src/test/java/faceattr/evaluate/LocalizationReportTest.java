package faceattr.evaluate;

import faceattr.cli.Main;
import faceattr.geometry.Box;
import faceattr.model.PatchLayout;
import faceattr.model.TestModels;
import faceattr.report.LineChart;
import faceattr.synth.SynthConfig;
import faceattr.synth.SynthGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalizationReportTest {

    @Test
    void recallCurvesAreBoundedAndNeverRiseWithTheThreshold() {
        Random r = new Random(5);
        int n = 300;
        List<Box> truth = new ArrayList<>();
        Box[] found = new Box[n];
        boolean[] isFace = new boolean[n];
        int[][] sizes = new int[n][];
        for (int i = 0; i < n; i++) {
            sizes[i] = new int[]{200 + r.nextInt(200), 200 + r.nextInt(200)};
            Box gt = new Box(r.nextInt(100), r.nextInt(100), 40 + r.nextInt(60), 50 + r.nextInt(60));
            truth.add(i % 10 == 0 ? null : gt);
            found[i] = new Box(gt.x() + r.nextGaussian() * 15, gt.y() + r.nextGaussian() * 15,
                    gt.width() * (0.7 + 0.6 * r.nextDouble()), gt.height() * (0.7 + 0.6 * r.nextDouble()));
            isFace[i] = r.nextDouble() < 0.8;
        }
        double[] thresholds = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        LocalizationRecall l = LocalizationRecall.measure(truth, found, isFace, sizes, thresholds);
        assertEquals(270, l.boxedImages(), "images without a box are not counted");
        for (double[] curve : List.of(l.passing(), l.bestWindow(), l.centred())) {
            for (int t = 0; t < curve.length; t++) {
                assertTrue(curve[t] >= 0 && curve[t] <= 1, Arrays.toString(curve));
                if (t > 0) {
                    assertTrue(curve[t] <= curve[t - 1], "non-increasing: " + Arrays.toString(curve));
                }
            }
        }
        for (int t = 0; t < thresholds.length; t++) {
            assertTrue(l.passing()[t] <= l.bestWindow()[t], "passing the face threshold is a subset");
        }
        assertTrue(l.bestWindow()[0] > l.bestWindow()[thresholds.length - 1], "the curve is not flat on this data");
        assertTrue(Double.isNaN(l.ious()[0]), "no box, no IoU");
        // one hand-checked case: a box of half the annotated width, same left edge, has IoU 0.5
        LocalizationRecall exact = LocalizationRecall.measure(List.of(new Box(10, 10, 40, 40)),
                new Box[]{new Box(10, 10, 20, 40)}, new boolean[]{true}, new int[][]{{100, 100}},
                new double[]{0.5, 0.5001});
        assertEquals(0.5, exact.ious()[0], 1e-12);
        assertEquals(1.0, exact.passing()[0]);
        assertEquals(0.0, exact.passing()[1]);
    }

    @Test
    void commandWritesTableCurveAndWorstSheet(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("set");
        new SynthGenerator(SynthConfig.small(data, 60, 6, 31)).generate();
        Path model = tmp.resolve("m.zip");
        TestModels.randomBundle(PatchLayout.fivePatches(1.25), 3).save(model);
        Path out = tmp.resolve("report");

        int code = Main.run("localize-report", "--model", model.toString(), "--data", data.toString(),
                "--split", "train", "--out", out.toString(), "--worst", "8", "--tile", "120");
        assertEquals(0, code);

        JsonNode json = new ObjectMapper().readTree(out.resolve("localization.json").toFile());
        JsonNode rows = json.get("recall");
        assertEquals(5, rows.size());
        double previous = 1;
        for (int t = 0; t < rows.size(); t++) {
            assertEquals(0.3 + 0.1 * t, rows.get(t).get("iou").asDouble(), 1e-9);
            double best = rows.get(t).get("recallBestWindow").asDouble();
            assertTrue(best >= 0 && best <= previous, "monotone: " + rows);
            previous = best;
        }
        assertEquals(8, json.get("worst").size());
        double last = -1;
        double lastScore = Double.POSITIVE_INFINITY;
        for (JsonNode w : json.get("worst")) {
            double iou = w.get("iou").asDouble();
            assertTrue(iou >= last, "worst first");
            if (iou == last) {
                assertTrue(w.get("score").asDouble() <= lastScore, "equal IoU: most confident first");
            }
            last = iou;
            lastScore = w.get("score").asDouble();
        }
        assertEquals(6, Files.readAllLines(out.resolve("localization.csv")).size(), "header + 5 thresholds");
        String md = Files.readString(out.resolve("localization.md"));
        assertTrue(md.contains("| 0.5 |") && md.contains("centred-box baseline"), md);

        BufferedImage curve = ImageIO.read(out.resolve(LocalizationReport.CURVE_PNG).toFile());
        assertEquals(LineChart.WIDTH, curve.getWidth());
        assertEquals(LineChart.HEIGHT, curve.getHeight());
        BufferedImage sheet = ImageIO.read(out.resolve(LocalizationReport.WORST_PNG).toFile());
        assertEquals(LocalizationReport.SHEET_COLUMNS * 120, sheet.getWidth(), "6 columns of --tile 120 px");
        assertEquals(2 * (120 + 14), sheet.getHeight(), "8 tiles: 2 rows with captions");
    }
}
