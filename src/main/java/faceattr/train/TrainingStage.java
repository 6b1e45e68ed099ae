package faceattr.train;

import java.io.IOException;

/**
 * One step of a training run. {@link Trainer} goes through them in order: each step either trains (when
 * {@code --stages} names its {@link #stage()}) or takes what an earlier run left in the work folder, and leaves its
 * result in the {@link StageContext} for the steps after it.
 */
interface TrainingStage {
    /** The {@code --stages} entry that makes this run train it. */
    Stage stage();

    /** Trains; saves the result under the work folder, leaves it in {@code ctx} and records its summary entry. */
    void train(StageContext ctx) throws IOException;

    /** Leaves in {@code ctx} what an earlier run saved, as far as the later steps need it. */
    void load(StageContext ctx) throws IOException;
}
