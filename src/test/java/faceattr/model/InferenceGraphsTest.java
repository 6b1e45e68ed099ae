package faceattr.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch norm folded into the layer before it computes what the unfolded network computes. */
class InferenceGraphsTest {

    @Test
    void theBundledNetworksFoldEveryBatchNormAndKeepTheirOutputs() throws Exception {
        ModelBundle exact = ModelBundle.loadDefault();
        ModelBundle folded = exact.forInference();
        int lnetIn = exact.manifest().lnetInputs().get(0);
        INDArray views = input(6, lnetIn, 3);
        INDArray patches = input(10, exact.manifest().anetInput(), 4);

        // LNet: c1..c4 each with a batch norm; ANet: c1, c2, each cell's c3 and c4, and the FC layer
        assertEquals(4, InferenceGraphs.folds(exact.lnets().get(0)).size());
        assertEquals(2 + 2 * 4 + 1, InferenceGraphs.folds(exact.anet()).size());
        assertEquals(0, InferenceGraphs.folds(folded.anet()).size(), "nothing left to fold");
        assertNotSame(exact.anet(), folded.anet(), "folding makes new networks; the bundle's stay as they were");

        assertClose(out(exact.lnets().get(0), Networks.C5, views), out(folded.lnets().get(0), Networks.C5, views));
        assertClose(out(exact.anet(), Networks.FEATURES, patches), out(folded.anet(), Networks.FEATURES, patches));
        ComputationGraph r = exact.boxRegressor().orElseThrow();
        assertClose(r.outputSingle(false, views), folded.boxRegressor().orElseThrow().outputSingle(false, views));
        // the training heads are still there (LNet's face output weights score windows)
        assertTrue(folded.lnets().get(0).getConfiguration().getVertices().containsKey(Networks.LNET_FACE));
    }

    @Test
    void aRandomNetworkFoldsTooWithTrainedLookingStatistics() {
        ComputationGraph net = Networks.boxRegressor(Profile.COMPACT, 1e-3, 5);
        // give the batch norms statistics far from the identity, as training leaves them
        for (InferenceGraphs.Fold f : InferenceGraphs.folds(net)) {
            var bn = net.getLayer(f.batchNorm());
            long n = bn.getParam("mean").length();
            bn.setParam("mean", Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5));
            bn.setParam("gamma", Nd4j.rand(DataType.FLOAT, 1, n).addi(0.5));
            bn.setParam("beta", Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5));
            String std = bn.paramTable().containsKey("log10stdev") ? "log10stdev" : "var";
            bn.setParam(std, Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5));
        }
        INDArray x = input(4, 64, 9);
        INDArray before = net.outputSingle(false, x);
        ComputationGraph folded = InferenceGraphs.foldBatchNorm(net);
        assertEquals(4, InferenceGraphs.folds(net).size());
        assertClose(before, folded.outputSingle(false, x));
        assertClose(before, net.outputSingle(false, x));
    }

    private static INDArray out(ComputationGraph net, String vertex, INDArray x) {
        return net.output(List.of(vertex), false, new INDArray[]{x}, null)[0];
    }

    private static INDArray input(int n, int side, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, 3, side, side).subi(0.5).muli(4);
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        double scale = expected.amaxNumber().doubleValue();
        assertTrue(scale > 0.01, "outputs are not all zeros");
        assertTrue(diff <= 1e-5 * Math.max(1, scale), "max |difference| " + diff + " (largest value " + scale + ")");
    }
}
