package faceattr.train;

import faceattr.data.CelebaDataset;
import faceattr.data.CelebaSample;
import faceattr.model.Cascade;
import faceattr.model.FaceLocator;
import faceattr.model.PatchLayout;
import faceattr.model.ThresholdCalibration;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the training steps share: the options, the images, the summary entries, and the results of the steps so far
 * (the fields below, null until the step that makes them has run, or when it made none).
 */
final class StageContext {
    /** Validation images used for early stopping (enough for a stable estimate, cheap per epoch). */
    private static final int VALIDATION_SUBSET = 400;

    private final TrainOptions options;
    private final PrintStream err;
    private final WorkFolder work;
    private final CelebaDataset dataset;
    private final List<CelebaSample> train;
    private final List<CelebaSample> validation;
    private final List<CelebaSample> validationSubset;
    private final Map<String, Object> stageSummaries = new LinkedHashMap<>();
    private ANetTraining.CropSet anetTrainCrops;

    /** lnet-pretrain: the object-pretrained LNet every LNet stage starts from. */
    ComputationGraph pretrainedLnet;
    /** lnet-finetune: the LNet stages, first to last. */
    final List<ComputationGraph> lnets = new ArrayList<>();
    /** lnet-finetune: the LNets as a face locator; box-regressor puts its regressor on it. */
    FaceLocator locator;
    /** lnet-finetune: the face threshold on LNet's score (measured without the box regressor). */
    ThresholdCalibration lnetCalibration;
    /** box-regressor. */
    ComputationGraph boxRegressor;
    /** anet-pretrain: ANet after identity pre-training. */
    ComputationGraph pretrainedAnet;
    /** anet-finetune: ANet after attribute fine-tuning. */
    ComputationGraph anet;
    /** classifiers: the cascade the SVMs' features come from, its patch layout and the bundle's version. */
    Cascade featureCascade;
    PatchLayout layout;
    String version;
    /** classifiers: the SVMs. */
    ClassifierTraining.Result classifiers;
    /** classifiers: the face verifier with its threshold. */
    FaceVerifierTraining.Result faceVerifier;

    StageContext(TrainOptions options, PrintStream err, CelebaDataset dataset) {
        this.options = options;
        this.err = err;
        this.work = new WorkFolder(options.folders().work());
        this.dataset = dataset;
        this.train = limit(dataset.train(), options.limits().maxTrain());
        this.validation = limit(dataset.validation(), options.limits().maxVal());
        this.validationSubset = CelebaDataset.spread(validation, VALIDATION_SUBSET);
    }

    TrainOptions options() {
        return options;
    }

    /** Where progress and results are told. */
    PrintStream err() {
        return err;
    }

    WorkFolder work() {
        return work;
    }

    CelebaDataset dataset() {
        return dataset;
    }

    /** The train split, at most {@code --max-train} images. */
    List<CelebaSample> train() {
        return train;
    }

    /** The first {@code max} images of {@link #train()} (all when 0). */
    List<CelebaSample> train(int max) {
        return limit(train, max);
    }

    /** The validation split, at most {@code --max-val} images. */
    List<CelebaSample> validation() {
        return validation;
    }

    /** Validation images spread over the split, for early stopping. */
    List<CelebaSample> validationSubset() {
        return validationSubset;
    }

    /** The summary entry of each step (and the calibrations), in the order they were recorded. */
    Map<String, Object> stageSummaries() {
        return stageSummaries;
    }

    /**
     * LNet's face crops of the train images (with the box regressor, when there is one), cut once for both ANet
     * steps.
     */
    ANetTraining.CropSet anetTrainCrops() throws IOException {
        if (anetTrainCrops == null) {
            anetTrainCrops = new ANetTraining(options, err, stageSummaries).crops(locator, train,
                    "anet: caching LNet face crops (train)");
        }
        return anetTrainCrops;
    }

    private static List<CelebaSample> limit(List<CelebaSample> samples, int max) {
        return max > 0 && samples.size() > max ? samples.subList(0, max) : samples;
    }
}
