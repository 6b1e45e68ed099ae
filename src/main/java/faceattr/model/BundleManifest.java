package faceattr.model;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a model bundle: everything needed to rebuild the cascade around the stored networks, and
 * how the bundle was made (training data, exact regenerate commands, metrics).
 *
 * @param formatVersion the manifest's shape: {@link ModelBundle#FORMAT_VERSION} once loaded ({@link ManifestMigration}
 *                      upgrades older ones) and in every manifest this build writes
 * @param version       model version published with every result
 * @param profile       network profile name
 * @param attributes    attribute names, in output order
 * @param lnetInputs    input side of each LNet pass (1 or 2 passes)
 * @param anetInput     ANet patch side
 * @param featureSize   ANet FC feature width
 * @param localizer     window search settings
 * @param calibration   face/background threshold on the face score (the last LNet pass's, or the face verifier's)
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

    /** Whether the bundle learned from synthetic faces only: {@link #SYNTHETIC_DATA} in {@link #training}. */
    public boolean trainedOnSyntheticData() {
        return training != null && Boolean.TRUE.equals(training.get(SYNTHETIC_DATA));
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
