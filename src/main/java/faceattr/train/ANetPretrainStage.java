package faceattr.train;

import java.io.IOException;
import java.nio.file.Path;

/** {@code anet-pretrain}: ANet learns identities on the face crops LNet finds. */
final class ANetPretrainStage implements TrainingStage {
    @Override
    public Stage stage() {
        return Stage.ANET_PRETRAIN;
    }

    @Override
    public void train(StageContext ctx) throws IOException {
        Path dir = ctx.work().of(Stage.ANET_PRETRAIN);
        ctx.pretrainedAnet = new ANetTraining(ctx.options(), ctx.err(), ctx.stageSummaries())
                .pretrain(ctx.anetTrainCrops(), dir);
        WorkFolder.saveResult(ctx.pretrainedAnet, dir);
    }

    /** The saved pre-trained ANet, when ANet fine-tuning runs (it starts from it). */
    @Override
    public void load(StageContext ctx) throws IOException {
        if (ctx.options().run().stages().contains(Stage.ANET_FINETUNE)) {
            ctx.pretrainedAnet = WorkFolder.loadResult(ctx.work().of(Stage.ANET_PRETRAIN), Stage.ANET_PRETRAIN);
        }
    }
}
