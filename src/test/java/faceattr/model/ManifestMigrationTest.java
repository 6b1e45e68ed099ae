package faceattr.model;

import faceattr.report.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Format 1 manifests, in each shape their flat localizer block took, upgrade to the settings they were made with. */
class ManifestMigrationTest {
    private static final String TEN_FIELDS = """
            "upsample":4,"minSide":0.15,"aspects":[0.8,1.0,1.25,1.5],"surround":2.0,"stride":1,"maxFaces":4,
            "peakMinRho":0.5,"peakMinSigma":0.2,"nmsIou":0.3,"flipAverage":true""";
    private static final Localizer.WindowSearch WINDOWS =
            new Localizer.WindowSearch(4, 0.15, List.of(0.8, 1.0, 1.25, 1.5), 2.0, 1);
    private static final Localizer.PeakSelection PEAKS = new Localizer.PeakSelection(4, 0.5, 0.2, 0.3);

    @Test
    void theFirstShapeGetsContrastWindowsOnTheAveragedMap() throws IOException {
        assertEquals(new Localizer.Settings(new Localizer.ResponseSource(Localizer.ResponseKind.MEAN, true), WINDOWS,
                        PEAKS, Localizer.Scoring.WINDOW, new Localizer.BoxSizing(Localizer.Sizing.CONTRAST, 0, 0),
                        new Localizer.Looks(0, false, 0)),
                localizer("{" + TEN_FIELDS + "}"));
    }

    /** The fourteen fields of the constructor that added moment sizing and the response map's kind. */
    @Test
    void theMomentSizingShapeKeepsItsBoxesAndGetsOneLookAndWindowScores() throws IOException {
        assertEquals(new Localizer.Settings(new Localizer.ResponseSource(Localizer.ResponseKind.FACE_CAM, true), WINDOWS,
                        PEAKS, Localizer.Scoring.WINDOW, new Localizer.BoxSizing(Localizer.Sizing.MOMENTS, 0.12, 1.25),
                        new Localizer.Looks(0, false, 0)),
                localizer("{" + TEN_FIELDS + """
                        ,"sizing":"MOMENTS","regionThreshold":0.12,"boxAspect":1.25,"response":"FACE_CAM"}"""));
        assertEquals(new Localizer.Looks(2, false, 0), localizer("{" + TEN_FIELDS + """
                ,"sizing":null,"refinePasses":2,"averageLooks":null}""").looks(), "null reads as absent");
    }

    @Test
    void theShippedBundleHasEveryFieldAndKeepsThem() throws IOException {
        Localizer.Settings shipped = ModelBundle.loadDefault().manifest().localizer();
        Localizer.Settings cam = Localizer.Settings.faceCam(4);
        assertEquals(cam.withLooks(new Localizer.Looks(1, true, 1)), shipped);
        assertEquals(shipped, localizer("{" + TEN_FIELDS + """
                ,"sizing":"MOMENTS","regionThreshold":0.12,"boxAspect":1.25,"response":"FACE_CAM","refinePasses":1,
                "scoring":"FACE_OUTPUT","averageLooks":true,"regressorRepeats":1}"""));
    }

    @Test
    void syntheticTrainingIsReadFromTheGenerateCommandWhenNotRecorded() throws IOException {
        assertTrue(manifest(1, "{" + TEN_FIELDS + "}", """
                {"generateCommand":"faceattr synth --out /tmp/s --count 10"}""").trainedOnSyntheticData());
        assertFalse(manifest(1, "{" + TEN_FIELDS + "}", """
                {"generateCommand":"faceattr synth --out /tmp/s","syntheticData":false}""").trainedOnSyntheticData());
        assertFalse(manifest(1, "{" + TEN_FIELDS + "}", """
                {"data":"/data/celeba"}""").trainedOnSyntheticData());
        String current = Json.PRETTY.writeValueAsString(Localizer.Settings.faceCam(4));
        assertFalse(manifest(ModelBundle.FORMAT_VERSION, current, """
                {"generateCommand":"faceattr synth --out /tmp/s"}""").trainedOnSyntheticData(),
                "from format 2 on the flag alone decides");
    }

    @Test
    void aFirstShapeFieldMissingIsAnError() {
        IOException e = assertThrows(IOException.class,
                () -> localizer("{" + TEN_FIELDS.replace("\"stride\":1,", "") + "}"));
        assertTrue(e.getMessage().contains("stride"), e.getMessage());
        assertThrows(IOException.class, () -> ManifestMigration.toCurrent(Json.PRETTY.readTree("{}"), "t"));
    }

    private static Localizer.Settings localizer(String formatOneLocalizer) throws IOException {
        return manifest(1, formatOneLocalizer, "{}").localizer();
    }

    private static BundleManifest manifest(int version, String localizer, String training) throws IOException {
        ObjectNode m = (ObjectNode) Json.PRETTY.readTree("""
                {"formatVersion":%d,"version":"t","profile":"compact","attributes":["Smiling"],"lnetInputs":[64],
                 "anetInput":48,"featureSize":256,"localizer":%s,
                 "calibration":{"threshold":0.5,"spread":0.1,"errorRate":0.0},
                 "patchLayout":{"enlargement":1.25,"patches":[{"dx":0.0,"dy":0.0,"scale":1.0}]},
                 "thresholds":{"Smiling":0.0},"training":%s,"metrics":{}}""".formatted(version, localizer, training));
        return Json.PRETTY.treeToValue(ManifestMigration.toCurrent(m, "test"), BundleManifest.class);
    }
}
