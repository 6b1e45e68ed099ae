package faceattr.train;

import faceattr.data.Split;
import faceattr.evaluate.Evaluation;
import faceattr.evaluate.EvaluationReport;
import faceattr.evaluate.Evaluator;
import faceattr.model.ModelBundle;
import faceattr.model.Profile;
import faceattr.synth.SynthConfig;
import faceattr.synth.SynthGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every stage really trains, end to end, on a tiny synthetic set; the result is judged on images of a set generated
 * with another seed (never seen in training).
 */
@Tag("training")
class TrainingEndToEndTest {

    @Test
    void smallRunLocalizesBetterThanACentredBoxAndBeatsTheMajorityBaseline(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("train-set");
        new SynthGenerator(new SynthConfig(data, 500, 50, 21, false, 40, tmp.resolve("objects"), 4, 20, 2, false))
                .generate();
        Path heldOut = tmp.resolve("held-out");
        new SynthGenerator(new SynthConfig(heldOut, 200, 20, 22, false, 20, null, 0, 0, 2, false)).generate();
        Path classifierSet = tmp.resolve("classifier-set");
        new SynthGenerator(new SynthConfig(classifierSet, 120, 60, 23, false, 0, null, 0, 0, 2, false)).generate();

        Path bundle = tmp.resolve("model.zip");
        Path work = tmp.resolve("work");
        TrainOptions o = smallRun(data, bundle, work, classifierSet).objects(tmp.resolve("objects"))
                .regressorEpochs(2).build();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Map<String, Object> summary = new Trainer(o, new PrintStream(progress, true)).run();

        assertTrue(Files.exists(bundle));
        for (String stage : new String[]{"lnet-pretrain", "lnet-finetune", "box-regressor", "anet-pretrain",
                "anet-finetune"}) {
            assertTrue(Files.exists(work.resolve(stage).resolve("curve.png")), stage + " curve");
            assertTrue(Files.exists(work.resolve(stage).resolve("epoch-001.zip")), stage + " checkpoint");
        }
        assertTrue(Files.exists(work.resolve("summary.json")));
        assertTrue(progress.toString().contains("img/s"), "progress bar shows throughput");
        assertTrue(((Map<?, ?>) summary.get("stages")).containsKey("classifiers"));
        assertEquals(20, ((Map<?, ?>) ((Map<?, ?>) summary.get("stages")).get("anet-pretrain")).get("identities"),
                "identity pre-training on the 20 identities with the most images");

        Map<?, ?> svms = (Map<?, ?>) ((Map<?, ?>) summary.get("stages")).get("classifiers");
        assertEquals(120, ((Number) svms.get("svmImages")).intValue() + ((Number) svms.get("heldOutImages")).intValue(),
                "the SVMs use every image of --classifier-data, none of the training set's validation split");

        ModelBundle loaded = ModelBundle.load(bundle);
        assertEquals(classifierSet.toString(), loaded.manifest().training().get("classifierData"));
        Map<?, ?> verifier = (Map<?, ?>) ((Map<?, ?>) summary.get("stages")).get("face-verifier");
        assertEquals(data.resolve("backgrounds").toString(), verifier.get("backgrounds"),
                "the classifier set has no backgrounds: the verifier uses --backgrounds");
        assertEquals(svms.get("svmImages"), verifier.get("faceWindows"), "the SVM images' windows train it");
        assertEquals(svms.get("heldOutImages"), verifier.get("calibrationFaceWindows"),
                "the held-out images' windows set its threshold");
        assertTrue(loaded.faceVerifier().isPresent(), "the bundle carries the face verifier");
        assertEquals(((Number) verifier.get("threshold")).doubleValue(), loaded.manifest().calibration().threshold(),
                0.0, "the manifest's face threshold is on the verifier's score");
        assertTrue(loaded.pretrainedAnet().isPresent(), "the bundle carries the identity-pre-trained ANet (concepts)");
        Evaluation e = new Evaluator(new PrintStream(new ByteArrayOutputStream()))
                .evaluate(loaded.cascade(), "test", heldOut, Split.TRAIN, 0, 32);
        String report = EvaluationReport.markdown(e);
        assertTrue(e.dominantBoxRecall50() > e.centredBoxRecall50(),
                "weakly supervised LNet beats a centred box on held-out images:\n" + report);
        // the majority baseline always has balanced accuracy 0.5; a model that learned nothing stays there
        double balancedRendered = e.attributes().values().stream().filter(Evaluation.AttributeResult::rendered)
                .mapToDouble(Evaluation.AttributeResult::balancedAccuracy).average().orElseThrow();
        long aboveBaseline = e.attributes().values().stream().filter(Evaluation.AttributeResult::rendered)
                .filter(r -> r.accuracy() > r.majorityBaseline()).count();
        assertTrue(balancedRendered > 0.5, "ANet + SVMs beat the majority baseline's balanced accuracy (0.5) on "
                + "held-out images (" + aboveBaseline + " rendered attributes also beat its plain accuracy):\n" + report);

        // one self-training round of the box regressor: a fresh one learns the boxes LNet gives with the first
        Path firstRegressor = work.resolve("box-regressor").resolve("final.zip");
        byte[] first = Files.readAllBytes(firstRegressor);
        TrainOptions selfTrain = smallRun(data, tmp.resolve("unused.zip"), work, classifierSet)
                .stages(Stage.parse("box-regressor")).regressorEpochs(1).regressorSelfTrain(true).build();
        ByteArrayOutputStream round2 = new ByteArrayOutputStream();
        new Trainer(selfTrain, new PrintStream(round2, true)).run();
        assertTrue(round2.toString().contains("self-training round 2"), round2.toString());
        assertArrayEquals(first, Files.readAllBytes(work.resolve("box-regressor").resolve("round-1").resolve("final.zip")),
                "the first regressor is kept in round-1/");
        assertFalse(Arrays.equals(first, Files.readAllBytes(firstRegressor)), "a new regressor took its place");
    }

    /** Few epochs on 240 train images, one learning rate for every network, 20 identities for identity pre-training. */
    private static TrainOptions.Builder smallRun(Path data, Path bundle, Path work, Path classifierSet) {
        return TrainOptions.builder(Profile.COMPACT, data, bundle).work(work).classifierData(classifierSet)
                .maxTrain(240).regressorMaxTrain(0)
                .lnetPretrainEpochs(1).lnetEpochs(3).anetPretrainEpochs(1).anetEpochs(3).patience(5)
                .lnetLr(3e-3).anetPretrainLr(3e-3).anetLr(3e-3)
                .centerLoss(0.003).anetPretrainIdentities(20).maxFaces(2)
                .seed(3).threads(2).generateCommand("synth test set").commandLine("test");
    }
}
