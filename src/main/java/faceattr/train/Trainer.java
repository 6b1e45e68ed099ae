package faceattr.train;

import faceattr.data.SampleBatches;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import faceattr.data.CelebaDataset;
import faceattr.data.CelebaReader;
import faceattr.data.CelebaSample;
import faceattr.data.ImageVariant;
import faceattr.model.AttributeClassifiers;
import faceattr.model.BoxRegressor;
import faceattr.model.BundleManifest;
import faceattr.model.Cascade;
import faceattr.model.FaceLocator;
import faceattr.model.LNetStage;
import faceattr.model.Localizer;
import faceattr.model.ModelBundle;
import faceattr.model.Networks;
import faceattr.model.PatchLayout;
import faceattr.model.ThresholdCalibration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the training stages in order over a CelebA-layout folder and writes the model bundle. Stages that are not
 * asked for are loaded from their last result in the work folder, so a run can redo just one stage.
 */
public final class Trainer {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Validation images used for early stopping and calibration (enough for a stable estimate, cheap per epoch). */
    private static final int VALIDATION_SUBSET = 400;

    private final TrainOptions o;
    private final PrintStream err;

    public Trainer(TrainOptions options, PrintStream err) {
        this.o = options;
        this.err = err;
    }

    /** Trains and writes the bundle (when the classifiers stage runs); returns the summary also written to work/. */
    public Map<String, Object> run() throws IOException {
        long start = System.nanoTime();
        if (o.run().threads() > 0) {
            Nd4j.getEnvironment().setMaxThreads(o.run().threads());
            Nd4j.getEnvironment().setMaxMasterThreads(o.run().threads());
        }
        Files.createDirectories(o.folders().work());
        CelebaDataset dataset = CelebaReader.read(o.folders().data(), ImageVariant.IN_THE_WILD).requireImages();
        List<CelebaSample> train = limit(dataset.train(), o.limits().maxTrain());
        List<CelebaSample> val = limit(dataset.validation(), o.limits().maxVal());
        if (train.isEmpty() || val.isEmpty()) {
            throw new IOException(o.folders().data() + ": training needs train and validation images (found " + train.size()
                    + " and " + val.size() + ")");
        }
        List<CelebaSample> valSubset = CelebaDataset.spread(val, VALIDATION_SUBSET);
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Object> stages = new LinkedHashMap<>();
        summary.put("profile", o.run().profile().name());
        summary.put("trainImages", train.size());
        summary.put("validationImages", val.size());
        summary.put("stages", stages);
        err.printf("train: %s, profile %s, %d train / %d validation images, stages %s%n", o.folders().data(), o.run().profile().name(),
                train.size(), val.size(), o.run().stages());

        LNetTraining lnet = new LNetTraining(o, err, stages);
        ComputationGraph pretrained = null;
        Path preDir = o.folders().work().resolve(Stage.LNET_PRETRAIN.id());
        if (o.run().stages().contains(Stage.LNET_PRETRAIN)) {
            pretrained = lnet.pretrain(preDir);
            if (pretrained != null) {
                saveFinal(pretrained, preDir);
            }
        } else if (Files.exists(preDir.resolve("final.zip")) && o.run().stages().contains(Stage.LNET_FINETUNE)) {
            pretrained = Networks.restore(preDir.resolve("final.zip"), false);
        }
        List<ComputationGraph> lnets = new ArrayList<>();
        for (int s = 0; s < o.lnet().stages(); s++) {
            Path dir = o.folders().work().resolve(Stage.LNET_FINETUNE.id() + (s == 0 ? "" : "-" + (s + 1)));
            if (o.run().stages().contains(Stage.LNET_FINETUNE)) {
                FaceLocator previous = s == 0 ? null : LNetTraining.locator(lnets, o.run().profile(), 1, 0);
                ComputationGraph net = lnet.finetune(s, pretrained, previous,
                        limit(train, o.limits().lnetMaxTrain()), valSubset, dir);
                saveFinal(net, dir);
                lnets.add(net);
            } else {
                lnets.add(loadFinal(dir, Stage.LNET_FINETUNE));
            }
        }
        FaceLocator locator = LNetTraining.locator(lnets, o.run().profile(), o.inference().maxFaces(),
                o.lnet().refinePasses());
        Localizer.Settings localizerSettings = locator.stages().get(0).localizer().settings();
        // the score comes from the first look, which the regressor does not touch: calibrate without it
        ThresholdCalibration calibration = calibration(lnet, locator, localizerSettings, CelebaDataset.spread(val, 300));
        ComputationGraph regressor = boxRegressor(locator, train, valSubset, stages);
        if (regressor != null) {
            locator = lookingWith(locator, regressor);
            localizerSettings = locator.stages().get(0).localizer().settings();
        }

        ANetTraining anet = new ANetTraining(o, err, stages);
        ANetTraining.CropSet trainCrops = null;
        Path anetPreDir = o.folders().work().resolve(Stage.ANET_PRETRAIN.id());
        ComputationGraph anetPre;
        if (o.run().stages().contains(Stage.ANET_PRETRAIN)) {
            trainCrops = anet.crops(locator, train, "anet: caching LNet face crops (train)");
            anetPre = anet.pretrain(trainCrops, anetPreDir);
            saveFinal(anetPre, anetPreDir);
        } else {
            anetPre = o.run().stages().contains(Stage.ANET_FINETUNE) ? loadFinal(anetPreDir, Stage.ANET_PRETRAIN) : null;
        }
        Path anetDir = o.folders().work().resolve(Stage.ANET_FINETUNE.id());
        ComputationGraph anetTuned;
        if (o.run().stages().contains(Stage.ANET_FINETUNE)) {
            if (trainCrops == null) {
                trainCrops = anet.crops(locator, train, "anet: caching LNet face crops (train)");
            }
            ANetTraining.CropSet valCrops = anet.crops(locator, valSubset, "anet: caching LNet face crops (validation)");
            anetTuned = anet.finetune(anetPre, trainCrops, valCrops, anetDir);
            saveFinal(anetTuned, anetDir);
        } else {
            anetTuned = loadFinal(anetDir, Stage.ANET_FINETUNE);
        }

        PatchLayout layout = o.inference().patches() <= 1 ? PatchLayout.centreOnly(o.inference().enlargement())
                : PatchLayout.fivePatches(o.inference().enlargement());
        String version = o.run().profile().name() + "-" + ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'"));
        List<LNetStage> lnetStages = locator.stages();
        if (o.run().stages().contains(Stage.CLASSIFIERS)) {
            Cascade featureCascade = new Cascade(lnetStages, calibration, anetTuned, o.run().profile().anetInput(), layout,
                    null, version);
            ClassifierTraining.Result svms = new ClassifierTraining(o, err, stages).train(featureCascade,
                    classifierSamples(val));
            FaceVerifierTraining.Result verified = faceVerifier(featureCascade, svms, calibration, stages);
            double seconds = (System.nanoTime() - start) / 1e9;
            summary.put("totalSeconds", seconds);
            BundleManifest manifest = manifest(version, localizerSettings,
                    verified == null ? calibration : verified.calibration(), layout, svms.classifiers(), summary,
                    dataset);
            new ModelBundle(manifest, lnets, anetTuned, svms.classifiers(), savedPretrainedAnet(anetPreDir), regressor,
                    verified == null ? null : verified.verifier()).save(o.folders().out());
            err.printf("train: wrote %s (%d bytes) in %.0f s%n", o.folders().out(), Files.size(o.folders().out()), seconds);
        } else {
            summary.put("totalSeconds", (System.nanoTime() - start) / 1e9);
            err.println("train: classifiers stage not run, no bundle written");
        }
        JSON.writeValue(o.folders().work().resolve("summary.json").toFile(), summary);
        return summary;
    }

