package faceattr.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prepares a trained network for inference: every batch normalization that directly follows a convolution or dense
 * layer (with no activation of its own and no other consumer) is folded into that layer's weights and bias, and the
 * batch norm becomes an identity. The result computes the same function with one pass less over each feature map.
 * Only for inference: the folded graph must not be trained further (the batch norm's statistics are gone).
 */
public final class InferenceGraphs {
    private InferenceGraphs() {
    }

    /** A folded pair: the linear layer and the batch norm after it. */
    record Fold(String linear, String batchNorm) {
    }

    /** The batch norms of {@code net} that {@link #foldBatchNorm} folds, with their linear layers. */
    static List<Fold> folds(ComputationGraph net) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        List<Fold> out = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> e : vertices.entrySet()) {
            if (!(layerOf(e.getValue()) instanceof BatchNormalization)) {
                continue;
            }
            List<String> in = inputs.get(e.getKey());
            if (in == null || in.size() != 1) {
                continue;
            }
            String source = in.get(0);
            Layer linear = layerOf(vertices.get(source));
            boolean foldable = (linear != null && (linear.getClass() == ConvolutionLayer.class
                    && ((ConvolutionLayer) linear).hasBias() || linear.getClass() == DenseLayer.class
                    && ((DenseLayer) linear).hasBias()))
                    && ((BaseLayer) linear).getActivationFn() instanceof ActivationIdentity;
            long consumers = inputs.values().stream().filter(list -> list.contains(source)).count();
            if (foldable && consumers == 1 && !conf.getNetworkOutputs().contains(source)) {
                out.add(new Fold(source, e.getKey()));
            }
        }
        return out;
    }

    /** {@code net} with its batch norms folded (see the class comment); {@code net} itself is left as it was. */
    public static ComputationGraph foldBatchNorm(ComputationGraph net) {
        List<Fold> folds = folds(net);
        if (folds.isEmpty()) {
            return net;
        }
        TransferLearning.GraphBuilder builder = new TransferLearning.GraphBuilder(net);
        for (Fold f : folds) {
            builder.removeVertexKeepConnections(f.batchNorm())
                    .addLayer(f.batchNorm(), new ActivationLayer.Builder().activation(Activation.IDENTITY).build(),
                            f.linear());
        }
        ComputationGraph folded = builder.build();
        for (Fold f : folds) {
            fold(net, f, folded);
        }
        return folded;
    }

    /**
     * W' = W·s and b' = (b − μ)·s + β per output channel, with s = γ / sqrt(σ² + ε), computed in double precision (the
     * variance may be stored as log10 of the standard deviation; rounding it in float shows in the outputs).
     */
    private static void fold(ComputationGraph net, Fold f, ComputationGraph into) {
        var bnLayer = net.getLayer(f.batchNorm());
        BatchNormalization bn = (BatchNormalization) bnLayer.conf().getLayer();
        double[] mean = vector(bnLayer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN));
        double[] variance;
        if (bn.isUseLogStd()) {
            double[] log10std = vector(bnLayer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
            variance = new double[log10std.length];
            for (int c = 0; c < variance.length; c++) {
                double std = Math.pow(10, log10std[c]);
                variance[c] = std * std;
            }
        } else {
            variance = vector(bnLayer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR));
        }
        int n = mean.length;
        double[] gamma = new double[n];
        double[] beta = new double[n];
        if (bn.isLockGammaBeta()) {
            java.util.Arrays.fill(gamma, bn.getGamma());
            java.util.Arrays.fill(beta, bn.getBeta());
        } else {
            gamma = vector(bnLayer.getParam(BatchNormalizationParamInitializer.GAMMA));
            beta = vector(bnLayer.getParam(BatchNormalizationParamInitializer.BETA));
        }
        double[] scale = new double[n];
        for (int c = 0; c < n; c++) {
            scale[c] = gamma[c] / Math.sqrt(variance[c] + bn.getEps());
        }
        var linear = net.getLayer(f.linear());
        INDArray w = linear.getParam("W").castTo(DataType.DOUBLE).dup();
        double[] b = vector(linear.getParam("b"));
        boolean conv = linear.conf().getLayer() instanceof ConvolutionLayer;
        // convolution weights are [out, in, kh, kw]; dense weights are [in, out]
        for (int c = 0; c < n; c++) {
            INDArray slice = conv ? w.slice(c, 0) : w.getColumn(c);
            slice.muli(scale[c]);
            b[c] = (b[c] - mean[c]) * scale[c] + beta[c];
        }
        DataType type = linear.getParam("W").dataType();
        var target = into.getLayer(f.linear());
        target.setParam("W", w.castTo(type));
        target.setParam("b", org.nd4j.linalg.factory.Nd4j.create(b, new long[]{1, n}).castTo(type));
    }

    private static double[] vector(INDArray a) {
        return a.castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }

    private static Layer layerOf(GraphVertex v) {
        return v instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
    }
}
