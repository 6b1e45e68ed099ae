package faceattr.backend;

import faceattr.model.ModelBundle;
import faceattr.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fast path is really on: every convolution, pooling and batch-norm layer of the bundled model's networks has its
 * oneDNN helper (this fails if a dependency update silently drops them), and the networks compute what DL4J's plain
 * Java path computes.
 */
class ComputeBackendTest {
    private static ModelBundle fast;
    private static ModelBundle plain;

    @BeforeAll
    static void load() throws Exception {
        fast = ModelBundle.loadDefault();
        plain = ComputeBackend.withHelpersOff(ModelBundle::loadDefault);
    }

    private static List<ComputationGraph> networks(ModelBundle b) {
        List<ComputationGraph> nets = new ArrayList<>(b.lnets());
        nets.add(b.anet());
        b.boxRegressor().ifPresent(nets::add);
        return nets;
    }

    @Test
    void everyConvolutionPoolingAndBatchNormLayerRunsOnOneDnn() throws Exception {
        assumeTrue(Files.readString(Path.of("/proc/cpuinfo")).contains(" avx2"),
                "the oneDNN natives need AVX2; this CPU runs the generic ones");
        ComputeBackend.Info info = ComputeBackend.start();
        assertTrue(info.helpers(), info.describe());
        assertTrue(info.oneDnn(), "the AVX2 oneDNN natives must be the ones loaded: " + info.describe());
        for (ModelBundle b : List.of(fast, fast.forInference())) {
            for (ComputationGraph net : networks(b)) {
                assertTrue(ComputeBackend.helpedLayers(net) >= 3, "a network of the bundle has conv layers");
                assertEquals(List.of(), ComputeBackend.layersWithoutHelper(net),
                        "layers left on DL4J's slow Java path");
            }
        }
    }

    @Test
    void helpersOffReallyGivesThePlainPath() {
        for (ComputationGraph net : networks(plain)) {
            assertEquals(ComputeBackend.helpedLayers(net), ComputeBackend.layersWithoutHelper(net).size());
        }
    }

    @Test
    void fastAndPlainNetworksAgreeWithin1e5() {
        int lnetIn = fast.manifest().lnetInputs().get(0);
        int anetIn = fast.manifest().anetInput();
        INDArray views = input(8, lnetIn, 1);
        INDArray patches = input(10, anetIn, 2);
        assertClose(c5(plain, views), c5(fast, views), "LNet C5");
        assertClose(features(plain, patches), features(fast, patches), "ANet features");
        assertTrue(fast.boxRegressor().isPresent(), "the bundled model has a box regressor");
        assertClose(plain.boxRegressor().get().outputSingle(false, views),
                fast.boxRegressor().get().outputSingle(false, views), "box regressor");
    }

    static INDArray c5(ModelBundle b, INDArray x) {
        return b.lnets().get(0).output(List.of(Networks.C5), false, new INDArray[]{x}, null)[0];
    }

    static INDArray features(ModelBundle b, INDArray x) {
        return b.anet().output(List.of(Networks.FEATURES), false, new INDArray[]{x}, null)[0];
    }

    /** Inputs shaped like the networks' (normalized pixels, roughly in [-2, 2]). */
    static INDArray input(int n, int side, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, 3, side, side).subi(0.5).muli(4);
    }

    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        double scale = expected.amaxNumber().doubleValue();
        assertTrue(scale > 0.1, what + " is not all zeros");
        assertTrue(diff <= 1e-5, what + ": max |difference| " + diff + " (largest value " + scale + ")");
    }
}