    /**
     * The {@code box-regressor} stage, or its saved result when the stage is not run; null without a regressor (none
     * asked for, two LNet stages, or a work folder from before the stage existed).
     */
    private ComputationGraph boxRegressor(FaceLocator locator, List<CelebaSample> train, List<CelebaSample> val,
                                          Map<String, Object> stages) throws IOException {
        Path dir = o.folders().work().resolve(Stage.BOX_REGRESSOR.id());
        if (o.regressor().schedule().epochs() <= 0) {
            return null;
        }
        if (o.lnet().stages() != 1) {
            err.println(Stage.BOX_REGRESSOR.id() + ": skipped (it learns the boxes of a single LNet stage)");
            return null;
        }
        if (o.run().stages().contains(Stage.BOX_REGRESSOR)) {
            LNetStage teacher = locator.stages().get(0);
            if (o.regressor().selfTrain()) {
                teacher = previousRound(locator, dir);
            }
            ComputationGraph net = new BoxRegressorTraining(o, err, stages).train(teacher,
                    limit(train, o.limits().regressorMaxTrain()), val, dir);
            saveFinal(net, dir);
            return net;
        }
        if (Files.exists(dir.resolve("final.zip"))) {
            return loadFinal(dir, Stage.BOX_REGRESSOR);
        }
        err.println(Stage.BOX_REGRESSOR.id() + ": no result in " + dir + ", boxes from LNet's looks alone");
        return null;
    }

