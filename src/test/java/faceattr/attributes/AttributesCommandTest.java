package faceattr.attributes;

import faceattr.cli.Main;
import faceattr.data.Attributes;
import faceattr.data.CelebaReader;
import faceattr.data.CelebaSample;
import faceattr.data.ImageVariant;
import faceattr.data.Split;
import faceattr.model.ModelBundle;
import faceattr.synth.SynthConfig;
import faceattr.synth.SynthGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code faceattr attributes} end to end with the bundled model on synthetic photos: "Man" (the generator's Male
 * label, under a name the model does not have) is learned from 40 + 40 photos of some people and judged on others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttributesCommandTest {
    private Path tmp;

    private Path model41;
    private Run added;
    private Path someFace;
    private Path evalCsv;
    private double evalMajority;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream out0 = System.out;
        PrintStream err0 = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out0);
            System.setErr(err0);
        }
    }

    @BeforeAll
    void addManFromLabelledPhotos(@TempDir Path dir) throws Exception {
        tmp = dir;
        Path data = tmp.resolve("synth");
        new SynthGenerator(SynthConfig.small(data, 160, 80, 31)).generate();
        List<CelebaSample> samples = CelebaReader.read(data, ImageVariant.IN_THE_WILD).requireImages().samples();
        int male = Attributes.indexOf("Male");
        Path pos = Files.createDirectories(tmp.resolve("man"));
        Path neg = Files.createDirectories(tmp.resolve("not-man"));
        int p = 0, n = 0;
        StringBuilder csv = new StringBuilder("file,label\n");
        int evalPos = 0, evalCount = 0;
        for (CelebaSample s : samples) {
            boolean y = s.attributes()[male];
            if (s.split() == Split.TRAIN) {
                if (y && p < 40) {
                    Files.copy(s.imagePath(), pos.resolve(s.imagePath().getFileName()));
                    p++;
                } else if (!y && n < 40) {
                    Files.copy(s.imagePath(), neg.resolve(s.imagePath().getFileName()));
                    n++;
                }
            } else {
                csv.append(s.imagePath()).append(',').append(y ? "yes" : "no").append('\n');
                evalPos += y ? 1 : 0;
                evalCount++;
                someFace = s.imagePath();
            }
        }
        assertEquals(40, p, "the synthetic set has 40 men in its training people");
        assertEquals(40, n);
        evalMajority = Math.max(evalPos, evalCount - evalPos) / (double) evalCount;
        evalCsv = Files.writeString(tmp.resolve("eval.csv"), csv.toString());
        model41 = tmp.resolve("m41.zip");
        added = run("attributes", "add", "Man", "--positive", pos.toString(), "--negative", neg.toString(),
                "--out", model41.toString());
    }

    private static double percent(String text, String label) {
        Matcher m = Pattern.compile(label + " ([0-9.]+)%").matcher(text);
        assertTrue(m.find(), label + " in: " + text);
        return Double.parseDouble(m.group(1)) / 100;
    }

    @Test
    void addLearnsTheAttributeWellAboveItsMajorityBaselineAndWritesANewVersion() throws Exception {
        assertEquals(0, added.code(), added.err());
        double cv = percent(added.out(), "accuracy");
        assertTrue(cv >= 0.75, "cross-validated accuracy " + cv + " on 40 + 40 photos (baseline 50%)");
        ModelBundle bundle = ModelBundle.load(model41);
        List<String> expected = new ArrayList<>(Attributes.NAMES);
        expected.add("Man");
        assertEquals(expected, bundle.cascade().attributeNames());
        assertEquals(expected, bundle.manifest().attributes());
        assertFalse(bundle.manifest().version().equals(ModelBundle.loadDefault().manifest().version()));
        assertEquals("add", BundleAttributes.edits(bundle.manifest()).get(0).get("action"));

        // other people, labels from a CSV: well above the majority baseline
        Run eval = run("attributes", "evaluate", "Man", "--labels", evalCsv.toString(), "--model", model41.toString());
        assertEquals(0, eval.code(), eval.err());
        double accuracy = percent(eval.out(), "accuracy");
        assertTrue(accuracy >= evalMajority + 0.15, "accuracy " + accuracy + ", majority baseline " + evalMajority
                + ": " + eval.out());
    }

    @Test
    void tagJsonPrintsAllFortyOneAttributes() throws Exception {
        Run tag = run("tag", "--json", "--model", model41.toString(), someFace.toString());
        assertEquals(0, tag.code(), tag.err());
        JsonNode json = new ObjectMapper().readTree(tag.out());
        assertEquals(ModelBundle.load(model41).manifest().version(), json.get("model").asText());
        JsonNode faces = json.get("images").get(0).get("faces");
        assertTrue(faces.size() > 0, tag.out());
        JsonNode attributes = faces.get(0).get("attributes");
        assertEquals(41, attributes.size());
        assertEquals("Man", attributes.get(40).get("name").asText(), "an added attribute comes last");
    }

    @Test
    void listAndRemoveRoundTrip() {
        Run list = run("attributes", "list", "--model", model41.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("41 attributes"), list.out());
        assertTrue(Pattern.compile("(?m)^Man +threshold .* added in .* from \\d+ positive \\+ \\d+ negative photos")
                .matcher(list.out()).find(), list.out());

        Path model40 = tmp.resolve("m40.zip");
        Run remove = run("attributes", "remove", "Man", "--model", model41.toString(), "--out", model40.toString());
        assertEquals(0, remove.code(), remove.err());
        Run after = run("attributes", "list", "--model", model40.toString());
        assertTrue(after.out().contains("40 attributes"), after.out());
        assertFalse(after.out().contains("Man "), after.out());

        Run again = run("attributes", "remove", "Man", "--model", model40.toString(), "--out", model40.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("faceattr attributes remove: the model has no attribute named Man"), again.err());
    }

    @Test
    void badInputsAreOneClearLineAndExitOne() throws Exception {
        Path missing = tmp.resolve("no-such-folder");
        Path neg = tmp.resolve("not-man");
        assertUserError(run("attributes", "add", "X", "--positive", missing.toString(), "--negative", neg.toString(),
                "--out", tmp.resolve("x.zip").toString()), "--positive " + missing + ": no such folder");
        assertUserError(run("attributes", "add", "Smiling", "--positive", tmp.resolve("man").toString(),
                "--negative", neg.toString(), "--out", tmp.resolve("x.zip").toString()),
                "the model already has an attribute named Smiling");
        assertUserError(run("attributes", "add", "bad name", "--positive", tmp.resolve("man").toString(),
                "--negative", neg.toString(), "--out", tmp.resolve("x.zip").toString()), "must be 1-64 letters");
        assertUserError(run("attributes", "evaluate", "Unicorn", "--labels", evalCsv.toString()),
                "the model has no attribute named Unicorn");
        Path badCsv = Files.writeString(tmp.resolve("bad.csv"), someFace + ",maybe\n");
        assertUserError(run("attributes", "evaluate", "Smiling", "--labels", badCsv.toString()), "label \"maybe\"");

        // photos without any face: flat gradients
        Path blankPos = Files.createDirectories(tmp.resolve("blank-pos"));
        Path blankNeg = Files.createDirectories(tmp.resolve("blank-neg"));
        for (int i = 0; i < 3; i++) {
            writeBlank(blankPos.resolve("p" + i + ".png"), i);
            writeBlank(blankNeg.resolve("n" + i + ".png"), i + 10);
        }
        Run noFaces = run("attributes", "add", "X", "--positive", blankPos.toString(), "--negative",
                blankNeg.toString(), "--out", tmp.resolve("x.zip").toString());
        assertUserError(noFaces, "no face found in any of the 6 photos");
        assertFalse(Files.exists(tmp.resolve("x.zip")), "no bundle is written after an error");
    }

    private static void writeBlank(Path file, int seed) throws Exception {
        BufferedImage im = new BufferedImage(200, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = im.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(20 * seed % 255, 90, 160), 200, 160, new Color(240, 240, 200)));
        g.fillRect(0, 0, 200, 160);
        g.dispose();
        ImageIO.write(im, "png", file.toFile());
    }

    private static void assertUserError(Run r, String message) {
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
