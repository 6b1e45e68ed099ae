package faceattr.model;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a model bundle: everything needed to rebuild the cascade around the stored networks, and
 * how the bundle was made (training data, exact regenerate commands, metrics).
 *
 * @param formatVersion bundle layout version ({@link ModelBundle#FORMAT_VERSION})
 * @param version       model version published with every result
 * @param profile       network profile name
 * @param attributes    attribute names, in output order
 * @param lnetInputs    input side of each LNet stage (1 or 2 stages)
 * @param anetInput     ANet patch side
 * @param featureSize   ANet FC feature width
 * @param localizer     window search settings
 * @param calibration   face/background threshold on the last LNet stage's window score
 * @param patchLayout   face box enlargement and ANet patches
 * @param thresholds    per-attribute decision thresholds on SVM scores (copied from the classifiers for readers)
 * @param training      training data, stage timings and the commands that regenerate the bundle
 * @param metrics       evaluation results
 */
public record BundleManifest(int formatVersion, String version, String profile, List<String> attributes,
                             List<Integer> lnetInputs, int anetInput, int featureSize, Localizer.Settings localizer,
                             ThresholdCalibration calibration, PatchLayout patchLayout, Map<String, Double> thresholds,
                             Map<String, Object> training, Map<String, Object> metrics) {

    /** Key of {@link #training}: true when the training data was made by {@code faceattr synth}. */
    public static final String SYNTHETIC_DATA = "syntheticData";

    /**
     * Whether the bundle learned from synthetic faces only: {@link #SYNTHETIC_DATA} in {@link #training}, or, in
     * bundles made before that key, a recorded {@code generateCommand} that ran {@code faceattr synth}.
     */
    public boolean trainedOnSyntheticData() {
        if (training == null) {
            return false;
        }
        if (training.get(SYNTHETIC_DATA) instanceof Boolean b) {
            return b;
        }
        return training.get("generateCommand") instanceof String c && c.startsWith("faceattr synth");
    }

    /**
     * The notice a user gets whenever such a bundle is loaded for tagging: it knows synthetic faces, not photographs.
     */
    public java.util.Optional<String> syntheticDataNotice() {
        return trainedOnSyntheticData() ? java.util.Optional.of("model " + version + " was trained on synthetic "
                + "faces only: on real photographs it finds few faces and its attributes are no better than chance; "
                + "train on the real CelebA for photographs (docs/training.md)") : java.util.Optional.empty();
    }

    public BundleManifest withMetrics(Map<String, Object> newMetrics) {
        return new BundleManifest(formatVersion, version, profile, attributes, lnetInputs, anetInput, featureSize,
                localizer, calibration, patchLayout, thresholds, training, newMetrics);
    }
}
