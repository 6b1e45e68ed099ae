package faceattr.train;

import faceattr.data.CelebaReader;
import faceattr.data.CelebaSample;
import faceattr.data.ImageVariant;
import faceattr.data.SampleBatches;
import faceattr.geometry.Box;
import faceattr.image.ImageTensors;
import faceattr.model.BoxRegressor;
import faceattr.model.LNetPass;
import faceattr.model.ModelBundle;
import faceattr.model.Profile;
import faceattr.model.SquareView;
import faceattr.synth.SynthConfig;
import faceattr.synth.SynthGenerator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The box-regressor stage on a small synthetic set: it learns the bundled LNet's boxes from the pixels of the view. */
@Tag("training")
class BoxRegressorTrainingTest {

    @Test
    void learnsLNetsBoxesFromPixels(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("set");
        new SynthGenerator(SynthConfig.small(data, 160, 40, 44)).generate();
        List<CelebaSample> all = CelebaReader.read(data, ImageVariant.IN_THE_WILD).samples();
        List<CelebaSample> train = all.subList(0, 120);
        List<CelebaSample> heldOut = all.subList(120, all.size());
        LNetPass lnet = ModelBundle.loadDefault().cascade().locator().passes().get(0).withRegressor(null);
        TrainOptions o = TrainOptions.builder(Profile.COMPACT, data, tmp.resolve("m.zip"))
                .work(tmp.resolve("work")).backgrounds(null).stages(Stage.parse("box-regressor"))
                .regressorEpochs(6).regressorMaxTrain(0).lnetBatch(16).patience(5).seed(3).commandLine("test")
                .build();
        Map<String, Object> summary = new LinkedHashMap<>();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BoxRegressorTraining stage = new BoxRegressorTraining(o, new PrintStream(progress, true), summary);
        ComputationGraph net = stage.train(lnet, train, heldOut, tmp.resolve("work"));

        assertTrue(Files.exists(tmp.resolve("work").resolve("curve.png")), "training curve");
        assertTrue(progress.toString().contains("box-regressor epoch"), "progress is shown");
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) summary.get("box-regressor");
        int kept = (Integer) s.get("pseudoBoxImagesKept");
        assertTrue(kept > 0.7 * train.size() && kept <= train.size(), "most images keep their pseudo box: " + kept);

        // held-out images, views shifted and scaled as in training: where LNet's box sits in each view must be read
        // from the pixels (a constant answer correlates with nothing; 120 held-out views put r = 0.2 about 2 standard
        // errors from no relation)
        BoxRegressorTraining.PseudoBoxes held = stage.pseudoBoxes(lnet, heldOut, 3, new Random(2), "held out");
        INDArray out = net.outputSingle(false, ImageTensors.toTensor(held.views(), 64));
        int n = held.views().size();
        double[] predictedX = new double[n];
        double[] targetX = new double[n];
        double[] predictedY = new double[n];
        double[] targetY = new double[n];
        for (int i = 0; i < n; i++) {
            float[] p = out.getRow(i).toFloatVector();
            predictedX[i] = p[0];
            predictedY[i] = p[1];
            targetX[i] = held.codes().get(i)[0];
            targetY[i] = held.codes().get(i)[1];
        }
        double rx = correlation(predictedX, targetX);
        double ry = correlation(predictedY, targetY);
        assertTrue(rx > 0.2 && ry > 0.2, "held-out box centres follow LNet's: r = " + rx + " (x), " + ry + " (y)");
    }

    @Test
    void selfTrainingLearnsTheBoxesThatLNetGivesWithTheRegressor(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("set");
        new SynthGenerator(SynthConfig.small(data, 12, 6, 45)).generate();
        List<CelebaSample> samples = CelebaReader.read(data, ImageVariant.IN_THE_WILD).samples();
        LNetPass withRegressor = ModelBundle.loadDefault().cascade().locator().passes().get(0);
        assertTrue(withRegressor.regressor().isPresent(), "the bundled model has a box regressor");
        LNetPass lnetAlone = withRegressor.withRegressor(null);
        BoxRegressorTraining stage = new BoxRegressorTraining(null, new PrintStream(new ByteArrayOutputStream()),
                new LinkedHashMap<>());
        BoxRegressorTraining.PseudoBoxes later = stage.pseudoBoxes(withRegressor, samples, 1, new Random(1), "round 2");
        BoxRegressorTraining.PseudoBoxes first = stage.pseudoBoxes(lnetAlone, samples, 1, new Random(1), "round 1");
        assertEquals(first.kept(), later.kept(), "the same images are kept: agreement is judged on LNet's own looks");

        List<BufferedImage> images = SampleBatches.decode(samples);
        List<SquareView> whole = images.stream().map(im -> SquareView.whole(im.getWidth(), im.getHeight(), 64)).toList();
        List<LNetPass.Seen> seen = withRegressor.seenAtBest(images, whole);
        List<List<LNetPass.Candidate>> located = withRegressor.localize(images, whole, false);
        int k = 0;
        int moved = 0;
        for (int i = 0; i < images.size(); i++) {
            assertEquals(located.get(i).get(0).box(), seen.get(i).box(), "seenAtBest gives the box localize gives");
            List<Box> looks = seen.get(i).looks();
            if (looks.size() > 1 && looks.get(0).iou(looks.get(1)) < BoxRegressorTraining.AGREEMENT) {
                continue;
            }
            SquareView view = BoxRegressor.viewAround(looks.get(0), 64);
            assertArrayEquals(BoxRegressor.encode(seen.get(i).box(), view), later.codes().get(k), 1e-6f,
                    "a self-training round's target is the box with the regressor");
            assertArrayEquals(BoxRegressor.encode(Box.average(looks), view), first.codes().get(k), 1e-6f,
                    "the first round's target is the average of LNet's looks");
            moved += Arrays.equals(first.codes().get(k), later.codes().get(k)) ? 0 : 1;
            k++;
        }
        assertTrue(k > 0 && moved == k, "the regressor moved every kept target: " + moved + " of " + k);
    }

    private static double correlation(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElse(0);
        double mb = java.util.Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb + 1e-12);
    }
}
