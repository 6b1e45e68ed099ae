package faceattr.train;

import faceattr.data.CelebaSample;
import faceattr.data.SampleBatches;
import faceattr.geometry.Box;
import faceattr.image.ImageTensors;
import faceattr.model.BoxRegressor;
import faceattr.model.LNetPass;
import faceattr.model.Networks;
import faceattr.model.SquareView;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The {@code box-regressor} stage: trains the {@link BoxRegressor} of the last LNet stage on that LNet's own boxes.
 * For every training image, LNet's looks at its best window give a pseudo box (their average, the box the cascade
 * would use; in a self-training round, the box LNet gives with the earlier regressor); images whose first and closer
 * looks disagree (IoU &lt; {@link #AGREEMENT}) are left out, since one of the two looks went astray. Each kept image
 * gives {@link #VIEWS_PER_IMAGE} views: the regressor's own view around the first look's box, and views shifted by up
 * to {@link #SHIFT} of the side and scaled by up to e^±{@link #LOG_SCALE}, so that the regressor learns to find the
 * face wherever the first look put it. No annotated box is read.
 */
final class BoxRegressorTraining {
    static final double AGREEMENT = 0.5;
    static final int VIEWS_PER_IMAGE = 3;
    static final double SHIFT = 0.1;
    static final double LOG_SCALE = 0.18;
    private final TrainOptions o;
    private final PrintStream err;
    private final Map<String, Object> summary;

    BoxRegressorTraining(TrainOptions o, PrintStream err, Map<String, Object> summary) {
        this.o = o;
        this.err = err;
        this.summary = summary;
    }

    /** Pseudo-box views and their box codes. */
    record PseudoBoxes(List<byte[]> views, List<float[]> codes, int images, int kept) {
    }

    ComputationGraph train(LNetPass lnet, List<CelebaSample> trainSamples, List<CelebaSample> valSamples, Path dir)
            throws IOException {
        int input = lnet.input();
        PseudoBoxes train = pseudoBoxes(lnet, trainSamples, VIEWS_PER_IMAGE, new Random(o.run().seed()),
                Stage.BOX_REGRESSOR.id() + ": LNet boxes (train)");
        PseudoBoxes val = pseudoBoxes(lnet, valSamples, 1, new Random(o.run().seed() + 1),
                Stage.BOX_REGRESSOR.id() + ": LNet boxes (validation)");
        err.printf(java.util.Locale.ROOT, "%s: %d of %d train images kept (looks agree), %d views%n",
                Stage.BOX_REGRESSOR.id(), train.kept(), train.images(), train.views().size());
        if (train.views().isEmpty()) {
            throw new IOException(Stage.BOX_REGRESSOR.id() + ": no training image where LNet's looks agree");
        }
        ComputationGraph net = Networks.boxRegressor(o.run().profile(), o.regressor().schedule().learningRate(),
                o.run().seed());
        startAtTheMeanBox(net, train.codes());
        EpochLoop.Outcome out = EpochLoop.run(Stage.BOX_REGRESSOR.id(), "mean IoU with LNet's boxes", net,
                train.views().size(), batches(train, input), validation(val, input),
                EpochLoop.Settings.of(o.regressor().schedule(), o.run().seed()),
                dir, o.run().resume(), err);
        Map<String, Object> s = out.summary(train.views().size(), dir);
        s.put("pseudoBoxImages", train.images());
        s.put("pseudoBoxImagesKept", train.kept());
        summary.put(Stage.BOX_REGRESSOR.id(), s);
        return out.net();
    }

    /**
     * The output starts at the mean code with small weights, so that training begins from the best constant guess and
     * learns what the pixels add to it (the raw output of a fresh net is a box the size of the whole view).
     */
    static void startAtTheMeanBox(ComputationGraph net, List<float[]> codes) {
        float[] mean = new float[4];
        for (float[] c : codes) {
            for (int k = 0; k < 4; k++) {
                mean[k] += c[k] / codes.size();
            }
        }
        var out = net.getLayer(Networks.BOX_CODE);
        out.setParam("b", Nd4j.create(new float[][]{mean}));
        out.setParam("W", out.getParam("W").mul(0.1));
    }

    /**
     * The box {@code lnet} gives each image's best window (the average of LNet's looks; in a self-training round, with
     * the earlier regressor), as codes of views around the first look's box.
     */
    PseudoBoxes pseudoBoxes(LNetPass lnet, List<CelebaSample> samples, int viewsPerImage, Random random,
                            String label) throws IOException {
        List<byte[]> views = new ArrayList<>();
        List<float[]> codes = new ArrayList<>();
        int[] kept = {0};
        int input = lnet.input();
        SampleBatches.forEachBatch(samples, 64, label, err, (off, images) -> {
            List<SquareView> whole = images.stream()
                    .map(im -> SquareView.whole(im.getWidth(), im.getHeight(), input)).toList();
            List<LNetPass.Seen> seen = lnet.seenAtBest(images, whole);
            for (int i = 0; i < images.size(); i++) {
                List<Box> l = seen.get(i).looks();
                if (l.size() > 1 && l.get(0).iou(l.get(1)) < AGREEMENT) {
                    continue;
                }
                kept[0]++;
                Box pseudo = seen.get(i).box();
                SquareView base = BoxRegressor.viewAround(l.get(0), input);
                for (int v = 0; v < viewsPerImage; v++) {
                    SquareView view = v == 0 ? base : jittered(base, random);
                    views.add(view.pixels(images.get(i)));
                    codes.add(BoxRegressor.encode(pseudo, view));
                }
            }
        });
        return new PseudoBoxes(views, codes, samples.size(), kept[0]);
    }

    private static SquareView jittered(SquareView base, Random random) {
        double side = base.side() * Math.exp((2 * random.nextDouble() - 1) * LOG_SCALE);
        double cx = base.x() + base.side() / 2 + (2 * random.nextDouble() - 1) * SHIFT * base.side();
        double cy = base.y() + base.side() / 2 + (2 * random.nextDouble() - 1) * SHIFT * base.side();
        return new SquareView(cx - side / 2, cy - side / 2, side, base.input());
    }

    /** Minibatches with random mirroring (the code's centre mirrored with the view). */
    private static EpochLoop.Batches batches(PseudoBoxes set, int input) {
        return (idx, random) -> {
            List<byte[]> views = new ArrayList<>(idx.length);
            float[][] codes = new float[idx.length][];
            for (int j = 0; j < idx.length; j++) {
                byte[] v = set.views().get(idx[j]);
                float[] c = set.codes().get(idx[j]);
                boolean flip = random.nextBoolean();
                views.add(flip ? ImageTensors.flipHorizontal(v, input) : v);
                codes[j] = flip ? BoxRegressor.mirror(c) : c;
            }
            return new MultiDataSet(new INDArray[]{ImageTensors.toTensor(views, input)},
                    new INDArray[]{Nd4j.create(codes)});
        };
    }

    /** Squared loss and the mean IoU of the decoded boxes with LNet's boxes, on validation views. */
    private static EpochLoop.Validation validation(PseudoBoxes set, int input) {
        return net -> {
            if (set.views().isEmpty()) {
                return new double[]{Double.NaN, Double.NaN};
            }
            double loss = 0;
            double iou = 0;
            SquareView unit = new SquareView(0, 0, input, input);
            for (int from = 0; from < set.views().size(); from += 128) {
                int to = Math.min(set.views().size(), from + 128);
                INDArray out = net.outputSingle(false, ImageTensors.toTensor(set.views().subList(from, to), input));
                for (int i = from; i < to; i++) {
                    float[] p = out.getRow(i - from).toFloatVector();
                    float[] t = set.codes().get(i);
                    for (int k = 0; k < 4; k++) {
                        loss += (p[k] - t[k]) * (p[k] - t[k]);
                    }
                    iou += BoxRegressor.decode(p, unit).iou(BoxRegressor.decode(t, unit));
                }
            }
            return new double[]{loss / set.views().size(), iou / set.views().size()};
        };
    }
}
