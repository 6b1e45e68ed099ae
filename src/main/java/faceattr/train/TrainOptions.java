package faceattr.train;

import faceattr.model.Profile;

import java.nio.file.Path;
import java.util.Set;

/**
 * Everything {@code faceattr train} can be told. Epoch counts, batch sizes and learning rates are per network.
 *
 * @param data              CelebA-layout folder
 * @param objects           folder-per-class objects set for {@code lnet-pretrain}, or null
 * @param backgrounds       face-free images for the face/background threshold, or null
 * @param out               bundle to write
 * @param work              checkpoints, curves, summaries
 * @param lnetStages        LNet stages (1: one LNet on the whole image; 2: the paper's coarse-to-fine pair)
 * @param lnetRefinePasses  closer looks of the last LNet at each box it found ({@link faceattr.model.Localizer.Looks})
 * @param regressorEpochs   epochs of the {@code box-regressor} stage; 0 = no box regressor
 * @param regressorMaxTrain the box regressor learns from LNet's boxes of at most this many train images (0 = all)
 * @param regressorRepeats  further looks of the box regressor at each face, each on the view around the box so far
 *                          ({@link faceattr.model.Localizer.Looks#regressorRepeats()})
 * @param regressorSelfTrain the {@code box-regressor} stage trains a fresh regressor on the boxes LNet gives with the
 *                          regressor already in {@code work} (one self-training round) instead of on LNet's alone
 * @param stages            stages to run ({@link Stage}); stages not run are loaded from {@code work}
 * @param maxTrain          use at most this many train-split images (0 = all)
 * @param lnetMaxTrain      LNet fine-tuning uses at most this many of those (0 = all): LNet is the costlier network
 * @param maxVal            use at most this many validation-split images (0 = all)
 * @param classifierData    CelebA-layout folder of people the networks never saw whose images (all partitions) train
 *                          the SVMs and choose their thresholds, or null for the validation split of {@code data}
 * @param anetPretrainLr    ANet identity pre-training learning rate ({@code anetLr} is the fine-tuning one)
 * @param faceNegatives     LNet also learns the image-level tag "contains a face" from the even-numbered background
 *                          images (odd-numbered ones calibrate the threshold)
 * @param c5L1              L1 activity penalty on LNet's C5 (weak-supervision regularizer; 0 = off)
 * @param centerLoss        weight of the same-identity feature loss in ANet pre-training (0 = softmax only)
 * @param anetPretrainIdentities ANet pre-training uses the train images of this many identities, those with the most
 *                          images (0 = all): a small network learns identities only with enough images of each
 * @param svmC              SVM cost
 * @param verifierC         cost of the face verifier's SVM ({@link faceattr.model.FaceVerifier}); 0 = no verifier, the
 *                          face threshold stays on LNet's score
 * @param patience          early stopping: epochs without validation improvement
 * @param maxFaces          faces per image at inference
 * @param enlargement       face box enlargement before cutting ANet patches
 * @param patches           ANet patches per face at inference (1 or 5)
 * @param generateCommand   the command that made the training data (recorded in the manifest), or null
 */
public record TrainOptions(Path data, Path objects, Path backgrounds, Path out, Path work, Profile profile, int lnetStages,
                           int lnetRefinePasses, int regressorEpochs, int regressorMaxTrain, int regressorRepeats,
                           boolean regressorSelfTrain,
                           Set<Stage> stages, boolean resume, int maxTrain, int lnetMaxTrain, int maxVal,
                           Path classifierData,
                           int lnetEpochs, int lnetPretrainEpochs, int anetPretrainEpochs, int anetEpochs,
                           int lnetBatch, int anetBatch, double lnetLr, double anetPretrainLr, double anetLr, boolean faceNegatives, double c5L1,
                           double centerLoss, int anetPretrainIdentities, double svmC, double verifierC, int patience, int maxFaces, double enlargement, int patches,
                           long seed, int threads, String generateCommand, String commandLine) {
    public TrainOptions {
        if (regressorRepeats < 0) {
            throw new IllegalArgumentException("--regressor-repeats must be >= 0, got " + regressorRepeats);
        }
        if (verifierC < 0) {
            throw new IllegalArgumentException("--verifier-c must be >= 0, got " + verifierC);
        }
    }
}
