package faceattr.bench;

import faceattr.model.AttributeClassifiers;
import faceattr.model.ModelBundle;
import faceattr.report.Json;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports the bundle's first LNet and its ANet, with the SVMs, for the PyTorch peer (bench/peer_compare.py), in
 * PyTorch's layouts so the peer loads them without reshuffling:
 * <ul>
 *   <li>{@code weights.npz}: {@code <net>.<layer>.weight|bias} for convolutions ([out,in,kh,kw], as DL4J's NCHW
 *   kernels already are) and dense layers ([out,in]: DL4J keeps [in,out], so transposed); batch norm as
 *   {@code weight} (gamma), {@code bias} (beta), {@code running_mean} and {@code running_var} (DL4J stores
 *   log10 of the standard deviation and normalizes by sqrt(std^2 + eps), as PyTorch does with var = std^2);
 *   {@code svm.mean|std|weight|bias},
 *   {@code platt.a|b} (probability = 1 / (1 + exp(a * score + b)));</li>
 *   <li>{@code manifest.json}: each network's vertices in topological order with type, inputs and settings (kernel,
 *   stride, padding: DL4J's "Same" mode pads (total // 2) at the top/left and the rest at the bottom/right; pooling;
 *   crops; merge order; batch-norm eps; the activation DL4J really applies), input sizes, views and patches per
 *   image;</li>
 *   <li>{@code reference.npz}: inputs and DL4J's outputs on them: {@code lnet_input}, {@code anet_input},
 *   {@code c5}, {@code fc}, {@code probabilities} (per face, after patch averaging) and every vertex's activation
 *   ({@code act.<net>.<vertex>}) so a disagreement can be traced to its first layer.</li>
 * </ul>
 */
public final class WeightExport {
    /** Vertices that only train (loss heads, dropout): not exported, not part of the inference path. */
    private static final Set<String> TRAINING_ONLY = Set.of("gap", "gmp", "c5_l1", "tags", "face", "drop",
            "attributes", "identity");

    private WeightExport() {
    }

    /** Writes the three files into {@code dir}; the reference uses {@code faces} faces' worth of inputs. */
    public static Map<String, Object> export(ModelBundle bundle, Path dir, int faces, long seed) throws IOException {
        Files.createDirectories(dir);
        NetworkWorkload workload = new NetworkWorkload(bundle);
        INDArray[] in = workload.inputs(faces, seed);
        NetworkWorkload.Output out = workload.run(in[0], in[1]);
        Map<String, INDArray> lnetActs = activations(bundle.lnets().get(0), in[0]);
        Map<String, INDArray> anetActs = activations(bundle.anet(), in[1]);

        Npz weights = new Npz();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "faceattr-peer-weights-1");
        manifest.put("model", bundle.manifest().version());
        manifest.put("profile", bundle.manifest().profile());
        manifest.put("lnetInput", workload.lnetInput());
        manifest.put("anetInput", workload.anetInput());
        manifest.put("views", workload.views());
        manifest.put("patches", workload.patches());
        manifest.put("lnet", network("lnet", bundle.lnets().get(0), lnetActs, weights));
        manifest.put("anet", network("anet", bundle.anet(), anetActs, weights));
        classifiers(bundle.classifiers(), weights);
        weights.write(dir.resolve("weights.npz"));
        Json.PRETTY.writeValue(dir.resolve("manifest.json").toFile(), manifest);

