package faceattr.synth;

import faceattr.cli.Main;
import faceattr.image.ImageDecoder;
import faceattr.image.ImageLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code faceattr synth} end to end: dataset, preview, backgrounds, objects and manifest. */
class SynthCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesDatasetPreviewBackgroundsObjectsAndManifest() throws Exception {
        Path out = dir.resolve("ds");
        Path objects = dir.resolve("objects");
        int rc = Main.run("synth", "--out", out.toString(), "--count", "20", "--identities", "4", "--seed", "3",
                "--preview", "--backgrounds", "3", "--objects", objects.toString(), "--classes", "4",
                "--objects-per-class", "2", "--threads", "2");
        assertEquals(0, rc);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
        var preview = decoder.decode(Files.readAllBytes(out.resolve(SynthGenerator.PREVIEW)));
        assertEquals(8 * 180, preview.getWidth());
        try (var bg = Files.list(out.resolve(SynthGenerator.BACKGROUNDS))) {
            assertEquals(3, bg.count());
        }
        for (String cls : ObjectsGenerator.CLASSES.subList(0, 4)) {
            assertEquals(2, countFiles(objects.resolve(cls)));
        }
        assertTrue(Files.notExists(objects.resolve(ObjectsGenerator.CLASSES.get(4))));
        JsonNode m = new ObjectMapper().readTree(out.resolve(faceattr.data.SynthManifest.FILE).toFile());
        assertEquals(3, m.get("seed").asLong());
        assertEquals(20, m.get("count").asInt());
        assertEquals(SynthGenerator.VERSION, m.get("generatorVersion").asText());
        assertEquals(39, m.get("renderedAttributes").size());
        assertEquals("Attractive", m.get("nonRenderedAttributes").get(0).get("name").asText());
        assertTrue(m.get("nonRenderedAttributes").get(0).get("prior").asDouble() > 0);
        assertEquals(20, m.get("imagesPerSplit").get("train").asInt() + m.get("imagesPerSplit").get("val").asInt()
                + m.get("imagesPerSplit").get("test").asInt());
    }

    @Test
    void previewCaptionsNameTheTagsThatAreOn() {
        boolean[] all = new boolean[faceattr.data.Attributes.COUNT];
        java.util.Arrays.fill(all, true);
        String caption = PreviewSheet.caption(6, all);
        assertTrue(caption.startsWith("000007 5oC Arch Bags Bald"), caption);
        assertEquals(1 + 38, caption.split(" ").length, "all tags but No_Beard and Attractive: " + caption);
        assertEquals("000001", PreviewSheet.caption(0, new boolean[faceattr.data.Attributes.COUNT]));
    }

    @Test
    void rejectsBadArguments() {
        assertEquals(2, Main.run("synth", "--out", dir.resolve("x").toString(), "--count", "5", "--identities",
                "9"), "a usage error, not a crash");
        assertNotEquals(0, Main.run("synth", "--out", dir.resolve("x").toString(), "--count", "5", "--identities",
                "3", "--objects", dir.resolve("o").toString(), "--classes", "99"));
    }

    private static long countFiles(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.count();
        }
    }
}
