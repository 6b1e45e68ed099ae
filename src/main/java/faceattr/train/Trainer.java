package faceattr.train;

import faceattr.backend.ComputeBackend;
import faceattr.data.CelebaDataset;
import faceattr.data.CelebaReader;
import faceattr.data.ImageVariant;
import faceattr.model.AttributeClassifiers;
import faceattr.model.BundleManifest;
import faceattr.model.ModelBundle;
import faceattr.model.ThresholdCalibration;
import faceattr.report.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the training stages in order over a CelebA-layout folder and writes the model bundle. Stages that are not
 * asked for are loaded from their last result in the work folder, so a run can redo just one stage.
 */
public final class Trainer {
    private final TrainOptions o;
    private final PrintStream err;

    public Trainer(TrainOptions options, PrintStream err) {
        this.o = options;
        this.err = err;
    }

    /** The steps in the order they run ({@link Stage} says why this order). */
    private static List<TrainingStage> steps() {
        return List.of(new LNetPretrainStage(), new LNetFinetuneStage(), new BoxRegressorStage(),
                new ANetPretrainStage(), new ANetFinetuneStage(), new ClassifierStage(), new FaceVerifierStage());
    }

    /** Trains and writes the bundle (when the classifiers stage runs); returns the summary also written to work/. */
    public Map<String, Object> run() throws IOException {
        long start = System.nanoTime();
        ComputeBackend.limitThreads(o.run().threads());
        Files.createDirectories(o.folders().work());
        CelebaDataset dataset = CelebaReader.read(o.folders().data(), ImageVariant.IN_THE_WILD).requireImages();
        StageContext ctx = new StageContext(o, err, dataset);
        int trainImages = ctx.train().size();
        int validationImages = ctx.validation().size();
        if (trainImages == 0 || validationImages == 0) {
            throw new IOException(o.folders().data() + ": training needs train and validation images (found "
                    + trainImages + " and " + validationImages + ")");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("profile", o.run().profile().name());
        summary.put("trainImages", trainImages);
        summary.put("validationImages", validationImages);
        summary.put("stages", ctx.stageSummaries());
        err.printf("train: %s, profile %s, %d train / %d validation images, stages %s%n", o.folders().data(),
                o.run().profile().name(), trainImages, validationImages, o.run().stages());

        for (TrainingStage step : steps()) {
            if (o.run().stages().contains(step.stage())) {
                step.train(ctx);
            } else {
                step.load(ctx);
            }
        }

        if (ctx.classifiers != null) {
            double seconds = (System.nanoTime() - start) / 1e9;
            summary.put("totalSeconds", seconds);
            writeBundle(ctx, summary);
            err.printf("train: wrote %s (%d bytes) in %.0f s%n", o.folders().out(), Files.size(o.folders().out()),
                    seconds);
        } else {
            summary.put("totalSeconds", (System.nanoTime() - start) / 1e9);
            err.println("train: classifiers stage not run, no bundle written");
        }
        Json.PRETTY.writeValue(ctx.work().summary().toFile(), summary);
        return summary;
    }

    /**
     * The bundle: the LNets (with the box regressor, when there is one), ANet, the SVMs, the face verifier, and the
     * identity-pre-trained ANet as the work folder has it (the pre-trained state, whatever fine-tuning did in memory).
     */
    private void writeBundle(StageContext ctx, Map<String, Object> summary) throws IOException {
        AttributeClassifiers svms = ctx.classifiers.classifiers();
        ThresholdCalibration calibration = ctx.faceVerifier == null ? ctx.lnetCalibration
                : ctx.faceVerifier.calibration();
        BundleManifest manifest = manifest(ctx, calibration, svms, summary);
        new ModelBundle(manifest, ctx.lnets, ctx.anet, svms,
                WorkFolder.readResult(ctx.work().of(Stage.ANET_PRETRAIN)), ctx.boxRegressor,
                ctx.faceVerifier == null ? null : ctx.faceVerifier.verifier()).save(o.folders().out());
    }

    private BundleManifest manifest(StageContext ctx, ThresholdCalibration calibration,
                                    AttributeClassifiers classifiers, Map<String, Object> summary) {
        Map<String, Double> thresholds = classifiers.thresholds();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", o.folders().data().toString());
        training.put("dataImages", ctx.dataset().samples().size());
        training.put(BundleManifest.SYNTHETIC_DATA, Files.exists(o.folders().data().resolve("synth_manifest.json")));
        if (o.folders().classifierData() != null) {
            training.put("classifierData", o.folders().classifierData().toString());
        }
        if (o.run().generateCommand() != null) {
            training.put("generateCommand", o.run().generateCommand());
        }
        training.put("trainCommand", o.run().commandLine());
        training.put("threads", o.run().threads());
        training.put("summary", summary);
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < o.lnet().stages(); i++) {
            inputs.add(o.run().profile().lnetInput());
        }
        return new BundleManifest(ModelBundle.FORMAT_VERSION, ctx.version, o.run().profile().name(),
                classifiers.names(), inputs, o.run().profile().anetInput(), o.run().profile().featureSize(),
                ctx.locator.passes().get(0).localizer().settings(), calibration, ctx.layout, thresholds, training,
                Map.of());
    }
}
