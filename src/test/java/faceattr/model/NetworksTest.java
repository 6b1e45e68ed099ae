package faceattr.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworksTest {

    @Test
    void paperProfileRunsForwardAndBackward() {
        Profile p = Profile.PAPER;
        ComputationGraph lnet = Networks.lnet(p, 40, false, 1e-4, 1e-4, 1);
        INDArray x = Nd4j.rand(new long[]{1, 3, p.lnetInput(), p.lnetInput()}).subi(0.5);
        INDArray c5 = lnet.output(List.of(Networks.C5), false, new INDArray[]{x}, null)[0];
        assertArrayEquals(new long[]{1, 256, 13, 13}, c5.shape(), "AlexNet-like C5 is 13x13x256 at 227x227");
        assertParamsChangeAfterOneStep(lnet, new MultiDataSet(new INDArray[]{x},
                new INDArray[]{Nd4j.ones(1, 40), Nd4j.zeros(1, 256, 13, 13)}));

        ComputationGraph anet = Networks.anet(p, 10, 1e-4, 0.003, 1);
        INDArray f = Nd4j.rand(new long[]{2, 3, p.anetInput(), p.anetInput()});
        INDArray features = anet.output(List.of(Networks.FEATURES), false, new INDArray[]{f}, null)[0];
        assertArrayEquals(new long[]{2, p.featureSize()}, features.shape());
        INDArray ids = Nd4j.zeros(2, 10);
        ids.putScalar(0, 3, 1);
        ids.putScalar(1, 7, 1);
        assertParamsChangeAfterOneStep(anet, new MultiDataSet(new INDArray[]{f}, new INDArray[]{ids}));
    }

    @Test
    void compactAnetHasOwnFiltersPerGridCell() {
        Profile p = Profile.COMPACT;
        ComputationGraph anet = Networks.anet(p, 5, 1e-3, 0, 1);
        int cells = p.anetGrid() * p.anetGrid();
        for (int r = 0; r < p.anetGrid(); r++) {
            for (int c = 0; c < p.anetGrid(); c++) {
                assertTrue(anet.getLayer("c3_" + r + c).numParams() > 0);
                assertTrue(anet.getLayer("c4_" + r + c).numParams() > 0);
            }
        }
        assertNotEquals(anet.getLayer("c3_00").params(), anet.getLayer("c3_11").params(),
                "locally shared layers are initialised independently");
        assertEquals(4, cells);
        ComputationGraph tuned = Networks.anetForAttributes(anet, 40, 1e-3, 5);
        assertEquals(tuned.getLayer(Networks.ANET_ATTRIBUTES).params(),
                Networks.anetForAttributes(anet, 40, 1e-3, 5).getLayer(Networks.ANET_ATTRIBUTES).params(),
                "the same seed gives the new head the same initial weights");
        assertNotEquals(tuned.getLayer(Networks.ANET_ATTRIBUTES).params(),
                Networks.anetForAttributes(anet, 40, 1e-3, 6).getLayer(Networks.ANET_ATTRIBUTES).params());
        INDArray out = tuned.outputSingle(Nd4j.rand(new long[]{3, 3, p.anetInput(), p.anetInput()}));
        assertArrayEquals(new long[]{3, 40}, out.shape());
        assertEquals(anet.getLayer("c3_01").params(), tuned.getLayer("c3_01").params(), "fine-tuning keeps the pre-trained weights");
    }

    @Test
    void everyBatchNormIsFollowedByAReluThatIsReallyApplied() {
        // DL4J ignores a BatchNormalization layer's own activation: without the explicit ReLU layer the
        // normalized convolutions would be linear (negative values would reach the next layer)
        ComputationGraph lnet = Networks.lnet(Profile.COMPACT, 40, false, 1e-3, 0, true, 3);
        ComputationGraph anet = Networks.anet(Profile.COMPACT, 10, 1e-3, 0.003, 3);
        for (ComputationGraph net : List.of(lnet, anet)) {
            int size = net == lnet ? Profile.COMPACT.lnetInput() : Profile.COMPACT.anetInput();
            var acts = net.feedForward(new INDArray[]{Nd4j.randn(2, 3, size, size)}, false, false);
            int norms = 0;
            boolean clipped = false;
            for (String name : acts.keySet()) {
                if (!name.endsWith("_bn")) {
                    continue;
                }
                norms++;
                // the vertex reading the batch norm (conv "x_bn" feeds "x_relu"; ANet's FC batch norm feeds FEATURES)
                String relu = net.getConfiguration().getVertexInputs().entrySet().stream()
                        .filter(e -> e.getValue().equals(List.of(name))).map(java.util.Map.Entry::getKey).findFirst()
                        .orElseThrow(() -> new AssertionError(name + " feeds nothing"));
                // exact zeros in a continuous activation come only from clipping (feedForward's map cannot show
                // the batch norm's own negative values: DL4J's activation layer works in place on its input)
                clipped |= acts.get(relu).eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().intValue() > 0;
                assertTrue(acts.containsKey(relu), name + " is followed by " + relu);
                assertEquals(0.0, acts.get(relu).minNumber().doubleValue(), 0.0, relu + " output is non-negative");
                assertEquals(org.nd4j.linalg.activations.Activation.RELU.getActivationFunction().toString(),
                        ((org.deeplearning4j.nn.conf.layers.ActivationLayer) net.getLayer(relu).conf().getLayer())
                                .getActivationFn().toString(), relu + " is a ReLU layer");
            }
            assertTrue(norms >= 4, "batch norms found: " + norms);
            if (net == anet) {
                assertTrue(acts.containsKey(Networks.FC_LINEAR + "_bn"), "ANet's FC is batch-normalized before its ReLU");
            }
            assertTrue(clipped, "the ReLU layers clip something (exact zeros)");
        }
    }

    private static void assertParamsChangeAfterOneStep(ComputationGraph net, MultiDataSet data) {
        INDArray before = net.params().dup();
        net.fit(data);
        assertTrue(Double.isFinite(net.score()), "finite loss");
        assertNotEquals(before, net.params(), "one backward pass updates the parameters");
    }
}
