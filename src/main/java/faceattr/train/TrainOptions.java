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
 * @param stages            stages to run ({@link Stage}); stages not run are loaded from {@code work}
 * @param maxTrain          use at most this many train-split images (0 = all)
 * @param maxVal            use at most this many validation-split images (0 = all)
 * @param c5L1              L1 activity penalty on LNet's C5 (weak-supervision regularizer; 0 = off)
 * @param centerLoss        weight of the same-identity feature loss in ANet pre-training (0 = softmax only)
 * @param svmC              SVM cost
 * @param patience          early stopping: epochs without validation improvement
 * @param maxFaces          faces per image at inference
 * @param enlargement       face box enlargement before cutting ANet patches
 * @param patches           ANet patches per face at inference (1 or 5)
 * @param generateCommand   the command that made the training data (recorded in the manifest), or null
 */
public record TrainOptions(Path data, Path objects, Path backgrounds, Path out, Path work, Profile profile,
                           Set<Stage> stages, boolean resume, int maxTrain, int maxVal,
                           int lnetEpochs, int lnetPretrainEpochs, int anetPretrainEpochs, int anetEpochs,
                           int lnetBatch, int anetBatch, double lnetLr, double anetLr, double c5L1,
                           double centerLoss, double svmC, int patience, int maxFaces, double enlargement, int patches,
                           long seed, int threads, String generateCommand, String commandLine) {
}
