package faceattr.train;

import faceattr.data.SampleBatches;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The face verifier, part of {@code classifiers}: on the SVMs' windows and the background images beside the SVMs'
 * images ({@code --classifier-data}/backgrounds, else {@code --backgrounds}). None when {@code --verifier-c 0} or
 * there are no background images: the face threshold then stays on LNet's score.
 */
final class FaceVerifierStage implements TrainingStage {
    @Override
    public Stage stage() {
        return Stage.CLASSIFIERS;
    }

    @Override
    public void train(StageContext ctx) throws IOException {
        TrainOptions o = ctx.options();
        if (o.classifiers().verifierC() <= 0) {
            return;
        }
        Path backgrounds = o.folders().classifierData() == null ? null
                : o.folders().classifierData().resolve("backgrounds");
        if (!hasBackgrounds(backgrounds)) {
            backgrounds = o.folders().backgrounds();
        }
        if (!hasBackgrounds(backgrounds)) {
            ctx.err().println("face verifier: no background images, the face threshold stays on LNet's score");
            return;
        }
        ctx.faceVerifier = new FaceVerifierTraining(o, ctx.err(), ctx.stageSummaries()).train(ctx.featureCascade,
                ctx.classifiers.svmWindows(), ctx.classifiers.heldWindows(), backgrounds, ctx.lnetCalibration);
    }

    /** Nothing: the verifier is not kept in the work folder (it comes with the SVMs). */
    @Override
    public void load(StageContext ctx) {
    }

    /** Whether {@code dir} has the two background images the verifier needs at least (one trains, one calibrates). */
    private static boolean hasBackgrounds(Path dir) throws IOException {
        return dir != null && Files.isDirectory(dir) && SampleBatches.listImages(dir).size() >= 2;
    }
}
