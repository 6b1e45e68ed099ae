package faceattr.train;

import faceattr.data.SampleBatches;
import faceattr.model.Cascade;
import faceattr.model.FaceVerifier;
import faceattr.model.ThresholdCalibration;
import faceattr.report.ProgressBar;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The face verifier and the face threshold on its score. Faces: the SVM images' dominant windows train it, the
 * held-out images' windows calibrate it. Backgrounds: the even-numbered images of the background folder train it,
 * the odd-numbered ones calibrate it (the split LNet's face output already uses). Labels are image-level only.
 */
final class FaceVerifierTraining {
    private static final String SUMMARY_KEY = "face-verifier";

    /** The verifier and the threshold on its score. */
    record Result(FaceVerifier verifier, ThresholdCalibration calibration) {
    }

    private final TrainOptions o;
    private final PrintStream err;
    private final Map<String, Object> summary;

    FaceVerifierTraining(TrainOptions o, PrintStream err, Map<String, Object> summary) {
        this.o = o;
        this.err = err;
        this.summary = summary;
    }

    /**
     * @param faces        windows of face images that train the verifier
     * @param heldFaces    windows of other face images, for the threshold
     * @param backgrounds  folder of background-only images
     * @param lnetThreshold LNet's own calibration, measured again on the same images for comparison
     */
    Result train(Cascade featureCascade, List<Cascade.Window> faces, List<Cascade.Window> heldFaces, Path backgrounds,
                 ThresholdCalibration lnetThreshold) throws IOException {
        long start = System.nanoTime();
        List<Path> files = SampleBatches.listImages(backgrounds);
        List<Path> even = new ArrayList<>();
        List<Path> odd = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            (i % 2 == 0 ? even : odd).add(files.get(i));
        }
        if (even.isEmpty() || odd.isEmpty()) {
            throw new IOException(backgrounds + ": the face verifier needs at least 2 background images, found "
                    + files.size());
        }
        List<Cascade.Window> bgTrain = windows(featureCascade, even, "face verifier: background windows (train)");
        List<Cascade.Window> bgCalibrate = windows(featureCascade, odd, "face verifier: background windows (threshold)");
        FaceVerifier verifier = FaceVerifier.train(ClassifierTraining.features(faces), lnetScores(faces),
                ClassifierTraining.features(bgTrain), lnetScores(bgTrain), o.classifiers().verifierC(), o.run().seed());
        ThresholdCalibration calibration = ThresholdCalibration.fit(scores(verifier, heldFaces),
                scores(verifier, bgCalibrate));
        double[] heldLnet = lnetScores(heldFaces);
        double[] bgLnet = lnetScores(bgCalibrate);
        ThresholdCalibration lnetOnly = ThresholdCalibration.fit(heldLnet, bgLnet);
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf(Locale.ROOT, "face verifier: %d face / %d background windows train it; threshold %.4f on %d face / "
                        + "%d background windows, balanced error %.4f (LNet's score alone: %.4f; %.4f at its own "
                        + "threshold %.4f), %.0f s%n", faces.size(), bgTrain.size(), calibration.threshold(),
                heldFaces.size(), bgCalibrate.size(), calibration.errorRate(), lnetOnly.errorRate(),
                ThresholdCalibration.balancedError(heldLnet, bgLnet, lnetThreshold.threshold()),
                lnetThreshold.threshold(), seconds);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("backgrounds", backgrounds.toString());
        s.put("faceWindows", faces.size());
        s.put("backgroundWindows", bgTrain.size());
        s.put("calibrationFaceWindows", heldFaces.size());
        s.put("calibrationBackgroundWindows", bgCalibrate.size());
        s.put("c", o.classifiers().verifierC());
        s.put("threshold", calibration.threshold());
        s.put("balancedError", calibration.errorRate());
        s.put("lnetScoreBalancedError", lnetOnly.errorRate());
        s.put("seconds", seconds);
        summary.put(SUMMARY_KEY, s);
        return new Result(verifier, calibration);
    }

    private List<Cascade.Window> windows(Cascade cascade, List<Path> files, String label) throws IOException {
        List<Cascade.Window> out = new ArrayList<>(files.size());
        ProgressBar bar = new ProgressBar(err, label, files.size());
        for (int from = 0; from < files.size(); from += 32) {
            List<Path> batch = files.subList(from, Math.min(files.size(), from + 32));
            out.addAll(cascade.dominantWindows(SampleBatches.decodeFiles(batch)));
            bar.update(from + batch.size(), "");
        }
        return out;
    }

    private static double[] lnetScores(List<Cascade.Window> windows) {
        return windows.stream().mapToDouble(Cascade.Window::lnetScore).toArray();
    }

    private static double[] scores(FaceVerifier verifier, List<Cascade.Window> windows) {
        return windows.stream().mapToDouble(w -> verifier.score(w.features(), w.lnetScore())).toArray();
    }
}
