package faceattr.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
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
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
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
    /** Optional image-level "contains a face" output (trained with background images as negatives). */
    public static final String LNET_FACE = "face";
    /** ANet's FC feature layer. */
    public static final String FEATURES = "fc";
    /** ANet's FC layer before its batch norm and ReLU ({@link #FEATURES} is the ReLU's output). */
    public static final String FC_LINEAR = "fc_linear";
    public static final String ANET_IDENTITY = "identity";
    public static final String ANET_ATTRIBUTES = "attributes";
    /** The box regressor's output: the box code of {@link BoxRegressor#encode}. */
    public static final String BOX_CODE = "box_code";

    private static final int LNET_COMPACT_C5 = 48;
    private static final double FACE_LOSS_WEIGHT = 8;

    static {
        faceattr.backend.ComputeBackend.start();
    }

    private Networks() {
    }

    /** Restores a network saved by DL4J's ModelSerializer (with its updater state when {@code withUpdater}). */
    public static ComputationGraph restore(java.io.InputStream in, boolean withUpdater) throws java.io.IOException {
        return org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(in, withUpdater);
    }

    /** As {@link #restore(java.io.InputStream, boolean)}, from a file. */
    public static ComputationGraph restore(java.nio.file.Path file, boolean withUpdater) throws java.io.IOException {
        return org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(file.toFile(), withUpdater);
    }

    /**
     * LNet: fully convolutional C1..C5 with a global-average-pooled training head of {@code nTags} outputs, sigmoid
     * (multi-label attributes) or softmax (object classes, for pre-training).
     */
    public static ComputationGraph lnet(Profile profile, int nTags, boolean softmax, double learningRate,
                                        double c5L1, long seed) {
        return lnet(profile, nTags, softmax, learningRate, c5L1, false, seed);
    }

    /**
     * As above; {@code faceHead} adds a second image-level output, "a face is in this image", trained with face-free
     * background images as negatives (still no box: one bit per image).
     */
    public static ComputationGraph lnet(Profile profile, int nTags, boolean softmax, double learningRate,
                                        double c5L1, boolean faceHead, long seed) {
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
            String x = convBn(g, "c1", 5, 2, 16, INPUT);
            g.addLayer("p1", pool(2, 2), x);
            x = convBn(g, "c2", 3, 1, 32, "p1");
            x = convBn(g, "c3", 3, 1, 32, x);
            x = convBn(g, "c4", 3, 1, 48, x);
            g.addLayer(C5, conv(3, 1, LNET_COMPACT_C5, ConvolutionMode.Same), x);
        }
        last = C5;
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer(LNET_TAGS, new OutputLayer.Builder(softmax ? LossFunctions.LossFunction.MCXENT
                        : LossFunctions.LossFunction.XENT)
                        .activation(softmax ? Activation.SOFTMAX : Activation.SIGMOID).nOut(nTags).build(), "gap");
        List<String> outputs = new ArrayList<>(List.of(LNET_TAGS));
        if (faceHead) {
            // weighted like a fifth of all tags together: one bit, but the one that is about where the face is
            // max pooling: a face is present if some place looks like one (multiple-instance learning), so the
            // gradient goes to the most face-like place of each image, faces and hard background alike
            g.addLayer("gmp", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), last)
                    .addLayer(LNET_FACE, new OutputLayer.Builder(new LossBinaryXENT(Nd4j.valueArrayOf(new long[]{1, 1}, FACE_LOSS_WEIGHT)))
                    .activation(Activation.SIGMOID).nOut(1).build(), "gmp");
            outputs.add(LNET_FACE);
        }
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
        g.addLayer("p1", pool(2, 2), convBn(g, "c1", profile.isPaper() ? 5 : 3, 1, c1, INPUT))
                .addLayer("p2", pool(2, 2), convBn(g, "c2", 3, 1, c2, "p1"));
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
                        .addLayer("p3_" + id, pool(2, 2),
                                convBn(g, "c4_" + id, 3, 1, c34, convBn(g, "c3_" + id, 3, 1, c34, "cell" + id)));
                cells[r * grid + c] = "p3_" + id;
            }
        }
        g.addVertex("local", new MergeVertex(), cells)
                // batch norm before the FC ReLU keeps each unit's input centred, so fine-tuning cannot push most units
                // below zero for every patch and leave them silent (docs/model.md)
                .addLayer(FC_LINEAR, new DenseLayer.Builder().nOut(profile.featureSize()).activation(Activation.IDENTITY)
                        .build(), "local")
                .addLayer(FC_LINEAR + "_bn", new BatchNormalization.Builder().activation(Activation.IDENTITY).build(), FC_LINEAR)
                .addLayer(FEATURES, new ActivationLayer.Builder().activation(Activation.RELU).build(), FC_LINEAR + "_bn")
                .addLayer("drop", new DropoutLayer.Builder(0.7).build(), FEATURES)
                .addLayer(ANET_IDENTITY, identityHead(nIdentities, centerLossLambda), "drop")
                .setOutputs(ANET_IDENTITY)
                .setInputTypes(InputType.convolutional(s, s, 3));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /**
     * Softmax over identities. Xavier-initialized: with the ReLU (He) initialization of the hidden layers the initial
     * logits are large, and the first updates of a many-class softmax that cannot yet tell identities apart shrink the
     * features until the FC ReLUs die.
     */
    private static org.deeplearning4j.nn.conf.layers.Layer identityHead(int nIdentities, double lambda) {
        if (lambda > 0) {
            return new CenterLossOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                    .weightInit(WeightInit.XAVIER).nOut(nIdentities).alpha(0.1).lambda(lambda).build();
        }
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).nOut(nIdentities).build();
    }

    /**
     * Replaces ANet's identity head by an {@code nAttributes}-output sigmoid head (fine-tuning), keeping all other
     * weights; {@code seed} draws the new head's initial weights, so the same seed fine-tunes the same way.
     */
    public static ComputationGraph anetForAttributes(ComputationGraph pretrained, int nAttributes, double learningRate,
                                                     long seed) {
        var ft = new org.deeplearning4j.nn.transferlearning.FineTuneConfiguration.Builder()
                .updater(new Adam(learningRate)).seed(seed).build();
        return new org.deeplearning4j.nn.transferlearning.TransferLearning.GraphBuilder(pretrained)
                .fineTuneConfiguration(ft)
                .removeVertexAndConnections(ANET_IDENTITY)
                .addLayer(ANET_ATTRIBUTES, new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID).nIn(featureSize(pretrained))
                        .nOut(nAttributes).weightInit(WeightInit.XAVIER).build(), "drop")
                .setOutputs(ANET_ATTRIBUTES)
                .build();
    }

    /** Width of ANet's feature vector (what its head reads). */
    static long featureSize(ComputationGraph anet) {
        String head = anet.getConfiguration().getVertices().containsKey(ANET_IDENTITY) ? ANET_IDENTITY : ANET_ATTRIBUTES;
        return ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) anet.getLayer(head).conf().getLayer()).getNIn();
    }

    /**
     * The {@link BoxRegressor}: four conv layers (the first with stride 2) and three poolings down to a 4×4 map (at
     * 64 px), a 128-unit layer and four linear outputs (the box code), squared loss.
     */
    public static ComputationGraph boxRegressor(Profile profile, double learningRate, long seed) {
        var g = base(learningRate, seed).graphBuilder().addInputs(INPUT);
        int s = profile.lnetInput();
        int wide = profile.isPaper() ? 2 : 1;
        String x = convBn(g, "r1", 5, 2, 16 * wide, INPUT);
        x = convBn(g, "r2", 3, 1, 32 * wide, x);
        g.addLayer("rp2", pool(2, 2), x);
        x = convBn(g, "r3", 3, 1, 64 * wide, "rp2");
        g.addLayer("rp3", pool(2, 2), x);
        x = convBn(g, "r4", 3, 1, 64 * wide, "rp3");
        g.addLayer("rp4", pool(2, 2), x);
        g.addLayer("rfc", new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build(), "rp4")
                .addLayer(BOX_CODE, new OutputLayer.Builder(LossFunctions.LossFunction.L2).nOut(4)
                        .activation(Activation.IDENTITY).build(), "rfc")
                .setOutputs(BOX_CODE)
                .setInputTypes(InputType.convolutional(s, s, 3));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /** Replaces LNet's pre-training head (object classes) by the attribute head, keeping the convolutional layers. */
    public static ComputationGraph lnetForAttributes(ComputationGraph pretrained, Profile profile, int nAttributes,
                                                     double learningRate, double c5L1, boolean faceHead, long seed) {
        ComputationGraph fresh = lnet(profile, nAttributes, false, learningRate, c5L1, faceHead, seed);
        for (org.deeplearning4j.nn.api.Layer layer : fresh.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            boolean shared = pretrained.getConfiguration().getVertices().containsKey(name);
            if (!name.equals(LNET_TAGS) && !name.equals(LNET_FACE) && layer.numParams() > 0 && shared) {
                layer.setParams(pretrained.getLayer(name).params().dup());
            }
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

    /** Convolution, batch normalization, ReLU; returns the name of the normalized output. */
    private static String convBn(ComputationGraphConfiguration.GraphBuilder g, String name, int kernel, int stride,
                                 int channels, String input) {
        g.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(channels)
                .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), input);
        // DL4J 1.0.0-M2.1 ignores a BatchNormalization layer's own activation, so the ReLU is a layer of its own
        // (a restored graph computes what its saved layers say: one that sets the ReLU on its batch norm runs without
        // it, as it was trained)
        g.addLayer(name + "_bn", new BatchNormalization.Builder().activation(Activation.IDENTITY).build(), name);
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        return name + "_relu";
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
