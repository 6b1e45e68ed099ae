package faceattr.train;

import faceattr.data.CelebaReader;
import faceattr.data.CelebaSample;
import faceattr.data.ImageVariant;
import faceattr.model.Cascade;
import faceattr.model.PatchLayout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code classifiers}: the attribute SVMs on the features of the cascade trained so far. They are not kept in the work
 * folder: a run that does not train them writes no bundle.
 */
final class ClassifierStage implements TrainingStage {
    @Override
    public Stage stage() {
        return Stage.CLASSIFIERS;
    }

    @Override
    public void train(StageContext ctx) throws IOException {
        TrainOptions o = ctx.options();
        double enlargement = o.inference().enlargement();
        ctx.layout = o.inference().patches() <= 1 ? PatchLayout.centreOnly(enlargement)
                : PatchLayout.fivePatches(enlargement);
        ctx.version = o.run().profile().name() + "-" + ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'"));
        ctx.featureCascade = new Cascade(ctx.locator.passes(), ctx.lnetCalibration, ctx.anet,
                o.run().profile().anetInput(), ctx.layout, null, ctx.version);
        ctx.classifiers = new ClassifierTraining(o, ctx.err(), ctx.stageSummaries()).train(ctx.featureCascade,
                samples(ctx));
    }

    /** Nothing to load: without trained SVMs there is no bundle to write. */
    @Override
    public void load(StageContext ctx) {
    }

    /** The SVMs' images: the validation split, or every image of {@code --classifier-data}. */
    private static List<CelebaSample> samples(StageContext ctx) throws IOException {
        Path dir = ctx.options().folders().classifierData();
        if (dir == null) {
            return ctx.validation();
        }
        List<CelebaSample> all = CelebaReader.read(dir, ImageVariant.IN_THE_WILD).requireImages().samples();
        ctx.err().printf("classifiers: %d images of %s%n", all.size(), dir);
        return all;
    }
}
