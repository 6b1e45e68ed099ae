package faceattr.cli;

import faceattr.model.Profile;
import faceattr.train.Stage;
import faceattr.train.TrainOptions.Defaults;
import faceattr.train.TrainOptions;
import faceattr.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code faceattr train}: runs the training stages and writes a model bundle. Every default is one of
 * {@link TrainOptions.Defaults}, which the help shows; a flag without a picocli default is null when not given, and
 * its option keeps the builder's default (the profile's, or one derived from other options).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train LNet, ANet and the attribute SVMs on a CelebA-layout folder and write a model bundle.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "CelebA-layout folder (img_celeba/, list_*.txt).")
    Path data;

    @Option(names = "--out", required = true, description = "Model bundle to write (.zip).")
    Path out;

    @Option(names = "--work", description = "Checkpoints, curves and summaries (default: <out>.work).")
    Path work;

    @Option(names = "--profile", defaultValue = "compact", description = "compact or paper (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--lnet-stages", description = "LNet stages: 1 = one LNet on the whole image, 2 = the paper's "
            + "coarse-to-fine pair (default: compact 1, paper 2).")
    Integer lnetStages;

    @Option(names = "--lnet-refine", description = "Times the last LNet looks again at each box it found, on the square "
            + "around it (1.8x), and boxes the face there; with the face output, the box is the average of the looks "
            + "(default: " + Defaults.LNET_REFINE_ONE_STAGE + " with one LNet stage, " + Defaults.LNET_REFINE_TWO_STAGES
            + " with two).")
    Integer lnetRefine;

    @Option(names = "--regressor-epochs", description = "Epochs of the box-regressor stage, which learns LNet's own boxes "
            + "(pseudo boxes) with a small CNN whose box joins the average of the looks; 0 = no regressor; one LNet "
            + "stage only (default: " + Defaults.REGRESSOR_EPOCHS_ONE_STAGE + " with one LNet stage, 0 with two).")
    Integer regressorEpochs;

    @Option(names = "--regressor-max-train", defaultValue = "" + Defaults.REGRESSOR_MAX_TRAIN, description = "The box regressor learns from LNet's "
            + "boxes of at most this many train images, 0 = all (default: ${DEFAULT-VALUE}).")
    int regressorMaxTrain;

    @Option(names = "--regressor-repeats", defaultValue = "" + Defaults.REGRESSOR_REPEATS, description = "Further looks of the box regressor at each "
            + "face, each on the view around the box so far, its answer becoming the box (default: ${DEFAULT-VALUE}).")
    int regressorRepeats;

    @Option(names = "--regressor-self-train", description = "The box-regressor stage trains a fresh regressor on the "
            + "boxes LNet gives with the regressor already in the work folder (one self-training round; the old one "
            + "moves to box-regressor/round-K/) instead of on LNet's boxes alone.")
    boolean regressorSelfTrain;

    @Option(names = "--stages", description = "Comma-separated: lnet-pretrain, lnet-finetune, "
            + "box-regressor, anet-pretrain, anet-finetune, classifiers; 'finetune' = both fine-tuning stages; 'all' "
            + "(default).")
    String stages;

    @Option(names = "--resume", description = "Continue each stage from its last checkpoint in --work.")
    boolean resume;

    @Option(names = "--objects", description = "Folder-per-class objects set for lnet-pretrain.")
    Path objects;

    @Option(names = "--backgrounds", description = "Face-free images for the face threshold (default: <data>/backgrounds).")
    Path backgrounds;

    @Option(names = "--max-train", defaultValue = "" + Defaults.MAX_TRAIN, description = "Use at most this many train images (0 = all).")
    int maxTrain;

    @Option(names = "--lnet-max-train", defaultValue = "" + Defaults.LNET_MAX_TRAIN,
            description = "LNet fine-tuning uses at most this many train images (0 = as many as --max-train).")
    int lnetMaxTrain;

    @Option(names = "--max-val", defaultValue = "" + Defaults.MAX_VAL, description = "Use at most this many validation images (0 = all).")
    int maxVal;

    @Option(names = "--classifier-data", description = "CelebA-layout folder of other people (never used by the networks) "
            + "whose images, all partitions, train the SVMs and choose their thresholds (default: the validation split of "
            + "--data, limited by --max-val).")
    Path classifierData;

    @Option(names = "--epochs", description = "Epoch limit for every network stage (overrides the per-stage ones).")
    Integer epochs;

    @Option(names = "--lnet-epochs", description = "LNet fine-tuning epochs (compact " + Defaults.LNET_EPOCHS_COMPACT
            + ": longer made the weakly supervised maps worse, paper " + Defaults.LNET_EPOCHS_PAPER + ").")
    Integer lnetEpochs;

    @Option(names = "--lnet-pretrain-epochs", description = "LNet pre-training epochs (compact "
            + Defaults.LNET_PRETRAIN_EPOCHS_COMPACT + ", paper " + Defaults.LNET_PRETRAIN_EPOCHS_PAPER + ").")
    Integer lnetPretrainEpochs;

    @Option(names = "--anet-pretrain-epochs", description = "ANet identity pre-training epochs (compact "
            + Defaults.ANET_PRETRAIN_EPOCHS_COMPACT + ", paper " + Defaults.ANET_PRETRAIN_EPOCHS_PAPER + ").")
    Integer anetPretrainEpochs;

    @Option(names = "--anet-pretrain-identities", description = "ANet identity pre-training uses the images of this "
            + "many identities, those with the most images; 0 = all (compact " + Defaults.ANET_PRETRAIN_IDENTITIES_COMPACT
            + ", paper " + Defaults.ANET_PRETRAIN_IDENTITIES_PAPER + ").")
    Integer anetPretrainIdentities;

    @Option(names = "--anet-epochs", description = "ANet attribute fine-tuning epochs (compact "
            + Defaults.ANET_EPOCHS_COMPACT + ", paper " + Defaults.ANET_EPOCHS_PAPER + ").")
    Integer anetEpochs;

    @Option(names = "--batch", description = "Minibatch size for both networks (overrides the per-network ones).")
    Integer batch;

    @Option(names = "--lnet-batch", description = "LNet minibatch (compact " + Defaults.LNET_BATCH_COMPACT + ", paper "
            + Defaults.LNET_BATCH_PAPER + ").")
    Integer lnetBatch;

    @Option(names = "--anet-batch", description = "ANet minibatch (compact " + Defaults.ANET_BATCH_COMPACT + ", paper "
            + Defaults.ANET_BATCH_PAPER + ").")
    Integer anetBatch;

    @Option(names = "--lr", description = "Adam learning rate for both networks (overrides the per-network ones).")
    Double lr;

    @Option(names = "--lnet-lr", description = "LNet learning rate (compact " + Defaults.LNET_LR_COMPACT + ", paper "
            + Defaults.LNET_LR_PAPER + ").")
    Double lnetLr;

    @Option(names = "--anet-pretrain-lr", description = "ANet identity pre-training learning rate (compact "
            + Defaults.ANET_PRETRAIN_LR_COMPACT + ", paper " + Defaults.ANET_PRETRAIN_LR_PAPER + ").")
    Double anetPretrainLr;

    @Option(names = "--anet-lr", description = "ANet attribute fine-tuning learning rate (compact "
            + Defaults.ANET_LR_COMPACT + ", paper " + Defaults.ANET_LR_PAPER + ").")
    Double anetLr;

    @Option(names = "--face-negatives", negatable = true, defaultValue = "" + Defaults.FACE_NEGATIVES,
            fallbackValue = "true",
            description = "LNet also learns the image-level tag 'contains a face' with half of the background images as "
                    + "negatives (default: ${DEFAULT-VALUE}; --no-face-negatives for attribute tags only).")
    boolean faceNegatives;

    @Option(names = "--c5-l1", defaultValue = "" + Defaults.C5_L1, description = "L1 activity penalty on LNet C5 (default: ${DEFAULT-VALUE}).")
    double c5L1;

    @Option(names = "--center-loss", description = "Same-identity feature loss weight in ANet pre-training, 0 = "
            + "softmax only (compact " + Defaults.CENTER_LOSS_COMPACT + ": on two cores it drives the FC features to zero "
            + "before identities are learned; paper " + Defaults.CENTER_LOSS_PAPER + ").")
    Double centerLoss;

    @Option(names = "--svm-c", defaultValue = "" + Defaults.SVM_C, description = "Linear SVM cost C (default: ${DEFAULT-VALUE}).")
    double svmC;

    @Option(names = "--verifier-c", defaultValue = "" + Defaults.VERIFIER_C, description = "Cost C of the face verifier's linear SVM "
            + "(ANet features + LNet score of each window, faces against backgrounds); 0 = no verifier, the face "
            + "threshold stays on LNet's score (default: ${DEFAULT-VALUE}).")
    double verifierC;

    @Option(names = "--patience", defaultValue = "" + Defaults.PATIENCE, description = "Early stopping patience in epochs (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--max-faces", defaultValue = "" + Defaults.MAX_FACES, description = "Faces per image at inference (default: ${DEFAULT-VALUE}).")
    int maxFaces;

    @Option(names = "--enlargement", defaultValue = "" + Defaults.ENLARGEMENT, description = "Face box enlargement for ANet (default: ${DEFAULT-VALUE}).")
    double enlargement;

    @Option(names = "--patches", defaultValue = "" + Defaults.PATCHES, description = "ANet patches per face at inference, 1 or 5 (default: ${DEFAULT-VALUE}).")
    int patches;

    @Mixin
    SeedOption seed = new SeedOption(Defaults.SEED);

    @Mixin
    ThreadsOption threads;

    @Option(names = "--generate-command", description = "The command that generated --data, recorded in the bundle manifest.")
    String generateCommand;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        new Trainer(options(), System.err).run();
        return 0;
    }

    /** The flags as train options. */
    TrainOptions options() {
        TrainOptions.Builder b = TrainOptions.builder(Profile.named(profile), data, out)
                .objects(objects).classifierData(classifierData)
                .resume(resume).seed(seed.value()).threads(threads.value()).generateCommand(generateCommand)
                .commandLine("faceattr " + String.join(" ", spec.commandLine().getParseResult().originalArgs()))
                .maxTrain(maxTrain).maxVal(maxVal).lnetMaxTrain(lnetMaxTrain).regressorMaxTrain(regressorMaxTrain)
                .faceNegatives(faceNegatives).c5L1(c5L1)
                .regressorRepeats(regressorRepeats).regressorSelfTrain(regressorSelfTrain)
                .patience(patience).svmC(svmC).verifierC(verifierC)
                .maxFaces(maxFaces).enlargement(enlargement).patches(patches);
        set(b::work, work);
        set(b::backgrounds, backgrounds);
        set(b::stages, stages == null ? null : Stage.parse(stages));
        set(b::lnetStages, lnetStages);
        set(b::lnetRefine, lnetRefine);
        set(b::regressorEpochs, regressorEpochs);
        set(b::lnetPretrainEpochs, epochs, lnetPretrainEpochs);
        set(b::lnetEpochs, epochs, lnetEpochs);
        set(b::anetPretrainEpochs, epochs, anetPretrainEpochs);
        set(b::anetEpochs, epochs, anetEpochs);
        set(b::lnetBatch, batch, lnetBatch);
        set(b::anetBatch, batch, anetBatch);
        set(b::lnetLr, lr, lnetLr);
        set(b::anetPretrainLr, lr, anetPretrainLr);
        set(b::anetLr, lr, anetLr);
        set(b::centerLoss, centerLoss);
        set(b::anetPretrainIdentities, anetPretrainIdentities);
        return b.build();
    }

    /** An option given on the command line; one not given keeps the builder's default. */
    private static <T> void set(Consumer<T> setter, T given) {
        if (given != null) {
            setter.accept(given);
        }
    }

    /** The flag for every network ({@code --epochs}, {@code --batch}, {@code --lr}) wins over the per-network one. */
    private static <T> void set(Consumer<T> setter, T forEveryNetwork, T perNetwork) {
        set(setter, forEveryNetwork != null ? forEveryNetwork : perNetwork);
    }
}
