package faceattr.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bundle says whether it learned from synthetic faces only, so that users are told when they tag with it. */
class BundleManifestTest {

    @Test
    void theBundledModelKnowsSyntheticFacesOnlyAndSaysSo() throws Exception {
        BundleManifest shipped = ModelBundle.loadDefault().manifest();
        assertTrue(shipped.trainedOnSyntheticData(), "its recorded generateCommand ran faceattr synth (format 1: migrated)");
        String notice = shipped.syntheticDataNotice().orElseThrow();
        assertTrue(notice.contains(shipped.version()) && notice.contains("synthetic") && notice.contains("CelebA"),
                notice);
    }

    @Test
    void theTrainingRecordDecides() throws Exception {
        BundleManifest shipped = ModelBundle.loadDefault().manifest();
        assertFalse(with(shipped, Map.of(BundleManifest.SYNTHETIC_DATA, false,
                "generateCommand", "faceattr synth --out x")).trainedOnSyntheticData(), "the explicit key wins");
        assertTrue(with(shipped, Map.of(BundleManifest.SYNTHETIC_DATA, true)).trainedOnSyntheticData());
        assertFalse(with(shipped, Map.of("data", "/data/celeba")).trainedOnSyntheticData(), "real CelebA");
        assertTrue(with(shipped, Map.of("data", "/data/celeba")).syntheticDataNotice().isEmpty());
    }

    private static BundleManifest with(BundleManifest m, Map<String, Object> training) {
        return new BundleManifest(m.formatVersion(), m.version(), m.profile(), m.attributes(), m.lnetInputs(),
                m.anetInput(), m.featureSize(), m.localizer(), m.calibration(), m.patchLayout(), m.thresholds(),
                training, m.metrics());
    }
}