    /**
     * Self-training: the LNet stage with the regressor the work folder has (and the repeats asked for), whose boxes
     * the next regressor learns; that regressor's files move to {@code box-regressor/round-K/} (K = 1, 2, ...).
     */
    private LNetStage previousRound(FaceLocator locator, Path dir) throws IOException {
        if (!Files.exists(dir.resolve("final.zip"))) {
            throw new IOException("--regressor-self-train learns the boxes of the regressor in " + dir
                    + ", but there is none (no final.zip): run the box-regressor stage without it first");
        }
        ComputationGraph previous = loadFinal(dir, Stage.BOX_REGRESSOR);
        int k = 1;
        while (Files.exists(dir.resolve("round-" + k))) {
            k++;
        }
        Path kept = Files.createDirectories(dir.resolve("round-" + k));
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.move(f, kept.resolve(f.getFileName()));
            }
        }
        err.printf("%s: self-training round %d: learns the boxes LNet gives with the regressor now in %s%n",
                Stage.BOX_REGRESSOR.id(), k + 1, kept);
        return lookingWith(locator, previous).stages().get(0);
    }

    /** The locator with {@code regressor} on its last stage, repeated as {@code --regressor-repeats} says. */
    private FaceLocator lookingWith(FaceLocator locator, ComputationGraph regressor) {
        Localizer.Settings settings = locator.stages().get(0).localizer().settings()
                .withRegressorRepeats(o.regressor().repeats());
        return locator.withSettings(settings).withRegressor(new BoxRegressor(regressor, o.run().profile().lnetInput()));
    }

    /**
     * The face verifier, on the SVMs' windows and the background images beside the SVMs' images
     * ({@code --classifier-data}/backgrounds, else {@code --backgrounds}); null when {@code --verifier-c 0} or there
     * are no background images (the face threshold then stays on LNet's score).
     */
    private FaceVerifierTraining.Result faceVerifier(Cascade featureCascade, ClassifierTraining.Result svms,
                                                     ThresholdCalibration lnetCalibration, Map<String, Object> stages)
            throws IOException {
        if (o.classifiers().verifierC() <= 0) {
            return null;
        }
        Path backgrounds = o.folders().classifierData() == null ? null : o.folders().classifierData().resolve("backgrounds");
        if (!hasBackgrounds(backgrounds)) {
            backgrounds = o.folders().backgrounds();
        }
        if (!hasBackgrounds(backgrounds)) {
            err.println("face verifier: no background images, the face threshold stays on LNet's score");
            return null;
        }
        return new FaceVerifierTraining(o, err, stages).train(featureCascade, svms.svmWindows(), svms.heldWindows(),
                backgrounds, lnetCalibration);
    }

    /** Whether {@code dir} has the two background images the verifier needs at least (one trains, one calibrates). */
    private static boolean hasBackgrounds(Path dir) throws IOException {
        return dir != null && Files.isDirectory(dir) && SampleBatches.listImages(dir).size() >= 2;
    }

    /** The SVMs' images: the validation split, or every image of {@code --classifier-data}. */
    private List<CelebaSample> classifierSamples(List<CelebaSample> val) throws IOException {
        if (o.folders().classifierData() == null) {
            return val;
        }
        List<CelebaSample> all = CelebaReader.read(o.folders().classifierData(), ImageVariant.IN_THE_WILD).requireImages().samples();
        err.printf("classifiers: %d images of %s%n", all.size(), o.folders().classifierData());
        return all;
    }

    private BundleManifest manifest(String version, Localizer.Settings localizer, ThresholdCalibration calibration,
                                    PatchLayout layout, AttributeClassifiers classifiers, Map<String, Object> summary,
                                    CelebaDataset dataset) {
        Map<String, Double> thresholds = classifiers.thresholds();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", o.folders().data().toString());
        training.put("dataImages", dataset.samples().size());
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
        return new BundleManifest(ModelBundle.FORMAT_VERSION, version, o.run().profile().name(), classifiers.names(), inputs,
                o.run().profile().anetInput(), o.run().profile().featureSize(), localizer, calibration, layout, thresholds, training,
                Map.of());
    }

    /**
     * The face threshold for these LNets and localizer settings: measured when LNet was (re)trained or when the
     * settings or stages it was measured with changed (scores depend on the map, the windows and the last stage), else
     * read back from the work folder.
     */
    private ThresholdCalibration calibration(LNetTraining lnet, FaceLocator locator, Localizer.Settings settings,
                                             List<CelebaSample> faces) throws IOException {
        Path file = o.folders().work().resolve(Stage.LNET_FINETUNE.id()).resolve("calibration.json");
        Map<String, Object> measuredWith = new LinkedHashMap<>();
        measuredWith.put("settings", settings);
        measuredWith.put("lnetStages", o.lnet().stages());
        com.fasterxml.jackson.databind.JsonNode wanted = JSON.valueToTree(measuredWith);
        if (!o.run().stages().contains(Stage.LNET_FINETUNE) && Files.exists(file)) {
            com.fasterxml.jackson.databind.JsonNode saved = JSON.readTree(file.toFile());
            if (wanted.equals(saved.get("localizer"))) {
                return JSON.treeToValue(saved.get("calibration"), ThresholdCalibration.class);
            }
            err.println("calibration: " + file + " was measured with other localizer settings or LNet stages; measuring again");
        }
        ThresholdCalibration calibration = lnet.calibrate(locator, faces);
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("localizer", measuredWith);
        saved.put("calibration", calibration);
        JSON.writeValue(file.toFile(), saved);
        return calibration;
    }

    private static void saveFinal(ComputationGraph net, Path dir) throws IOException {
        Files.createDirectories(dir);
        ModelSerializer.writeModel(net, dir.resolve("final.zip").toFile(), false);
    }

    /**
     * The identity-pre-trained ANet as saved before fine-tuning began (read back from its file, so it is the
     * pre-trained state whatever fine-tuning did in memory), for the bundle; null when the work folder has none.
     */
    private static ComputationGraph savedPretrainedAnet(Path dir) throws IOException {
        Path f = dir.resolve("final.zip");
        return Files.exists(f) ? Networks.restore(f, false) : null;
    }

    private static ComputationGraph loadFinal(Path dir, Stage stage) throws IOException {
        Path f = dir.resolve("final.zip");
        if (!Files.exists(f)) {
            throw new IOException("stage " + stage.id() + " has no result in " + dir + ": include it in --stages");
        }
        return Networks.restore(f, true);
    }

    private static List<CelebaSample> limit(List<CelebaSample> samples, int max) {
        return max > 0 && samples.size() > max ? samples.subList(0, max) : samples;
    }
}
