package faceattr.cli;

import faceattr.model.Profile;
import faceattr.train.Stage;
import faceattr.train.TrainOptions;
import faceattr.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code faceattr train}: runs the training stages and writes a model bundle. */
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
            + "(default: 1 with one LNet stage, 0 with two).")
    Integer lnetRefine;

    @Option(names = "--regressor-epochs", description = "Epochs of the box-regressor stage, which learns LNet's own boxes "
            + "(pseudo boxes) with a small CNN whose box joins the average of the looks; 0 = no regressor; one LNet "
            + "stage only (default: 3 with one LNet stage, 0 with two).")
    Integer regressorEpochs;

    @Option(names = "--regressor-max-train", defaultValue = "8000", description = "The box regressor learns from LNet's "
            + "boxes of at most this many train images, 0 = all (default: ${DEFAULT-VALUE}).")
    int regressorMaxTrain;

    @Option(names = "--regressor-repeats", defaultValue = "1", description = "Further looks of the box regressor at each "
            + "face, each on the view around the box so far, its answer becoming the box (default: ${DEFAULT-VALUE}).")
    int regressorRepeats;

    @Option(names = "--regressor-self-train", description = "The box-regressor stage trains a fresh regressor on the "
            + "boxes LNet gives with the regressor already in the work folder (one self-training round; the old one "
            + "moves to box-regressor/round-K/) instead of on LNet's boxes alone.")
    boolean regressorSelfTrain;

    @Option(names = "--stages", defaultValue = "all", description = "Comma-separated: lnet-pretrain, lnet-finetune, "
            + "box-regressor, anet-pretrain, anet-finetune, classifiers; 'finetune' = both fine-tuning stages; 'all' "
            + "(default).")
    String stages;

    @Option(names = "--resume", description = "Continue each stage from its last checkpoint in --work.")
    boolean resume;

    @Option(names = "--objects", description = "Folder-per-class objects set for lnet-pretrain.")
    Path objects;

    @Option(names = "--backgrounds", description = "Face-free images for the face threshold (default: <data>/backgrounds).")
    Path backgrounds;

    @Option(names = "--max-train", defaultValue = "0", description = "Use at most this many train images (0 = all).")
    int maxTrain;

    @Option(names = "--lnet-max-train", defaultValue = "0",
            description = "LNet fine-tuning uses at most this many train images (0 = as many as --max-train).")
    int lnetMaxTrain;

    @Option(names = "--max-val", defaultValue = "0", description = "Use at most this many validation images (0 = all).")
    int maxVal;

    @Option(names = "--classifier-data", description = "CelebA-layout folder of other people (never used by the networks) "
            + "whose images, all partitions, train the SVMs and choose their thresholds (default: the validation split of "
            + "--data, limited by --max-val).")
    Path classifierData;

    @Option(names = "--epochs", description = "Epoch limit for every network stage (overrides the per-stage ones).")
    Integer epochs;

    @Option(names = "--lnet-epochs", description = "LNet fine-tuning epochs (compact 1: longer made the weakly "
            + "supervised maps worse, paper 30).")
    Integer lnetEpochs;

    @Option(names = "--lnet-pretrain-epochs", description = "LNet pre-training epochs (compact 3, paper 30).")
    Integer lnetPretrainEpochs;

    @Option(names = "--anet-pretrain-epochs", description = "ANet identity pre-training epochs (compact 4, paper 30).")
    Integer anetPretrainEpochs;

    @Option(names = "--anet-pretrain-identities", description = "ANet identity pre-training uses the images of this "
            + "many identities, those with the most images; 0 = all (compact 300, paper 0).")
    Integer anetPretrainIdentities;

    @Option(names = "--anet-epochs", description = "ANet attribute fine-tuning epochs (compact 6, paper 20).")
    Integer anetEpochs;

    @Option(names = "--batch", description = "Minibatch size for both networks (overrides the per-network ones).")
    Integer batch;

    @Option(names = "--lnet-batch", description = "LNet minibatch (compact 32, paper 64).")
    Integer lnetBatch;

    @Option(names = "--anet-batch", description = "ANet minibatch (compact 64, paper 128).")
    Integer anetBatch;

    @Option(names = "--lr", description = "Adam learning rate for both networks (overrides the per-network ones).")
    Double lr;

    @Option(names = "--lnet-lr", description = "LNet learning rate (compact 2e-3, paper 1e-4).")
    Double lnetLr;

    @Option(names = "--anet-pretrain-lr", description = "ANet identity pre-training learning rate (compact 5e-4, paper 1e-4).")
    Double anetPretrainLr;

    @Option(names = "--anet-lr", description = "ANet attribute fine-tuning learning rate (compact 1.5e-3, paper 1e-4).")
    Double anetLr;

    @Option(names = "--face-negatives", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "LNet also learns the image-level tag 'contains a face' with half of the background images as "
                    + "negatives (default: ${DEFAULT-VALUE}; --no-face-negatives for attribute tags only).")
    boolean faceNegatives;

    @Option(names = "--c5-l1", defaultValue = "5e-4", description = "L1 activity penalty on LNet C5 (default: ${DEFAULT-VALUE}).")
    double c5L1;

    @Option(names = "--center-loss", description = "Same-identity feature loss weight in ANet pre-training, 0 = "
            + "softmax only (compact 0: on two cores it drives the FC features to zero before identities are learned; "
            + "paper 0.003).")
    Double centerLoss;

    @Option(names = "--svm-c", defaultValue = "0.01", description = "Linear SVM cost C (default: ${DEFAULT-VALUE}).")
    double svmC;

    @Option(names = "--verifier-c", defaultValue = "0.005", description = "Cost C of the face verifier's linear SVM "
            + "(ANet features + LNet score of each window, faces against backgrounds); 0 = no verifier, the face "
            + "threshold stays on LNet's score (default: ${DEFAULT-VALUE}).")
    double verifierC;

    @Option(names = "--patience", defaultValue = "3", description = "Early stopping patience in epochs (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--max-faces", defaultValue = "4", description = "Faces per image at inference (default: ${DEFAULT-VALUE}).")
    int maxFaces;

    @Option(names = "--enlargement", defaultValue = "1.25", description = "Face box enlargement for ANet (default: ${DEFAULT-VALUE}).")
    double enlargement;

    @Option(names = "--patches", defaultValue = "5", description = "ANet patches per face at inference, 1 or 5 (default: ${DEFAULT-VALUE}).")
    int patches;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "ND4J threads, 0 = its default (all cores).")
    int threads;

    @Option(names = "--generate-command", description = "The command that generated --data, recorded in the bundle manifest.")
    String generateCommand;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Profile p = Profile.named(profile);
        boolean paper = p.isPaper();
        int nLnets = lnetStages != null ? lnetStages : p.lnetStages();
        TrainOptions o = new TrainOptions(data, objects,
                backgrounds != null ? backgrounds : data.resolve("backgrounds"), out,
                work != null ? work : Path.of(out + ".work"), p,
                nLnets, lnetRefine != null ? lnetRefine : nLnets == 1 ? 1 : 0,
                regressorEpochs != null ? regressorEpochs : nLnets == 1 ? 3 : 0, regressorMaxTrain,
                regressorRepeats, regressorSelfTrain,
                Stage.parse(stages), resume, maxTrain, lnetMaxTrain, maxVal,
                classifierData,
                pick(epochs, lnetEpochs, paper ? 30 : 1), pick(epochs, lnetPretrainEpochs, paper ? 30 : 3),
                pick(epochs, anetPretrainEpochs, paper ? 30 : 4), pick(epochs, anetEpochs, paper ? 20 : 6),
                pick(batch, lnetBatch, paper ? 64 : 32), pick(batch, anetBatch, paper ? 128 : 64),
                pick(lr, lnetLr, paper ? 1e-4 : 2e-3), pick(lr, anetPretrainLr, paper ? 1e-4 : 5e-4),
                pick(lr, anetLr, paper ? 1e-4 : 1.5e-3),
                faceNegatives, c5L1, centerLoss != null ? centerLoss : paper ? 0.003 : 0,
                anetPretrainIdentities != null ? anetPretrainIdentities : paper ? 0 : 300, svmC, verifierC, patience, maxFaces,
                enlargement, patches, seed, threads, generateCommand,
                "faceattr " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        new Trainer(o, System.err).run();
        return 0;
    }

    private static <T> T pick(T global, T specific, T fallback) {
        return global != null ? global : specific != null ? specific : fallback;
    }
}
