package faceattr.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Path;

/** {@code anet-finetune}: the pre-trained ANet learns the attribute tags on the face crops LNet finds. */
final class ANetFinetuneStage implements TrainingStage {
    @Override
    public Stage stage() {
        return Stage.ANET_FINETUNE;
    }

    @Override
    public void train(StageContext ctx) throws IOException {
        Path dir = ctx.work().of(Stage.ANET_FINETUNE);
        ANetTraining anet = new ANetTraining(ctx.options(), ctx.err(), ctx.stageSummaries());
        ANetTraining.CropSet trainCrops = ctx.anetTrainCrops();
        ANetTraining.CropSet valCrops = anet.crops(ctx.locator, ctx.validationSubset(),
                "anet: caching LNet face crops (validation)");
        ComputationGraph tuned = anet.finetune(ctx.pretrainedAnet, trainCrops, valCrops, dir);
        WorkFolder.saveResult(tuned, dir);
        ctx.anet = tuned;
    }

    @Override
    public void load(StageContext ctx) throws IOException {
        ctx.anet = WorkFolder.loadResult(ctx.work().of(Stage.ANET_FINETUNE), Stage.ANET_FINETUNE);
    }
}
