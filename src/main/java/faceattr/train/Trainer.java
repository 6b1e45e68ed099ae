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
import faceattr.model.LNetPass;
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
        if (o.threads() > 0) {
            Nd4j.getEnvironment().setMaxThreads(o.threads());
            Nd4j.getEnvironment().setMaxMasterThreads(o.threads());
        }
        Files.createDirectories(o.work());
        CelebaDataset dataset = CelebaReader.read(o.data(), ImageVariant.IN_THE_WILD).requireImages();
        List<CelebaSample> train = limit(dataset.train(), o.maxTrain());
        List<CelebaSample> val = limit(dataset.validation(), o.maxVal());
        if (train.isEmpty() || val.isEmpty()) {
            throw new IOException(o.data() + ": training needs train and validation images (found " + train.size()
                    + " and " + val.size() + ")");
        }
        List<CelebaSample> valSubset = CelebaDataset.spread(val, VALIDATION_SUBSET);
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Object> stages = new LinkedHashMap<>();
        summary.put("profile", o.profile().name());
        summary.put("trainImages", train.size());
        summary.put("validationImages", val.size());
        summary.put("stages", stages);
        err.printf("train: %s, profile %s, %d train / %d validation images, stages %s%n", o.data(), o.profile().name(),
                train.size(), val.size(), o.stages());

        LNetTraining lnet = new LNetTraining(o, err, stages);
        ComputationGraph pretrained = null;
        Path preDir = o.work().resolve(Stage.LNET_PRETRAIN.id());
        if (o.stages().contains(Stage.LNET_PRETRAIN)) {
            pretrained = lnet.pretrain(preDir);
            if (pretrained != null) {
                saveFinal(pretrained, preDir);
            }
        } else if (Files.exists(preDir.resolve("final.zip")) && o.stages().contains(Stage.LNET_FINETUNE)) {
            pretrained = Networks.restore(preDir.resolve("final.zip"), false);
        }
        List<ComputationGraph> lnets = new ArrayList<>();
        for (int s = 0; s < o.lnetStages(); s++) {
            Path dir = o.work().resolve(Stage.LNET_FINETUNE.id() + (s == 0 ? "" : "-" + (s + 1)));
            if (o.stages().contains(Stage.LNET_FINETUNE)) {
                FaceLocator previous = s == 0 ? null : LNetTraining.locator(lnets, o.profile(), 1, 0);
                ComputationGraph net = lnet.finetune(s, pretrained, previous,
                        limit(train, o.lnetMaxTrain()), valSubset, dir);
                saveFinal(net, dir);
                lnets.add(net);
            } else {
                lnets.add(loadFinal(dir, Stage.LNET_FINETUNE));
            }
        }
        FaceLocator locator = LNetTraining.locator(lnets, o.profile(), o.maxFaces(),
                o.lnetRefinePasses());
        Localizer.Settings localizerSettings = locator.passes().get(0).localizer().settings();
        // the score comes from the first look, which the regressor does not touch: calibrate without it
        ThresholdCalibration calibration = calibration(lnet, locator, localizerSettings, CelebaDataset.spread(val, 300));
        ComputationGraph regressor = boxRegressor(locator, train, valSubset, stages);
        if (regressor != null) {
            locator = lookingWith(locator, regressor);
            localizerSettings = locator.passes().get(0).localizer().settings();
        }

        ANetTraining anet = new ANetTraining(o, err, stages);
        ANetTraining.CropSet trainCrops = null;
        Path anetPreDir = o.work().resolve(Stage.ANET_PRETRAIN.id());
        ComputationGraph anetPre;
        if (o.stages().contains(Stage.ANET_PRETRAIN)) {
            trainCrops = anet.crops(locator, train, "anet: caching LNet face crops (train)");
            anetPre = anet.pretrain(trainCrops, anetPreDir);
            saveFinal(anetPre, anetPreDir);
        } else {
            anetPre = o.stages().contains(Stage.ANET_FINETUNE) ? loadFinal(anetPreDir, Stage.ANET_PRETRAIN) : null;
        }
        Path anetDir = o.work().resolve(Stage.ANET_FINETUNE.id());
        ComputationGraph anetTuned;
        if (o.stages().contains(Stage.ANET_FINETUNE)) {
            if (trainCrops == null) {
                trainCrops = anet.crops(locator, train, "anet: caching LNet face crops (train)");
            }
            ANetTraining.CropSet valCrops = anet.crops(locator, valSubset, "anet: caching LNet face crops (validation)");
            anetTuned = anet.finetune(anetPre, trainCrops, valCrops, anetDir);
            saveFinal(anetTuned, anetDir);
        } else {
            anetTuned = loadFinal(anetDir, Stage.ANET_FINETUNE);
        }

        PatchLayout layout = o.patches() <= 1 ? PatchLayout.centreOnly(o.enlargement())
                : PatchLayout.fivePatches(o.enlargement());
        String version = o.profile().name() + "-" + ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'"));
        List<LNetPass> lnetStages = locator.passes();
        if (o.stages().contains(Stage.CLASSIFIERS)) {
            Cascade featureCascade = new Cascade(lnetStages, calibration, anetTuned, o.profile().anetInput(), layout,
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
                    verified == null ? null : verified.verifier()).save(o.out());
            err.printf("train: wrote %s (%d bytes) in %.0f s%n", o.out(), Files.size(o.out()), seconds);
        } else {
            summary.put("totalSeconds", (System.nanoTime() - start) / 1e9);
            err.println("train: classifiers stage not run, no bundle written");
        }
        JSON.writeValue(o.work().resolve("summary.json").toFile(), summary);
        return summary;
    }

    /**
     * The {@code box-regressor} stage, or its saved result when the stage is not run; null without a regressor (none
     * asked for, two LNet stages, or a work folder from before the stage existed).
     */
    private ComputationGraph boxRegressor(FaceLocator locator, List<CelebaSample> train, List<CelebaSample> val,
                                          Map<String, Object> stages) throws IOException {
        Path dir = o.work().resolve(Stage.BOX_REGRESSOR.id());
        if (o.regressorEpochs() <= 0) {
            return null;
        }
        if (o.lnetStages() != 1) {
            err.println(Stage.BOX_REGRESSOR.id() + ": skipped (it learns the boxes of a single LNet stage)");
            return null;
        }
        if (o.stages().contains(Stage.BOX_REGRESSOR)) {
            LNetPass teacher = locator.passes().get(0);
            if (o.regressorSelfTrain()) {
                teacher = previousRound(locator, dir);
            }
            ComputationGraph net = new BoxRegressorTraining(o, err, stages).train(teacher,
                    limit(train, o.regressorMaxTrain()), val, dir);
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
    private LNetPass previousRound(FaceLocator locator, Path dir) throws IOException {
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
        return lookingWith(locator, previous).passes().get(0);
    }

    /** The locator with {@code regressor} on its last stage, repeated as {@code --regressor-repeats} says. */
    private FaceLocator lookingWith(FaceLocator locator, ComputationGraph regressor) {
        Localizer.Settings current = locator.passes().get(0).localizer().settings();
        Localizer.Settings settings = current.withLooks(current.looks().withRegressorRepeats(o.regressorRepeats()));
        return locator.withSettings(settings).withRegressor(new BoxRegressor(regressor, o.profile().lnetInput()));
    }

    /**
     * The face verifier, on the SVMs' windows and the background images beside the SVMs' images
     * ({@code --classifier-data}/backgrounds, else {@code --backgrounds}); null when {@code --verifier-c 0} or there
     * are no background images (the face threshold then stays on LNet's score).
     */
    private FaceVerifierTraining.Result faceVerifier(Cascade featureCascade, ClassifierTraining.Result svms,
                                                     ThresholdCalibration lnetCalibration, Map<String, Object> stages)
            throws IOException {
        if (o.verifierC() <= 0) {
            return null;
        }
        Path backgrounds = o.classifierData() == null ? null : o.classifierData().resolve("backgrounds");
        if (!hasBackgrounds(backgrounds)) {
            backgrounds = o.backgrounds();
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
        if (o.classifierData() == null) {
            return val;
        }
        List<CelebaSample> all = CelebaReader.read(o.classifierData(), ImageVariant.IN_THE_WILD).requireImages().samples();
        err.printf("classifiers: %d images of %s%n", all.size(), o.classifierData());
        return all;
    }

    private BundleManifest manifest(String version, Localizer.Settings localizer, ThresholdCalibration calibration,
                                    PatchLayout layout, AttributeClassifiers classifiers, Map<String, Object> summary,
                                    CelebaDataset dataset) {
        Map<String, Double> thresholds = classifiers.thresholds();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", o.data().toString());
        training.put("dataImages", dataset.samples().size());
        training.put(BundleManifest.SYNTHETIC_DATA, Files.exists(o.data().resolve("synth_manifest.json")));
        if (o.classifierData() != null) {
            training.put("classifierData", o.classifierData().toString());
        }
        if (o.generateCommand() != null) {
            training.put("generateCommand", o.generateCommand());
        }
        training.put("trainCommand", o.commandLine());
        training.put("threads", o.threads());
        training.put("summary", summary);
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < o.lnetStages(); i++) {
            inputs.add(o.profile().lnetInput());
        }
        return new BundleManifest(ModelBundle.FORMAT_VERSION, version, o.profile().name(), classifiers.names(), inputs,
                o.profile().anetInput(), o.profile().featureSize(), localizer, calibration, layout, thresholds, training,
                Map.of());
    }

    /**
     * The face threshold for these LNets and localizer settings: measured when LNet was (re)trained or when the
     * settings or stages it was measured with changed (scores depend on the map, the windows and the last stage), else
     * read back from the work folder.
     */
    private ThresholdCalibration calibration(LNetTraining lnet, FaceLocator locator, Localizer.Settings settings,
                                             List<CelebaSample> faces) throws IOException {
        Path file = o.work().resolve(Stage.LNET_FINETUNE.id()).resolve("calibration.json");
        Map<String, Object> measuredWith = new LinkedHashMap<>();
        measuredWith.put("settings", settings);
        measuredWith.put("lnetStages", o.lnetStages());
        com.fasterxml.jackson.databind.JsonNode wanted = JSON.valueToTree(measuredWith);
        if (!o.stages().contains(Stage.LNET_FINETUNE) && Files.exists(file)) {
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
