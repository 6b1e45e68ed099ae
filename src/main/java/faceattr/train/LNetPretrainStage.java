package faceattr.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code lnet-pretrain}: LNet on a folder-per-class objects set, the start of every LNet stage; skipped without a set.
 */
final class LNetPretrainStage implements TrainingStage {
    @Override
    public Stage stage() {
        return Stage.LNET_PRETRAIN;
    }

    @Override
    public void train(StageContext ctx) throws IOException {
        Path dir = ctx.work().of(Stage.LNET_PRETRAIN);
        ctx.pretrainedLnet = new LNetTraining(ctx.options(), ctx.err(), ctx.stageSummaries()).pretrain(dir);
        if (ctx.pretrainedLnet != null) {
            WorkFolder.saveResult(ctx.pretrainedLnet, dir);
        }
    }

    /** The saved pre-trained LNet, when LNet fine-tuning runs (nothing else uses it). */
    @Override
    public void load(StageContext ctx) throws IOException {
        if (ctx.options().run().stages().contains(Stage.LNET_FINETUNE)) {
            ctx.pretrainedLnet = WorkFolder.readResult(ctx.work().of(Stage.LNET_PRETRAIN));
        }
    }
}
