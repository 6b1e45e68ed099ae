package faceattr.attributes;

import faceattr.model.PatchLayout;
import faceattr.model.TestModels;
import faceattr.synth.SynthConfig;
import faceattr.synth.SynthGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learning-curve command's plumbing on a small random model: report files, cached features, refused pools. */
class LearningCurveCommandTest {

    @Test
    void writesTheReportReusesCachedFeaturesAndRefusesAPoolOfTheSamePeople(@TempDir Path tmp) throws Exception {
        Path test = tmp.resolve("test");
        Path pool = tmp.resolve("pool");
        new SynthGenerator(SynthConfig.small(test, 40, 10, 41)).generate();
        new SynthGenerator(SynthConfig.small(pool, 40, 20, 42)).generate();
        Path model = tmp.resolve("m.zip");
        TestModels.randomBundle(PatchLayout.fivePatches(1.25), 3).save(model);
        Path out = tmp.resolve("curve");
        String[] args = {"attributes", "learning-curve", "--model", model.toString(), "--data", test.toString(),
                "--pool", pool.toString(), "--out", out.toString(), "--attributes", "Mouth_Slightly_Open",
                "--sizes", "3,4", "--repeats", "2"};

        AttributesCommandTest.Run first = AttributesCommandTest.run(args);
        assertEquals(0, first.code(), first.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("learning-curve.json").toFile());
        JsonNode curve = json.get("attributes").get(0);
        assertEquals("Mouth_Slightly_Open", curve.get("name").asText());
        assertEquals(2, curve.get("points").size());
        for (JsonNode p : curve.get("points")) {
            assertEquals(2, p.get("draws").asInt());
            double a = p.get("accuracy").asDouble();
            assertTrue(a >= 0 && a <= 1, "accuracy " + a);
        }
        assertTrue(json.get("testImages").asInt() > 0 && json.get("testImages").asInt() < 40, "the test split only");
        assertTrue(Files.readString(out.resolve("learning-curve.md")).contains("| Mouth_Slightly_Open |"));
        assertEquals(760, ImageIO.read(out.resolve("learning-curve.png").toFile()).getWidth());

        AttributesCommandTest.Run again = AttributesCommandTest.run(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("images from " + out.resolve("features-test.bin")), again.err());

        Path twin = tmp.resolve("twin");
        new SynthGenerator(SynthConfig.small(twin, 20, 5, 41)).generate();
        AttributesCommandTest.Run samePeople = AttributesCommandTest.run("attributes", "learning-curve", "--model",
                model.toString(), "--data", test.toString(), "--pool", twin.toString(), "--out", out.toString());
        assertEquals(1, samePeople.code());
        assertTrue(samePeople.err().contains("share people"), samePeople.err());
    }
}
