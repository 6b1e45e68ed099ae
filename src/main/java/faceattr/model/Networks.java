package faceattr.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossL1;

import java.util.ArrayList;
import java.util.List;

/**
 * LNet and ANet as DL4J computation graphs. Vertex names are part of the bundle format: {@link #INPUT}, {@link #C5},
 * {@link #FEATURES} and the output heads.
 */
public final class Networks {
    public static final String INPUT = "input";
    /** LNet's last convolutional layer: its channel-averaged activation is the response map used for localization. */
    public static final String C5 = "c5";
    /** LNet's training head: global average pooling + sigmoid per tag (removed from the picture at inference). */
    public static final String LNET_TAGS = "tags";
    /** Weak-supervision regularizer: an L1 penalty on C5 activity (an output with all-zero targets). */
    public static final String LNET_C5_L1 = "c5_l1";
    /** ANet's FC feature layer. */
    public static final String FEATURES = "fc";
    public static final String ANET_IDENTITY = "identity";
    public static final String ANET_ATTRIBUTES = "attributes";

    private static final int LNET_COMPACT_C5 = 48;

    private Networks() {
    }

    /**
     * LNet: fully convolutional C1..C5 with a global-average-pooled training head of {@code nTags} outputs, sigmoid
     * (multi-label attributes) or softmax (object classes, for pre-training).
     */
    public static ComputationGraph lnet(Profile profile, int nTags, boolean softmax, double learningRate,
                                        double c5L1, long seed) {
        var g = base(learningRate, seed).graphBuilder().addInputs(INPUT);
        int s = profile.lnetInput();
        String last;
        if (profile.isPaper()) {
            g.addLayer("c1", conv(11, 4, 96, ConvolutionMode.Truncate), INPUT)
                    .addLayer("p1", pool(3, 2), "c1")
                    .addLayer("c2", conv(5, 1, 256, ConvolutionMode.Same), "p1")
                    .addLayer("p2", pool(3, 2), "c2")
                    .addLayer("c3", conv(3, 1, 384, ConvolutionMode.Same), "p2")
                    .addLayer("c4", conv(3, 1, 384, ConvolutionMode.Same), "c3")
                    .addLayer(C5, conv(3, 1, 256, ConvolutionMode.Same), "c4");
        } else {
            g.addLayer("c1", conv(5, 2, 16, ConvolutionMode.Same), INPUT)
                    .addLayer("p1", pool(2, 2), "c1")
                    .addLayer("c2", conv(3, 1, 32, ConvolutionMode.Same), "p1")
                    .addLayer("c3", conv(3, 1, 32, ConvolutionMode.Same), "c2")
                    .addLayer("c4", conv(3, 1, 48, ConvolutionMode.Same), "c3")
                    .addLayer(C5, conv(3, 1, LNET_COMPACT_C5, ConvolutionMode.Same), "c4");
        }
        last = C5;
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer(LNET_TAGS, new OutputLayer.Builder(softmax ? LossFunctions.LossFunction.MCXENT
                        : LossFunctions.LossFunction.XENT)
                        .activation(softmax ? Activation.SOFTMAX : Activation.SIGMOID).nOut(nTags).build(), "gap");
        List<String> outputs = new ArrayList<>(List.of(LNET_TAGS));
        if (c5L1 > 0) {
            int channels = profile.isPaper() ? 256 : LNET_COMPACT_C5;
            g.addLayer(LNET_C5_L1, new CnnLossLayer.Builder(new LossL1(Nd4j.valueArrayOf(new long[]{1, channels}, c5L1)))
                    .activation(Activation.IDENTITY).build(), C5);
            outputs.add(LNET_C5_L1);
        }
        g.setOutputs(outputs.toArray(String[]::new)).setInputTypes(InputType.convolutional(s, s, 3));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /**
     * ANet: C1, C2 with globally shared filters; C3, C4 with locally shared filters (the C2 map is cut into a grid of
     * cells, each cell convolved by its own C3 and C4 filters, then pooled); the cells' outputs feed one FC feature layer.
     * The head classifies {@code nIdentities} identities (softmax + center loss: the same-identity feature loss).
     */
    public static ComputationGraph anet(Profile profile, int nIdentities, double learningRate, double centerLossLambda,
                                        long seed) {
        var g = base(learningRate, seed).graphBuilder().addInputs(INPUT);
        int s = profile.anetInput();
        int grid = profile.anetGrid();
        int c1 = profile.isPaper() ? 64 : 16;
        int c2 = profile.isPaper() ? 128 : 32;
        int c34 = profile.isPaper() ? 128 : 48;
        g.addLayer("c1", conv(profile.isPaper() ? 5 : 3, 1, c1, ConvolutionMode.Same), INPUT)
                .addLayer("p1", pool(2, 2), "c1")
                .addLayer("c2", conv(3, 1, c2, ConvolutionMode.Same), "p1")
                .addLayer("p2", pool(2, 2), "c2");
        int map = s / 4;
        int cell = map / grid;
        if (cell * grid != map) {
            throw new IllegalArgumentException("ANet C2 map " + map + " does not split into a " + grid + "x" + grid + " grid");
        }
        String[] cells = new String[grid * grid];
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                String id = r + "" + c;
                g.addLayer("cell" + id, new Cropping2D(r * cell, map - (r + 1) * cell, c * cell, map - (c + 1) * cell), "p2")
                        .addLayer("c3_" + id, conv(3, 1, c34, ConvolutionMode.Same), "cell" + id)
                        .addLayer("c4_" + id, conv(3, 1, c34, ConvolutionMode.Same), "c3_" + id)
                        .addLayer("p3_" + id, pool(2, 2), "c4_" + id);
                cells[r * grid + c] = "p3_" + id;
            }
        }
        g.addVertex("local", new MergeVertex(), cells)
                .addLayer(FEATURES, new DenseLayer.Builder().nOut(profile.featureSize()).activation(Activation.RELU).build(), "local")
                .addLayer("drop", new DropoutLayer.Builder(0.7).build(), FEATURES)
                .addLayer(ANET_IDENTITY, identityHead(nIdentities, centerLossLambda), "drop")
                .setOutputs(ANET_IDENTITY)
                .setInputTypes(InputType.convolutional(s, s, 3));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static org.deeplearning4j.nn.conf.layers.Layer identityHead(int nIdentities, double lambda) {
        if (lambda > 0) {
            return new CenterLossOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                    .nOut(nIdentities).alpha(0.1).lambda(lambda).build();
        }
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nOut(nIdentities).build();
    }

