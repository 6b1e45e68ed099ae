package faceattr.model;

import faceattr.geometry.Box;
import faceattr.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBundleTest {

    @Test
    void saveAndLoadGiveIdenticalOutputs(@TempDir Path dir) throws IOException {
        ModelBundle original = TestModels.randomBundle(PatchLayout.fivePatches(1.25), 11);
        Path file = dir.resolve("m.zip");
        original.save(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String entry : List.of("manifest.json", "lnet-1.zip", "anet.zip", "classifiers.json")) {
                assertNotNull(zip.getEntry(entry), entry);
            }
        }
        ModelBundle loaded = ModelBundle.load(file);
        assertEquals(original.manifest().version(), loaded.manifest().version());
        assertEquals(original.manifest().patchLayout(), loaded.manifest().patchLayout());
        assertEquals(original.manifest().calibration(), loaded.manifest().calibration());

        List<BufferedImage> images = List.of(TestModels.picture(180, 140, 1, 1), TestModels.picture(120, 200, 2, 2));
        List<TaggedImage> a = original.cascade().tag(images);
        List<TaggedImage> b = loaded.cascade().tag(images);
        assertEquals(a.size(), b.size());
        int faces = 0;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).faces().size(), b.get(i).faces().size());
            for (int f = 0; f < a.get(i).faces().size(); f++) {
                DetectedFace fa = a.get(i).faces().get(f);
                DetectedFace fb = b.get(i).faces().get(f);
                assertEquals(fa.box(), fb.box());
                assertEquals(fa.faceConfidence(), fb.faceConfidence());
                assertArrayEquals(fa.probabilities(), fb.probabilities(), "bit-identical probabilities");
                assertArrayEquals(fa.present(), fb.present());
                faces++;
            }
        }
        assertTrue(faces >= 2, "the permissive test threshold keeps at least one face per image");
    }

    @Test
    void theBoxRegressorTravelsInTheBundleAndMovesTheBoxes(@TempDir Path dir) throws IOException {
        ModelBundle plain = TestModels.randomBundle(PatchLayout.centreOnly(1.25), 12);
        ModelBundle withRegressor = plain.withBoxRegressor(Networks.boxRegressor(Profile.COMPACT, 1e-3, 12));
        Path file = dir.resolve("r.zip");
        withRegressor.save(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertNotNull(zip.getEntry(ModelBundle.BOX_REGRESSOR));
        }
        ModelBundle loaded = ModelBundle.load(file);
        assertTrue(loaded.boxRegressor().isPresent());
        assertTrue(loaded.cascade().locator().passes().get(0).regressor().isPresent());
        assertFalse(plain.cascade().locator().passes().get(0).regressor().isPresent());

        List<BufferedImage> images = List.of(TestModels.picture(180, 140, 3, 1), TestModels.picture(120, 200, 4, 1));
        List<List<LNetPass.Candidate>> saved = withRegressor.cascade().localize(images, false);
        List<List<LNetPass.Candidate>> back = loaded.cascade().localize(images, false);
        List<List<LNetPass.Candidate>> without = plain.cascade().localize(images, false);
        for (int i = 0; i < images.size(); i++) {
            assertEquals(saved.get(i).get(0).box(), back.get(i).get(0).box(), "identical boxes after the round trip");
            assertEquals(without.get(i).get(0).score(), back.get(i).get(0).score(), 0.0,
                    "the regressor moves the box, not the face score");
            assertFalse(without.get(i).get(0).box().equals(back.get(i).get(0).box()), "the regressor's box is used");
        }
    }

    @Test
    void theFaceVerifierTravelsInTheBundleAndDecidesWhichWindowsAreFaces(@TempDir Path dir) throws IOException {
        ModelBundle plain = TestModels.randomBundle(PatchLayout.centreOnly(1.25), 13);
        BundleManifest m = plain.manifest();
        // the threshold is on the verifier's score: 0 splits a verifier that says +1 everywhere from one that says -1
        BundleManifest onVerifier = new BundleManifest(m.formatVersion(), m.version(), m.profile(), m.attributes(),
                m.lnetInputs(), m.anetInput(), m.featureSize(), m.localizer(), new ThresholdCalibration(0, 0.5, 0.1),
                m.patchLayout(), m.thresholds(), m.training(), m.metrics());
        int dim = m.featureSize() + 1;
        float[] ones = new float[dim];
        java.util.Arrays.fill(ones, 1);
        Standardizer identity = new Standardizer(new float[dim], ones);
        ModelBundle accepting = plain.withManifest(onVerifier)
                .withFaceVerifier(new FaceVerifier(identity, new LinearSvm(new float[dim], 1)));
        ModelBundle rejecting = plain.withManifest(onVerifier)
                .withFaceVerifier(new FaceVerifier(identity, new LinearSvm(new float[dim], -1)));
        List<BufferedImage> images = List.of(TestModels.picture(180, 140, 5, 1), TestModels.picture(120, 200, 6, 2));

        Path file = dir.resolve("v.zip");
        accepting.save(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertNotNull(zip.getEntry(ModelBundle.FACE_VERIFIER));
        }
        ModelBundle loaded = ModelBundle.load(file);
        assertTrue(loaded.faceVerifier().isPresent());
        assertFalse(plain.faceVerifier().isPresent());
        List<TaggedImage> kept = loaded.cascade().tag(images);
        List<List<LNetPass.Candidate>> candidates = loaded.cascade().localize(images, true);
        for (int i = 0; i < images.size(); i++) {
            assertEquals(candidates.get(i).size(), kept.get(i).faces().size(), "every window the verifier accepts");
            for (DetectedFace f : kept.get(i).faces()) {
                assertEquals(1 / (1 + Math.exp(-2.0)), f.faceConfidence(), 1e-9, "confidence of the verifier's score");
            }
        }
        for (TaggedImage t : rejecting.cascade().tag(images)) {
            assertTrue(t.faces().isEmpty(), "the verifier, not LNet's score, rejects");
        }
        for (Cascade.Analysis a : rejecting.cascade().analyzeDominant(images)) {
            assertFalse(a.isFace());
            assertEquals(-1, a.score(), 1e-9, "evaluation sees the verifier's score");
        }
        for (Cascade.Window w : accepting.cascade().dominantWindows(images)) {
            assertTrue(accepting.cascade().isFace(w));
            assertEquals(1, w.faceScore(), 1e-9);
        }
    }

    @Test
    void eachRegressorRepeatLooksAroundTheBoxSoFarAndItsAnswerIsTheBox() {
        ModelBundle bundle = TestModels.randomBundle(PatchLayout.centreOnly(1.25), 13)
                .withBoxRegressor(Networks.boxRegressor(Profile.COMPACT, 1e-3, 13));
        FaceLocator once = bundle.cascade().locator();
        Localizer.Settings settings = once.passes().get(0).localizer().settings();
        assertEquals(0, settings.looks().regressorRepeats());
        FaceLocator twice = once.withSettings(settings.withLooks(settings.looks().withRegressorRepeats(1)));
        FaceLocator thrice = once.withSettings(settings.withLooks(settings.looks().withRegressorRepeats(2)));
        BoxRegressor regressor = once.passes().get(0).regressor().orElseThrow();

        List<BufferedImage> images = List.of(TestModels.picture(180, 140, 5, 1), TestModels.picture(120, 200, 6, 1));
        List<List<LNetPass.Candidate>> first = once.locate(images, false);
        List<List<LNetPass.Candidate>> second = twice.locate(images, false);
        List<List<LNetPass.Candidate>> third = thrice.locate(images, false);
        List<Box> expected = regressor.boxes(images, first.stream().map(c -> regressor.viewAround(c.get(0).box())).toList());
        List<Box> expectedThird = regressor.boxes(images,
                second.stream().map(c -> regressor.viewAround(c.get(0).box())).toList());
        for (int i = 0; i < images.size(); i++) {
            assertEquals(expected.get(i), second.get(i).get(0).box(), "the repeat's box is the regressor's answer there");
            assertEquals(expectedThird.get(i), third.get(i).get(0).box(), "each repeat starts from the one before");
            assertFalse(first.get(i).get(0).box().equals(second.get(i).get(0).box()), "the repeat moved the box");
            assertEquals(first.get(i).get(0).score(), second.get(i).get(0).score(), 0.0, "and not the score");
        }
        FaceLocator plain = new FaceLocator(List.of(once.passes().get(0).withRegressor(null)));
        assertEquals(plain.locate(images, false), plain.withSettings(settings.withLooks(settings.looks().withRegressorRepeats(3)))
                        .locate(images, false),
                "without a regressor the repeats change nothing");
    }

    @Test
    void localizerSettingsRoundTrip() throws IOException {
        Localizer.Settings defaults = Localizer.Settings.defaults(4);
        Localizer.Settings now = defaults.withLooks(defaults.looks().withRefinePasses(1).withRegressorRepeats(2));
        assertEquals(now, Json.PRETTY.readValue(Json.PRETTY.writeValueAsBytes(now), Localizer.Settings.class));
        Localizer.Settings cam = Localizer.Settings.faceCam(4);
        assertEquals(cam, Json.PRETTY.readValue(Json.PRETTY.writeValueAsBytes(cam), Localizer.Settings.class));
        assertEquals(Localizer.Scoring.FACE_OUTPUT, cam.scoring());
        assertTrue(cam.looks().average());
        assertThrows(IllegalArgumentException.class, () -> now.looks().withRegressorRepeats(-1));
        assertThrows(IllegalArgumentException.class, () -> Localizer.BoxSizing.moments(1.5));
    }

    /**
     * A bundle whose manifest has the first (format 1) shape, from before moment sizing: its flat localizer block has
     * only the ten fields that Localizer.Settings' ten-argument constructor took. Loaded, its settings are what that
     * constructor gave: contrast windows as boxes (region threshold and box aspect 0) on the averaged map, scored by
     * their contrast, one look, no regressor repeat.
     */
    @Test
    void aFormat1BundleLoadsWithTheSettingsItWasMadeWith(@TempDir Path dir) throws IOException {
        ModelBundle bundle = TestModels.randomBundle(PatchLayout.centreOnly(1.25), 14);
        Path current = dir.resolve("current.zip");
        bundle.save(current);
        com.fasterxml.jackson.databind.node.ObjectNode manifest =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.PRETTY.valueToTree(bundle.manifest());
        manifest.put("formatVersion", 1);
        manifest.set("localizer", Json.PRETTY.readTree("""
                {"upsample":4,"minSide":0.15,"aspects":[0.8,1.0,1.25,1.5],"surround":2.0,"stride":1,"maxFaces":4,
                 "peakMinRho":0.5,"peakMinSigma":0.2,"nmsIou":0.3,"flipAverage":true}"""));
        Path old = replaceManifest(current, dir.resolve("old.zip"), Json.PRETTY.writeValueAsBytes(manifest));

        ModelBundle loaded = ModelBundle.load(old);
        Localizer.Settings legacy = new Localizer.Settings(new Localizer.ResponseSource(Localizer.ResponseKind.MEAN, true),
                new Localizer.WindowSearch(4, 0.15, List.of(0.8, 1.0, 1.25, 1.5), 2.0, 1),
                new Localizer.PeakSelection(4, 0.5, 0.2, 0.3), Localizer.Scoring.WINDOW,
                new Localizer.BoxSizing(Localizer.Sizing.CONTRAST, 0, 0), new Localizer.Looks(0, false, 0));
        assertEquals(legacy, loaded.manifest().localizer());
        assertEquals(ModelBundle.FORMAT_VERSION, loaded.manifest().formatVersion());
        assertEquals(bundle.manifest().calibration(), loaded.manifest().calibration());
        assertFalse(loaded.manifest().trainedOnSyntheticData(), "its training record names no synthetic data");

        List<BufferedImage> images = List.of(TestModels.picture(180, 140, 7, 1));
        List<List<LNetPass.Candidate>> contrast = bundle.withManifest(loaded.manifest()).cascade().localize(images, true);
        assertEquals(contrast, loaded.cascade().localize(images, true), "it localizes with those settings");

        Path resaved = dir.resolve("resaved.zip");
        loaded.save(resaved);
        assertEquals(loaded.manifest().localizer(), ModelBundle.load(resaved).manifest().localizer(),
                "saved again in the current shape, unchanged");
    }

    @Test
    void aBundleOfANewerFormatIsRefused(@TempDir Path dir) throws IOException {
        ModelBundle bundle = TestModels.randomBundle(PatchLayout.centreOnly(1.25), 15);
        Path current = dir.resolve("current.zip");
        bundle.save(current);
        com.fasterxml.jackson.databind.node.ObjectNode manifest =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.PRETTY.valueToTree(bundle.manifest());
        manifest.put("formatVersion", ModelBundle.FORMAT_VERSION + 1);
        Path newer = replaceManifest(current, dir.resolve("newer.zip"), Json.PRETTY.writeValueAsBytes(manifest));
        IOException e = assertThrows(IOException.class, () -> ModelBundle.load(newer));
        assertTrue(e.getMessage().contains("bundle format " + (ModelBundle.FORMAT_VERSION + 1)), e.getMessage());
    }

    /** A copy of bundle {@code from} at {@code to} with another manifest.json. */
    private static Path replaceManifest(Path from, Path to, byte[] manifest) throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile());
             java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(to))) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(zip.entries())) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(e.getName().equals("manifest.json") ? manifest : zip.getInputStream(e).readAllBytes());
                out.closeEntry();
            }
        }
        return to;
    }

    @Test
    void refusesFilesThatAreNotBundles(@TempDir Path dir) throws IOException {
        Path notZip = dir.resolve("x.zip");
        java.nio.file.Files.writeString(notZip, "hello");
        IOException e = assertThrows(IOException.class, () -> ModelBundle.load(notZip));
        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
    }
}
