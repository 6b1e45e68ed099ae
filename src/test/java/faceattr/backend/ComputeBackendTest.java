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

    @Test
    void theFastCascadeTagsLikeThePlainOne() throws Exception {
        var photos = faceattr.bench.BenchImages.generate(16, 21);
        List<java.awt.image.BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            images.add(photos.pixels(i));
        }
        var expected = plain.cascade().tag(images);
        var actual = fast.forInference().cascade().tag(images);
        int faces = 0;
        for (int i = 0; i < images.size(); i++) {
            var a = expected.get(i).faces();
            var b = actual.get(i).faces();
            assertEquals(a.size(), b.size(), "faces found in image " + i);
            for (int f = 0; f < a.size(); f++) {
                faces++;
                var ba = a.get(f).box();
                var bb = b.get(f).box();
                double off = Math.max(Math.max(Math.abs(ba.x() - bb.x()), Math.abs(ba.y() - bb.y())),
                        Math.max(Math.abs(ba.width() - bb.width()), Math.abs(ba.height() - bb.height())));
                assertTrue(off < 0.5, "image " + i + " face " + f + ": boxes " + ba + " vs " + bb);
                float[] pa = a.get(f).probabilities();
                float[] pb = b.get(f).probabilities();
                for (int k = 0; k < pa.length; k++) {
                    // tiny network differences move a crop by a fraction of a pixel; Platt scaling magnifies that
                    assertEquals(pa[k], pb[k], 0.02, "image " + i + " face " + f + " attribute " + k);
                }
            }
        }
        assertTrue(faces >= 8, "the synthetic photos have faces to compare: " + faces);
    }

    @Test
    void trainingBackpropagatesThroughTheHelpersAsThePlainPathDoes() throws Exception {
        // the same freshly initialized LNet (seeded), one on each path; one batch of images and attribute tags
        var profile = faceattr.model.Profile.COMPACT;
        ComputationGraph onHelpers = Networks.lnet(profile, 40, false, 1e-3, 5e-4, true, 7);
        ComputationGraph onJava = ComputeBackend.withHelpersOff(() -> Networks.lnet(profile, 40, false, 1e-3, 5e-4,
                true, 7));
        assertEquals(List.of(), ComputeBackend.layersWithoutHelper(onHelpers));
        assertEquals(ComputeBackend.helpedLayers(onJava), ComputeBackend.layersWithoutHelper(onJava).size());
        INDArray x = input(6, profile.lnetInput(), 5);
        Nd4j.getRandom().setSeed(6);
        INDArray tags = Nd4j.rand(DataType.FLOAT, 6, 40).gt(0.5).castTo(DataType.FLOAT);
        INDArray face = Nd4j.create(new float[]{1, 0, 1, 1, 0, 1}, new long[]{6, 1});
        INDArray l1 = Nd4j.zeros(DataType.FLOAT, 6, 48, 16, 16);
        var batch = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[]{x}, new INDArray[]{tags, face, l1});
        for (ComputationGraph net : List.of(onHelpers, onJava)) {
            net.setInputs(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.computeGradientAndScore();
        }
        assertEquals(onJava.score(), onHelpers.score(), 1e-5 * Math.abs(onJava.score()), "loss");
        INDArray a = onJava.gradient().gradient();
        INDArray b = onHelpers.gradient().gradient();
        double diff = a.sub(b).amaxNumber().doubleValue();
        double scale = a.amaxNumber().doubleValue();
        assertTrue(scale > 1e-6, "the gradient is not all zeros");
        assertTrue(diff <= 1e-3 * scale, "max |gradient difference| " + diff + " (largest component " + scale + ")");
        // one Adam step on each path keeps the networks together (Adam's first step is about lr × sign(gradient), so
        // components whose gradient is near zero may step differently: compare relative to the output's scale)
        onHelpers.fit(batch);
        onJava.fit(batch);
        INDArray after = onJava.output(List.of(Networks.C5), false, new INDArray[]{x}, null)[0];
        INDArray afterFast = onHelpers.output(List.of(Networks.C5), false, new INDArray[]{x}, null)[0];
        double step = after.sub(afterFast).amaxNumber().doubleValue();
        assertTrue(step <= 1e-3 * after.amaxNumber().doubleValue(), "C5 after one update differs by " + step);
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