        Npz reference = new Npz();
        put(reference, "lnet_input", in[0]);
        put(reference, "anet_input", in[1]);
        put(reference, "c5", out.c5());
        put(reference, "fc", out.features());
        float[][] p = out.probabilities();
        reference.put("probabilities", new long[]{p.length, p[0].length}, flatten(p));
        lnetActs.forEach((name, a) -> put(reference, "act.lnet." + name, a));
        anetActs.forEach((name, a) -> put(reference, "act.anet." + name, a));
        reference.write(dir.resolve("reference.npz"));
        return manifest;
    }

    private static List<Map<String, Object>> network(String net, ComputationGraph graph, Map<String, INDArray> acts,
                                                     Npz weights) {
        List<Map<String, Object>> vertices = new ArrayList<>();
        var conf = graph.getConfiguration();
        for (String name : conf.getTopologicalOrderStr()) {
            if (conf.getNetworkInputs().contains(name) || TRAINING_ONLY.contains(name)) {
                continue;
            }
            GraphVertex vertex = conf.getVertices().get(name);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", name);
            v.put("inputs", conf.getVertexInputs().get(name));
            if (vertex instanceof MergeVertex) {
                v.put("type", "concat_channels");
            } else if (vertex instanceof LayerVertex lv) {
                layer(net, name, lv.getLayerConf().getLayer(), graph, acts.get(name), v, weights);
            } else {
                throw new IllegalArgumentException(net + "." + name + ": vertex type "
                        + vertex.getClass().getSimpleName() + " has no peer export");
            }
            vertices.add(v);
        }
        return vertices;
    }

    private static void layer(String net, String name, Layer layer, ComputationGraph graph, INDArray activation,
                              Map<String, Object> v, Npz weights) {
        String key = net + "." + name + ".";
        Map<String, INDArray> params = graph.getLayer(name).paramTable();
        if (layer instanceof ConvolutionLayer c && !(layer instanceof SubsamplingLayer)) {
            v.put("type", "conv2d");
            v.put("kernel", c.getKernelSize());
            v.put("stride", c.getStride());
            v.put("padding", c.getConvolutionMode() == ConvolutionMode.Same ? "same" : "valid");
            v.put("activation", c.getActivationFn().toString());
            put(weights, key + "weight", params.get("W"));
            put(weights, key + "bias", params.get("b").reshape(params.get("b").length()));
        } else if (layer instanceof BatchNormalization bn) {
            v.put("type", "batchnorm");
            v.put("eps", bn.getEps());
            String configured = bn.getActivationFn().toString();
            // DL4J 1.0.0-M2.1 does not apply a BatchNormalization layer's own activation (in training or
            // inference): a configured ReLU whose output still has negative values was not applied
            boolean skipped = configured.equalsIgnoreCase("relu") && activation.minNumber().doubleValue() < 0;
            v.put("activation", skipped ? "identity" : configured);
            if (skipped) {
                v.put("configuredActivation", configured);
                v.put("note", "DL4J does not apply this layer's configured activation; the peer must not either");
            }
            INDArray std = bn.isUseLogStd()
                    ? org.nd4j.linalg.ops.transforms.Transforms.pow(
                    org.nd4j.linalg.factory.Nd4j.valueArrayOf(params.get("log10stdev").shape(), 10.0,
                            params.get("log10stdev").dataType()), params.get("log10stdev"), true)
                    : null;
            INDArray var = std != null ? std.mul(std) : params.get("var");
            put(weights, key + "weight", params.get("gamma"));
            put(weights, key + "bias", params.get("beta"));
            put(weights, key + "running_mean", params.get("mean"));
            put(weights, key + "running_var", var);
        } else if (layer instanceof SubsamplingLayer s) {
            v.put("type", s.getPoolingType().name().toLowerCase(java.util.Locale.ROOT) + "pool2d");
            v.put("kernel", s.getKernelSize());
            v.put("stride", s.getStride());
            v.put("padding", s.getConvolutionMode() == ConvolutionMode.Same ? "same" : "valid");
        } else if (layer instanceof Cropping2D crop) {
            v.put("type", "crop2d");
            v.put("crop", crop.getCropping()); // top, bottom, left, right
        } else if (layer instanceof DenseLayer d) {
            v.put("type", "linear");
            v.put("activation", d.getActivationFn().toString());
            v.put("flatten", "channels, rows, columns (NCHW C-order)");
            put(weights, key + "weight", params.get("W").transpose());
            put(weights, key + "bias", params.get("b").reshape(params.get("b").length()));
        } else if (layer instanceof ActivationLayer a) {
            v.put("type", "activation");
            v.put("activation", a.getActivationFn().toString());
        } else if (layer instanceof DropoutLayer) {
            v.put("type", "identity");
        } else {
            throw new IllegalArgumentException(net + "." + name + ": layer type " + layer.getClass().getSimpleName()
                    + " has no peer export");
        }
    }

    private static void classifiers(AttributeClassifiers c, Npz weights) {
        int n = c.attributes().size();
        int dim = c.mean().length;
        float[] w = new float[n * dim];
        float[] b = new float[n];
        float[] pa = new float[n];
        float[] pb = new float[n];
        for (int a = 0; a < n; a++) {
            AttributeClassifiers.Attribute attr = c.attributes().get(a);
            System.arraycopy(attr.svm().weights(), 0, w, a * dim, dim);
            b[a] = (float) attr.svm().bias();
            pa[a] = (float) attr.platt().a();
            pb[a] = (float) attr.platt().b();
        }
        weights.put("svm.mean", new long[]{dim}, c.mean().clone());
        weights.put("svm.std", new long[]{dim}, c.std().clone());
        weights.put("svm.weight", new long[]{n, dim}, w);
        weights.put("svm.bias", new long[]{n}, b);
        weights.put("platt.a", new long[]{n}, pa);
        weights.put("platt.b", new long[]{n}, pb);
    }

    /** Every inference vertex's activation on {@code input}, in topological order. */
    private static Map<String, INDArray> activations(ComputationGraph graph, INDArray input) {
        Map<String, INDArray> all = graph.feedForward(new INDArray[]{input}, false, false);
        var conf = graph.getConfiguration();
        // an activation layer overwrites its input array in place, so what feedForward reports for that input is
        // already activated: leave those out rather than export a reference the peer must not match
        java.util.Set<String> overwritten = new java.util.HashSet<>();
        conf.getVertices().forEach((name, vertex) -> {
            if (vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof ActivationLayer) {
                overwritten.addAll(conf.getVertexInputs().get(name));
            }
        });
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : conf.getTopologicalOrderStr()) {
            INDArray a = all.get(name);
            if (a != null && !TRAINING_ONLY.contains(name) && !overwritten.contains(name)
                    && !conf.getNetworkInputs().contains(name)) {
                out.put(name, a);
            }
        }
        return out;
    }

    static void put(Npz npz, String name, INDArray a) {
        INDArray c = a.dup('c');
        npz.put(name, c.shape(), c.data().asFloat());
    }

    private static float[] flatten(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }
}
