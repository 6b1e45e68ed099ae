package faceattr.train;

import faceattr.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The work folder ({@code --work}): a folder per stage, named by its id, with the stage's result as {@code final.zip}
 * (beside its checkpoints and curve), and the run's {@code summary.json}.
 */
final class WorkFolder {
    private static final String RESULT = "final.zip";
    private final Path root;

    WorkFolder(Path root) {
        this.root = root;
    }

    /** The folder of {@code stage}. */
    Path of(Stage stage) {
        return root.resolve(stage.id());
    }

    /** The folder of LNet stage {@code index} (0 = on the whole image): lnet-finetune, lnet-finetune-2, ... */
    Path lnetStage(int index) {
        return root.resolve(Stage.LNET_FINETUNE.id() + (index == 0 ? "" : "-" + (index + 1)));
    }

    Path summary() {
        return root.resolve("summary.json");
    }

    /** Whether {@code dir} holds a stage's result. */
    static boolean hasResult(Path dir) {
        return Files.exists(dir.resolve(RESULT));
    }

    static void saveResult(ComputationGraph net, Path dir) throws IOException {
        Files.createDirectories(dir);
        ModelSerializer.writeModel(net, dir.resolve(RESULT).toFile(), false);
    }

    /** The result of {@code stage} in {@code dir}; an error saying to run the stage when there is none. */
    static ComputationGraph loadResult(Path dir, Stage stage) throws IOException {
        if (!hasResult(dir)) {
            throw new IOException("stage " + stage.id() + " has no result in " + dir + ": include it in --stages");
        }
        return Networks.restore(dir.resolve(RESULT), true);
    }

    /**
     * The result in {@code dir} as a starting point or a network to ship, read back from its file (so it is what the
     * stage saved, whatever happened to it in memory since), without updater state; null when there is none.
     */
    static ComputationGraph readResult(Path dir) throws IOException {
        return hasResult(dir) ? Networks.restore(dir.resolve(RESULT), false) : null;
    }
}
