package faceattr.train;

import faceattr.model.BoxRegressor;
import faceattr.model.FaceLocator;
import faceattr.model.LNetPass;
import faceattr.model.Localizer;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code box-regressor}: a small CNN that learns LNet's own boxes ({@link BoxRegressorTraining}); the locator looks
 * with it from here on. None when {@code --regressor-epochs 0}, with two LNet stages, or (loading) when the work folder
 * has none, e.g. one from before the stage existed: boxes then come from LNet's looks alone.
 */
final class BoxRegressorStage implements TrainingStage {
    @Override
    public Stage stage() {
        return Stage.BOX_REGRESSOR;
    }

    @Override
    public void train(StageContext ctx) throws IOException {
        if (!applies(ctx)) {
            return;
        }
        TrainOptions o = ctx.options();
        Path dir = ctx.work().of(Stage.BOX_REGRESSOR);
        LNetPass teacher = ctx.locator.passes().get(0);
        if (o.regressor().selfTrain()) {
            teacher = previousRound(ctx, dir);
        }
        ComputationGraph net = new BoxRegressorTraining(o, ctx.err(), ctx.stageSummaries()).train(teacher,
                ctx.train(o.limits().regressorMaxTrain()), ctx.validationSubset(), dir);
        WorkFolder.saveResult(net, dir);
        lookWith(ctx, net);
    }

    @Override
    public void load(StageContext ctx) throws IOException {
        if (!applies(ctx)) {
            return;
        }
        Path dir = ctx.work().of(Stage.BOX_REGRESSOR);
        if (WorkFolder.hasResult(dir)) {
            lookWith(ctx, WorkFolder.loadResult(dir, Stage.BOX_REGRESSOR));
        } else {
            ctx.err().println(Stage.BOX_REGRESSOR.id() + ": no result in " + dir + ", boxes from LNet's looks alone");
        }
    }

    /** Whether this run has a box regressor at all: asked for, and on a single LNet stage. */
    private static boolean applies(StageContext ctx) {
        if (ctx.options().regressor().schedule().epochs() <= 0) {
            return false;
        }
        if (ctx.options().lnet().stages() != 1) {
            ctx.err().println(Stage.BOX_REGRESSOR.id() + ": skipped (it learns the boxes of a single LNet stage)");
            return false;
        }
        return true;
    }

    private static void lookWith(StageContext ctx, ComputationGraph regressor) {
        ctx.boxRegressor = regressor;
        ctx.locator = lookingWith(ctx.locator, regressor, ctx.options());
    }

    /** The locator with {@code regressor} on its last stage, repeated as {@code --regressor-repeats} says. */
    private static FaceLocator lookingWith(FaceLocator locator, ComputationGraph regressor, TrainOptions o) {
        Localizer.Settings current = locator.passes().get(0).localizer().settings();
        Localizer.Settings settings = current.withLooks(current.looks().withRegressorRepeats(o.regressor().repeats()));
        return locator.withSettings(settings).withRegressor(new BoxRegressor(regressor, o.run().profile().lnetInput()));
    }

    /**
     * Self-training: the LNet stage with the regressor the work folder has (and the repeats asked for), whose boxes
     * the next regressor learns; that regressor's files move to {@code box-regressor/round-K/} (K = 1, 2, ...).
     */
    private static LNetPass previousRound(StageContext ctx, Path dir) throws IOException {
        if (!WorkFolder.hasResult(dir)) {
            throw new IOException("--regressor-self-train learns the boxes of the regressor in " + dir
                    + ", but there is none (no final.zip): run the box-regressor stage without it first");
        }
        ComputationGraph previous = WorkFolder.loadResult(dir, Stage.BOX_REGRESSOR);
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
        ctx.err().printf("%s: self-training round %d: learns the boxes LNet gives with the regressor now in %s%n",
                Stage.BOX_REGRESSOR.id(), k + 1, kept);
        return lookingWith(ctx.locator, previous, ctx.options()).passes().get(0);
    }
}
