package faceattr.bench;

import faceattr.model.ModelBundle;
import faceattr.model.Networks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The export is in PyTorch's layouts: recomputing layers in plain Java from the exported arrays alone (conv with
 * DL4J's Same padding, batch norm from running mean/var, dense as [out,in] over the NCHW flattening, SVMs + Platt)
 * reproduces DL4J's own activations and probabilities, so the Python peer's only job is the same arithmetic.
 */
class WeightExportTest {
    @TempDir
    static Path dir;
    static ModelBundle bundle;
    static Map<String, Npz.Array> w;
    static Map<String, Npz.Array> ref;
    static JsonNode manifest;

    @BeforeAll
    static void export() throws Exception {
        bundle = ModelBundle.loadDefault();
        WeightExport.export(bundle, dir, 2, 5);
        w = NpzReader.read(dir.resolve("weights.npz"));
        ref = NpzReader.read(dir.resolve("reference.npz"));
        manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    }

    @Test
    void convolutionKernelsKeepDl4jsOutInHeightWidthOrderAndDenseWeightsAreTransposed() {
        INDArray c1 = bundle.lnets().get(0).getLayer("c1").getParam("W");
        assertArrayEquals(new long[]{16, 3, 5, 5}, w.get("lnet.c1.weight").shape());
        assertEquals(c1.getFloat(7, 2, 1, 4), at(w.get("lnet.c1.weight"), 7, 2, 1, 4));
        INDArray fc = bundle.anet().getLayer(Networks.FC_LINEAR).getParam("W");
        assertArrayEquals(new long[]{256, 1728}, w.get("anet.fc_linear.weight").shape());
        assertEquals(fc.getFloat(1000, 17), at(w.get("anet.fc_linear.weight"), 17, 1000));
    }

    @Test
    void convolutionWithSamePaddingRecomputedFromTheExportMatchesDl4j() {
        Npz.Array x = ref.get("lnet_input");
        Npz.Array k = w.get("lnet.c1.weight");
        Npz.Array b = w.get("lnet.c1.bias");
        Npz.Array y = ref.get("act.lnet.c1");
        // 64 -> 32 with a 5x5 kernel, stride 2: 3 padding rows in total, 1 before (DL4J's Same), 2 after
        int pad = (31 * 2 + 5 - 64) / 2;
        for (int[] p : new int[][]{{0, 0, 0, 0}, {1, 5, 31, 31}, {3, 15, 10, 0}, {2, 9, 0, 31}}) {
            double s = b.data()[p[1]];
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 5; i++) {
                    for (int j = 0; j < 5; j++) {
                        int r = p[2] * 2 - pad + i;
                        int q = p[3] * 2 - pad + j;
                        if (r >= 0 && r < 64 && q >= 0 && q < 64) {
                            s += at(k, p[1], c, i, j) * at(x, p[0], c, r, q);
                        }
                    }
                }
            }
            assertEquals(at(y, p), s, 1e-4, "c1 at " + java.util.Arrays.toString(p));
        }
    }

    @Test
    void batchNormFromRunningMeanAndVarianceThenTheExplicitReluLayerMatchDl4j() {
        JsonNode bn = manifest.get("lnet").get(1);
        assertEquals("c1_bn", bn.get("name").asText());
        assertEquals("batchnorm", bn.get("type").asText());
        assertEquals("identity", bn.get("activation").asText().toLowerCase(java.util.Locale.ROOT));
        JsonNode relu = manifest.get("lnet").get(2);
        assertEquals("c1_relu", relu.get("name").asText());
        assertEquals("activation", relu.get("type").asText());
        assertEquals("relu", relu.get("activation").asText().toLowerCase(java.util.Locale.ROOT));
        assertTrue(!ref.containsKey("act.lnet.c1_bn"), "the batch norm's array is overwritten in place by the ReLU");
        double eps = bn.get("eps").asDouble();
        Npz.Array x = ref.get("act.lnet.c1");
        Npz.Array y = ref.get("act.lnet.c1_relu");
        float[] g = w.get("lnet.c1_bn.weight").data();
        float[] beta = w.get("lnet.c1_bn.bias").data();
        float[] mean = w.get("lnet.c1_bn.running_mean").data();
        float[] var = w.get("lnet.c1_bn.running_var").data();
        double worst = 0;
        boolean clipped = false;
        for (int c = 0; c < 16; c++) {
            for (int r = 0; r < 32; r += 7) {
                for (int q = 0; q < 32; q += 5) {
                    double normalized = g[c] * (at(x, 1, c, r, q) - mean[c]) / Math.sqrt(var[c] + eps) + beta[c];
                    worst = Math.max(worst, Math.abs(Math.max(0, normalized) - at(y, 1, c, r, q)));
                    clipped |= normalized < 0;
                }
            }
        }
        assertTrue(worst < 1e-4, "batch norm + ReLU differ by " + worst);
        assertTrue(clipped, "some normalized values are negative, so the ReLU is exercised");
    }

    @Test
    void denseLayerOverTheNchwFlatteningItsBatchNormAndTheSvmsReproduceFeaturesAndProbabilities() {
        Npz.Array local = ref.get("act.anet.local");
        Npz.Array fc = ref.get("act.anet.fc");
        Npz.Array weight = w.get("anet.fc_linear.weight");
        float[] bias = w.get("anet.fc_linear.bias").data();
        String bn = "anet." + Networks.FC_LINEAR + "_bn.";
        float[] g = w.get(bn + "weight").data();
        float[] beta = w.get(bn + "bias").data();
        float[] mean0 = w.get(bn + "running_mean").data();
        float[] var = w.get(bn + "running_var").data();
        double eps = 0;
        for (JsonNode v : manifest.get("anet")) {
            eps = v.get("name").asText().equals(Networks.FC_LINEAR + "_bn") ? v.get("eps").asDouble() : eps;
        }
        assertTrue(eps > 0, "the FC batch norm is in the exported graph");
        int in = 1728;
        for (int row : new int[]{0, 7}) {
            for (int o : new int[]{0, 100, 255}) {
                double s = bias[o];
                for (int i = 0; i < in; i++) {
                    s += weight.data()[o * in + i] * local.data()[row * in + i];
                }
                double normalized = g[o] * (s - mean0[o]) / Math.sqrt(var[o] + eps) + beta[o];
                assertEquals(at(fc, row, o), Math.max(0, normalized), 1e-3, "fc row " + row + " unit " + o);
            }
        }
        int patches = manifest.get("patches").asInt();
        Npz.Array probabilities = ref.get("probabilities");
        float[] mean = w.get("svm.mean").data();
        float[] std = w.get("svm.std").data();
        float[] svm = w.get("svm.weight").data();
        for (int face = 0; face < 2; face++) {
            for (int a = 0; a < 40; a++) {
                double score = w.get("svm.bias").data()[a];
                for (int d = 0; d < 256; d++) {
                    double avg = 0;
                    for (int p = 0; p < patches; p++) {
                        avg += at(fc, face * patches + p, d) / patches;
                    }
                    score += svm[a * 256 + d] * (avg - mean[d]) / std[d];
                }
                double p = 1 / (1 + Math.exp(score * w.get("platt.a").data()[a] + w.get("platt.b").data()[a]));
                assertEquals(at(probabilities, face, a), p, 1e-5, "face " + face + " attribute " + a);
            }
        }
    }

    private static float at(Npz.Array a, int... index) {
        long flat = 0;
        for (int d = 0; d < index.length; d++) {
            flat = flat * a.shape()[d] + index[d];
        }
        return a.data()[(int) flat];
    }
}
