package faceattr.train;

import faceattr.model.Profile;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@code faceattr train} can be told, grouped by concern. Make it with {@link #builder}, which starts from
 * the {@link Defaults} and takes each setting by name.
 *
 * @param folders     where the images come from and where results go
 * @param run         profile, stages, resuming, seed, threads and what the manifest records about the run
 * @param limits      how many images each part uses
 * @param lnet        LNet: stages, looks, schedules and its training targets
 * @param regressor   the box regressor
 * @param anet        ANet: schedules and identity pre-training
 * @param classifiers the attribute SVMs and the face verifier
 * @param inference   how the written bundle's cascade runs
 */
public record TrainOptions(Folders folders, Run run, Limits limits, LNet lnet, Regressor regressor, ANet anet,
                           Classifiers classifiers, Inference inference) {

    /**
     * @param data           CelebA-layout folder
     * @param objects        folder-per-class objects set for {@code lnet-pretrain}, or null
     * @param backgrounds    face-free images for LNet's face output and the face/background threshold, or null
     * @param classifierData CelebA-layout folder of people the networks never saw whose images (all partitions) train
     *                       the SVMs and choose their thresholds, or null for the validation split of {@code data}
     * @param out            bundle to write
     * @param work           checkpoints, curves, summaries
     */
    public record Folders(Path data, Path objects, Path backgrounds, Path classifierData, Path out, Path work) {
    }

    /**
     * @param profile         network sizes (compact or paper)
     * @param stages          stages to run ({@link Stage}); stages not run are loaded from {@code work}
     * @param resume          every stage continues from its last checkpoint in {@code work}
     * @param seed            seed of every random draw (weights, shuffling, augmentation)
     * @param threads         ND4J threads, 0 = its default
     * @param generateCommand the command that made the training data (recorded in the manifest), or null
     * @param commandLine     the train command line (recorded in the manifest)
     */
    public record Run(Profile profile, Set<Stage> stages, boolean resume, long seed, int threads,
                      String generateCommand, String commandLine) {
        public Run {
            stages = Collections.unmodifiableSet(stages.isEmpty() ? EnumSet.noneOf(Stage.class)
                    : EnumSet.copyOf(stages));
        }
    }

    /**
     * How many images each part uses; 0 = all.
     *
     * @param maxTrain          train-split images
     * @param maxVal            validation-split images
     * @param lnetMaxTrain      LNet fine-tuning uses at most this many of the train images (LNet is the costlier
     *                          network)
     * @param regressorMaxTrain the box regressor learns from LNet's boxes of at most this many of the train images
     */
    public record Limits(int maxTrain, int maxVal, int lnetMaxTrain, int regressorMaxTrain) {
    }

    /**
     * One network's epoch loop ({@link EpochLoop}).
     *
     * @param epochs       epoch limit
     * @param batch        minibatch size
     * @param learningRate the first epoch's Adam learning rate (it follows a cosine down to a tenth of it)
     * @param patience     early stopping: epochs without validation improvement
     */
    public record Schedule(int epochs, int batch, double learningRate, int patience) {
    }

    /**
     * @param stages        LNet stages (1: one LNet on the whole image; 2: the paper's coarse-to-fine pair)
     * @param refinePasses  closer looks of the last LNet at each box it found
     *                      ({@link faceattr.model.Localizer.Settings})
     * @param pretrain      object-class pre-training
     * @param finetune      attribute-tag fine-tuning
     * @param faceNegatives LNet also learns the image-level tag "contains a face" from the even-numbered background
     *                      images (odd-numbered ones calibrate the threshold)
     * @param c5L1          L1 activity penalty on LNet's C5 (weak-supervision regularizer; 0 = off)
     */
    public record LNet(int stages, int refinePasses, Schedule pretrain, Schedule finetune, boolean faceNegatives,
                       double c5L1) {
    }

    /**
     * @param schedule  the {@code box-regressor} stage's; 0 epochs = no box regressor
     * @param repeats   further looks of the box regressor at each face, each on the view around the box so far
     *                  ({@link faceattr.model.Localizer.Looks#regressorRepeats()})
     * @param selfTrain the stage trains a fresh regressor on the boxes LNet gives with the regressor already in
     *                  {@code work} (one self-training round) instead of on LNet's alone
     */
    public record Regressor(Schedule schedule, int repeats, boolean selfTrain) {
        public Regressor {
            if (repeats < 0) {
                throw new IllegalArgumentException("--regressor-repeats must be >= 0, got " + repeats);
            }
        }
    }

    /**
     * @param pretrain           identity pre-training
     * @param finetune           attribute fine-tuning
     * @param centerLoss         weight of the same-identity feature loss in pre-training (0 = softmax only)
     * @param pretrainIdentities pre-training uses the train images of this many identities, those with the most images
     *                           (0 = all): a small network learns identities only with enough images of each
     */
    public record ANet(Schedule pretrain, Schedule finetune, double centerLoss, int pretrainIdentities) {
    }

    /**
     * @param svmC      SVM cost
     * @param verifierC cost of the face verifier's SVM ({@link faceattr.model.FaceVerifier}); 0 = no verifier, the face
     *                  threshold stays on LNet's score
     */
    public record Classifiers(double svmC, double verifierC) {
        public Classifiers {
            if (verifierC < 0) {
                throw new IllegalArgumentException("--verifier-c must be >= 0, got " + verifierC);
            }
        }
    }

    /**
     * @param maxFaces    faces per image
     * @param enlargement face box enlargement before cutting ANet patches
     * @param patches     ANet patches per face (1 or 5)
     */
    public record Inference(int maxFaces, double enlargement, int patches) {
    }

    /**
     * Every default, in one place; constants, so that {@code faceattr train --help} can show them. Where the profiles
     * differ, {@code _COMPACT} and {@code _PAPER} give each its own. Not listed: LNet stages (the profile's), the
     * stages (all), the backgrounds ({@code <data>/backgrounds}) and the work folder ({@code <out>.work}).
     */
    public static final class Defaults {
        public static final int LNET_REFINE_ONE_STAGE = 1;
        public static final int LNET_REFINE_TWO_STAGES = 0;
        public static final int REGRESSOR_EPOCHS_ONE_STAGE = 3;
        public static final int REGRESSOR_MAX_TRAIN = 8000;
        public static final int REGRESSOR_REPEATS = 1;
        public static final int MAX_TRAIN = 0;
        public static final int LNET_MAX_TRAIN = 0;
        public static final int MAX_VAL = 0;
        public static final int LNET_EPOCHS_COMPACT = 1;
        public static final int LNET_EPOCHS_PAPER = 30;
        public static final int LNET_PRETRAIN_EPOCHS_COMPACT = 3;
        public static final int LNET_PRETRAIN_EPOCHS_PAPER = 30;
        public static final int ANET_PRETRAIN_EPOCHS_COMPACT = 4;
        public static final int ANET_PRETRAIN_EPOCHS_PAPER = 30;
        public static final int ANET_EPOCHS_COMPACT = 6;
        public static final int ANET_EPOCHS_PAPER = 20;
        public static final int ANET_PRETRAIN_IDENTITIES_COMPACT = 300;
        public static final int ANET_PRETRAIN_IDENTITIES_PAPER = 0;
        public static final int LNET_BATCH_COMPACT = 32;
        public static final int LNET_BATCH_PAPER = 64;
        public static final int ANET_BATCH_COMPACT = 64;
        public static final int ANET_BATCH_PAPER = 128;
        public static final double LNET_LR_COMPACT = 2e-3;
        public static final double LNET_LR_PAPER = 1e-4;
        public static final double ANET_PRETRAIN_LR_COMPACT = 5e-4;
        public static final double ANET_PRETRAIN_LR_PAPER = 1e-4;
        public static final double ANET_LR_COMPACT = 1.5e-3;
        public static final double ANET_LR_PAPER = 1e-4;
        public static final boolean FACE_NEGATIVES = true;
        public static final double C5_L1 = 5e-4;
        public static final double CENTER_LOSS_COMPACT = 0;
        public static final double CENTER_LOSS_PAPER = 0.003;
        public static final double SVM_C = 0.01;
        public static final double VERIFIER_C = 0.005;
        public static final int PATIENCE = 3;
        public static final int MAX_FACES = 4;
        public static final double ENLARGEMENT = 1.25;
        public static final int PATCHES = 5;
        public static final long SEED = 7;
        public static final int THREADS = 0;

        private Defaults() {
        }
    }

    /** Options for {@code profile}, training on {@code data} and writing the bundle {@code out}; the rest default. */
    public static Builder builder(Profile profile, Path data, Path out) {
        return new Builder(profile, data, out);
    }

    /**
     * Takes each option by the name of its {@code faceattr train} flag; what is not set keeps its default (those of the
     * profile where the profiles differ, of the number of LNet stages for the refine passes and the regressor epochs).
     */
    public static final class Builder {
        private final Profile profile;
        private final Path data;
        private final Path out;
        private Path objects;
        private Path backgrounds;
        private Path classifierData;
        private Path work;
        private Set<Stage> stages = EnumSet.allOf(Stage.class);
        private boolean resume;
        private long seed = Defaults.SEED;
        private int threads = Defaults.THREADS;
        private String generateCommand;
        private String commandLine;
        private int maxTrain = Defaults.MAX_TRAIN;
        private int maxVal = Defaults.MAX_VAL;
        private int lnetMaxTrain = Defaults.LNET_MAX_TRAIN;
        private int regressorMaxTrain = Defaults.REGRESSOR_MAX_TRAIN;
        private Integer lnetStages;
        private Integer lnetRefine;
        private int lnetPretrainEpochs;
        private int lnetEpochs;
        private int lnetBatch;
        private double lnetLr;
        private boolean faceNegatives = Defaults.FACE_NEGATIVES;
        private double c5L1 = Defaults.C5_L1;
        private Integer regressorEpochs;
        private int regressorRepeats = Defaults.REGRESSOR_REPEATS;
        private boolean regressorSelfTrain;
        private int anetPretrainEpochs;
        private int anetEpochs;
        private int anetBatch;
        private double anetPretrainLr;
        private double anetLr;
        private double centerLoss;
        private int anetPretrainIdentities;
        private int patience = Defaults.PATIENCE;
        private double svmC = Defaults.SVM_C;
        private double verifierC = Defaults.VERIFIER_C;
        private int maxFaces = Defaults.MAX_FACES;
        private double enlargement = Defaults.ENLARGEMENT;
        private int patches = Defaults.PATCHES;

        private Builder(Profile profile, Path data, Path out) {
            this.profile = Objects.requireNonNull(profile, "profile");
            this.data = Objects.requireNonNull(data, "data");
            this.out = Objects.requireNonNull(out, "out");
            this.backgrounds = data.resolve("backgrounds");
            this.work = Path.of(out + ".work");
            boolean paper = profile.isPaper();
            lnetPretrainEpochs = paper ? Defaults.LNET_PRETRAIN_EPOCHS_PAPER : Defaults.LNET_PRETRAIN_EPOCHS_COMPACT;
            lnetEpochs = paper ? Defaults.LNET_EPOCHS_PAPER : Defaults.LNET_EPOCHS_COMPACT;
            lnetBatch = paper ? Defaults.LNET_BATCH_PAPER : Defaults.LNET_BATCH_COMPACT;
            lnetLr = paper ? Defaults.LNET_LR_PAPER : Defaults.LNET_LR_COMPACT;
            anetPretrainEpochs = paper ? Defaults.ANET_PRETRAIN_EPOCHS_PAPER : Defaults.ANET_PRETRAIN_EPOCHS_COMPACT;
            anetEpochs = paper ? Defaults.ANET_EPOCHS_PAPER : Defaults.ANET_EPOCHS_COMPACT;
            anetBatch = paper ? Defaults.ANET_BATCH_PAPER : Defaults.ANET_BATCH_COMPACT;
            anetPretrainLr = paper ? Defaults.ANET_PRETRAIN_LR_PAPER : Defaults.ANET_PRETRAIN_LR_COMPACT;
            anetLr = paper ? Defaults.ANET_LR_PAPER : Defaults.ANET_LR_COMPACT;
            centerLoss = paper ? Defaults.CENTER_LOSS_PAPER : Defaults.CENTER_LOSS_COMPACT;
            anetPretrainIdentities = paper ? Defaults.ANET_PRETRAIN_IDENTITIES_PAPER
                    : Defaults.ANET_PRETRAIN_IDENTITIES_COMPACT;
        }

        // folders

        public Builder objects(Path v) {
            objects = v;
            return this;
        }

        public Builder backgrounds(Path v) {
            backgrounds = v;
            return this;
        }

        public Builder classifierData(Path v) {
            classifierData = v;
            return this;
        }

        public Builder work(Path v) {
            work = Objects.requireNonNull(v, "work");
            return this;
        }

        // the run

        public Builder stages(Set<Stage> v) {
            stages = v;
            return this;
        }

        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder generateCommand(String v) {
            generateCommand = v;
            return this;
        }

        public Builder commandLine(String v) {
            commandLine = v;
            return this;
        }

        // limits

        public Builder maxTrain(int v) {
            maxTrain = v;
            return this;
        }

        public Builder maxVal(int v) {
            maxVal = v;
            return this;
        }

        public Builder lnetMaxTrain(int v) {
            lnetMaxTrain = v;
            return this;
        }

        public Builder regressorMaxTrain(int v) {
            regressorMaxTrain = v;
            return this;
        }

        // LNet

        public Builder lnetStages(int v) {
            lnetStages = v;
            return this;
        }

        public Builder lnetRefine(int v) {
            lnetRefine = v;
            return this;
        }

        public Builder lnetPretrainEpochs(int v) {
            lnetPretrainEpochs = v;
            return this;
        }

        public Builder lnetEpochs(int v) {
            lnetEpochs = v;
            return this;
        }

        /** LNet's minibatch, pre-training and fine-tuning (and the box regressor's). */
        public Builder lnetBatch(int v) {
            lnetBatch = v;
            return this;
        }

        /** LNet's learning rate, pre-training and fine-tuning (the box regressor trains at half of it). */
        public Builder lnetLr(double v) {
            lnetLr = v;
            return this;
        }

        public Builder faceNegatives(boolean v) {
            faceNegatives = v;
            return this;
        }

        public Builder c5L1(double v) {
            c5L1 = v;
            return this;
        }

        // the box regressor

        public Builder regressorEpochs(int v) {
            regressorEpochs = v;
            return this;
        }

        public Builder regressorRepeats(int v) {
            regressorRepeats = v;
            return this;
        }

        public Builder regressorSelfTrain(boolean v) {
            regressorSelfTrain = v;
            return this;
        }

        // ANet

        public Builder anetPretrainEpochs(int v) {
            anetPretrainEpochs = v;
            return this;
        }

        public Builder anetEpochs(int v) {
            anetEpochs = v;
            return this;
        }

        /** ANet's minibatch, pre-training and fine-tuning. */
        public Builder anetBatch(int v) {
            anetBatch = v;
            return this;
        }

        public Builder anetPretrainLr(double v) {
            anetPretrainLr = v;
            return this;
        }

        public Builder anetLr(double v) {
            anetLr = v;
            return this;
        }

        public Builder centerLoss(double v) {
            centerLoss = v;
            return this;
        }

        public Builder anetPretrainIdentities(int v) {
            anetPretrainIdentities = v;
            return this;
        }

        // every network

        /** Early-stopping patience of every network's schedule. */
        public Builder patience(int v) {
            patience = v;
            return this;
        }

        // classifiers and inference

        public Builder svmC(double v) {
            svmC = v;
            return this;
        }

        public Builder verifierC(double v) {
            verifierC = v;
            return this;
        }

        public Builder maxFaces(int v) {
            maxFaces = v;
            return this;
        }

        public Builder enlargement(double v) {
            enlargement = v;
            return this;
        }

        public Builder patches(int v) {
            patches = v;
            return this;
        }

        public TrainOptions build() {
            int nLnets = lnetStages != null ? lnetStages : profile.lnetStages();
            int refine = lnetRefine != null ? lnetRefine
                    : nLnets == 1 ? Defaults.LNET_REFINE_ONE_STAGE : Defaults.LNET_REFINE_TWO_STAGES;
            // a box regressor learns the boxes of a single LNet stage: none by default with two
            int boxEpochs = regressorEpochs != null ? regressorEpochs
                    : nLnets == 1 ? Defaults.REGRESSOR_EPOCHS_ONE_STAGE : 0;
            return new TrainOptions(
                    new Folders(data, objects, backgrounds, classifierData, out, work),
                    new Run(profile, stages, resume, seed, threads, generateCommand, commandLine),
                    new Limits(maxTrain, maxVal, lnetMaxTrain, regressorMaxTrain),
                    new LNet(nLnets, refine, new Schedule(lnetPretrainEpochs, lnetBatch, lnetLr, patience),
                            new Schedule(lnetEpochs, lnetBatch, lnetLr, patience), faceNegatives, c5L1),
                    // the regressor is a small CNN on LNet's views: LNet's minibatch at half its learning rate
                    new Regressor(new Schedule(boxEpochs, lnetBatch, lnetLr / 2, patience), regressorRepeats,
                            regressorSelfTrain),
                    new ANet(new Schedule(anetPretrainEpochs, anetBatch, anetPretrainLr, patience),
                            new Schedule(anetEpochs, anetBatch, anetLr, patience), centerLoss, anetPretrainIdentities),
                    new Classifiers(svmC, verifierC),
                    new Inference(maxFaces, enlargement, patches));
        }
    }
}
