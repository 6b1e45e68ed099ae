package faceattr.train;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpochLoopResumeTest {

    @Test
    void resumingFromAStateWhoseCheckpointIsMissingSaysWhichFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("state.json"), """
                {"epoch": 2, "bestEpoch": 2, "bestLoss": 1.0, "epochsSinceBest": 0, "finished": true, "history": []}
                """);
        IOException e = assertThrows(IOException.class, () -> EpochLoop.run("lnet-finetune", "accuracy", null, 10,
                null, null, new EpochLoop.Settings(2, 4, 3, 1, 1e-3), dir, true,
                new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("lnet-finetune"), e.getMessage());
        assertTrue(e.getMessage().contains("epoch-002.zip"), e.getMessage());
    }

    @Test
    void resumingWithMoreEpochsTrainsOnButAnEarlyStopStaysFinal(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(log, true);
        // a logistic regression on a separable problem: every epoch lowers the validation loss
        EpochLoop.Outcome first = EpochLoop.run("toy", "accuracy", tinyNet(), 64, EpochLoopResumeTest::batch,
                net -> new double[]{net.score(batch(new int[]{0, 1, 2, 3}, new Random(1))), 1},
                new EpochLoop.Settings(1, 16, 3, 7, 0.05), dir, false, err);
        assertEquals(1, first.history().size());
        EpochLoop.Outcome longer = EpochLoop.run("toy", "accuracy", tinyNet(), 64, EpochLoopResumeTest::batch,
                net -> new double[]{net.score(batch(new int[]{0, 1, 2, 3}, new Random(1))), 1},
                new EpochLoop.Settings(3, 16, 3, 7, 0.05), dir, true, err);
        assertEquals(3, longer.history().size(), "epochs 2 and 3 added to the first one");
        assertEquals(first.history().get(0), longer.history().get(0), "epoch 1 is the resumed one, not retrained");
        assertTrue(Files.exists(dir.resolve("epoch-003.zip")));
        assertTrue(log.toString().contains("resuming a finished stage after epoch 1 up to epoch 3"), log.toString());

        // a stage that stopped early (no improvement for `patience` epochs) is not restarted by a higher limit
        Files.writeString(dir.resolve("state.json"), Files.readString(dir.resolve("state.json"))
                .replaceFirst("\"epochsSinceBest\" : 0", "\"epochsSinceBest\" : 3"));
        EpochLoop.Outcome stopped = EpochLoop.run("toy", "accuracy", tinyNet(), 64, EpochLoopResumeTest::batch,
                net -> new double[]{1, 1}, new EpochLoop.Settings(5, 16, 3, 7, 0.05), dir, true, err);
        assertEquals(3, stopped.history().size(), "early-stopped: nothing added");
    }

    private static ComputationGraph tinyNet() {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(0.05))
                .graphBuilder().addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nIn(2).nOut(1).build(), "in")
                .setOutputs("out").build());
        net.init();
        return net;
    }

    /** Example i: (±1 ± noise, noise) labelled by the sign of its first coordinate. */
    private static MultiDataSet batch(int[] indices, Random random) {
        float[][] x = new float[indices.length][2];
        float[][] y = new float[indices.length][1];
        for (int k = 0; k < indices.length; k++) {
            Random r = new Random(indices[k]);
            float sign = indices[k] % 2 == 0 ? 1 : -1;
            x[k][0] = sign * (1 + 0.3f * (float) r.nextGaussian());
            x[k][1] = (float) r.nextGaussian();
            y[k][0] = sign > 0 ? 1 : 0;
        }
        return new MultiDataSet(Nd4j.create(x), Nd4j.create(y));
    }
}
