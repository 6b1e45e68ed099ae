package faceattr.train;

import faceattr.data.CelebaDataset;
import faceattr.model.FaceLocator;
import faceattr.model.Localizer;
import faceattr.model.ThresholdCalibration;
import faceattr.report.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code lnet-finetune}: each LNet stage on attribute tags (a later stage on the views the earlier ones find), then the
 * LNets as a face locator and the face threshold on its score.
 */
final class LNetFinetuneStage implements TrainingStage {
    /** Validation images the face threshold is measured on. */
    private static final int CALIBRATION_IMAGES = 300;

    @Override
    public Stage stage() {
        return Stage.LNET_FINETUNE;
    }

    @Override
    public void train(StageContext ctx) throws IOException {
        TrainOptions o = ctx.options();
        LNetTraining lnet = new LNetTraining(o, ctx.err(), ctx.stageSummaries());
        for (int s = 0; s < o.lnet().stages(); s++) {
            Path dir = ctx.work().lnetStage(s);
            FaceLocator previous = s == 0 ? null : LNetTraining.locator(ctx.lnets, o.run().profile(), 1, 0);
            ComputationGraph net = lnet.finetune(s, ctx.pretrainedLnet, previous, ctx.train(o.limits().lnetMaxTrain()),
                    ctx.validationSubset(), dir);
            WorkFolder.saveResult(net, dir);
            ctx.lnets.add(net);
        }
        locate(ctx, lnet, true);
    }

    @Override
    public void load(StageContext ctx) throws IOException {
        for (int s = 0; s < ctx.options().lnet().stages(); s++) {
            ctx.lnets.add(WorkFolder.loadResult(ctx.work().lnetStage(s), Stage.LNET_FINETUNE));
        }
        locate(ctx, new LNetTraining(ctx.options(), ctx.err(), ctx.stageSummaries()), false);
    }

    private static void locate(StageContext ctx, LNetTraining lnet, boolean retrained) throws IOException {
        TrainOptions o = ctx.options();
        ctx.locator = LNetTraining.locator(ctx.lnets, o.run().profile(), o.inference().maxFaces(),
                o.lnet().refinePasses());
        ctx.lnetCalibration = calibration(ctx, lnet, retrained);
    }

    /**
     * The face threshold for the locator's LNets and localizer settings: measured when LNet was (re)trained or when
     * the settings or stages it was measured with changed (scores depend on the map, the windows and the last stage),
     * else read back from the work folder.
     */
    private static ThresholdCalibration calibration(StageContext ctx, LNetTraining lnet, boolean retrained)
            throws IOException {
        Path file = ctx.work().of(Stage.LNET_FINETUNE).resolve("calibration.json");
        Localizer.Settings settings = ctx.locator.passes().get(0).localizer().settings();
        Map<String, Object> measuredWith = new LinkedHashMap<>();
        measuredWith.put("settings", settings);
        measuredWith.put("lnetStages", ctx.options().lnet().stages());
        JsonNode wanted = Json.PRETTY.valueToTree(measuredWith);
        if (!retrained && Files.exists(file)) {
            JsonNode saved = Json.PRETTY.readTree(file.toFile());
            if (wanted.equals(saved.get("localizer"))) {
                return Json.PRETTY.treeToValue(saved.get("calibration"), ThresholdCalibration.class);
            }
            ctx.err().println("calibration: " + file + " was measured with other localizer settings or LNet stages; "
                    + "measuring again");
        }
        ThresholdCalibration calibration = lnet.calibrate(ctx.locator,
                CelebaDataset.spread(ctx.validation(), CALIBRATION_IMAGES));
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("localizer", measuredWith);
        saved.put("calibration", calibration);
        Json.PRETTY.writeValue(file.toFile(), saved);
        return calibration;
    }
}