    /** Replaces ANet's identity head by the 40-attribute sigmoid head (fine-tuning), keeping all other weights. */
    public static ComputationGraph anetForAttributes(ComputationGraph pretrained, int nAttributes, double learningRate) {
        var ft = new org.deeplearning4j.nn.transferlearning.FineTuneConfiguration.Builder()
                .updater(new Adam(learningRate)).build();
        return new org.deeplearning4j.nn.transferlearning.TransferLearning.GraphBuilder(pretrained)
                .fineTuneConfiguration(ft)
                .removeVertexAndConnections(ANET_IDENTITY)
                .addLayer(ANET_ATTRIBUTES, new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID).nIn(pretrained.getLayer(FEATURES).getParam("W").columns())
                        .nOut(nAttributes).weightInit(WeightInit.XAVIER).build(), "drop")
                .setOutputs(ANET_ATTRIBUTES)
                .build();
    }

    /** Replaces LNet's pre-training head (object classes) by the attribute head, keeping the convolutional layers. */
    public static ComputationGraph lnetForAttributes(ComputationGraph pretrained, Profile profile, int nAttributes,
                                                     double learningRate, double c5L1, long seed) {
        ComputationGraph fresh = lnet(profile, nAttributes, false, learningRate, c5L1, seed);
        for (String layer : List.of("c1", "c2", "c3", "c4", C5)) {
            fresh.getLayer(layer).setParams(pretrained.getLayer(layer).params().dup());
        }
        return fresh;
    }

    private static NeuralNetConfiguration.Builder base(double learningRate, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .l2(1e-4)
                .activation(Activation.RELU);
    }

    private static ConvolutionLayer conv(int kernel, int stride, int channels, ConvolutionMode mode) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(channels)
                .convolutionMode(mode).activation(Activation.RELU).build();
    }

    private static SubsamplingLayer pool(int kernel, int stride) {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(kernel, kernel).stride(stride, stride)
                .convolutionMode(ConvolutionMode.Truncate).build();
    }
}
