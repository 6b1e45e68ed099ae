package faceattr.cli;

import faceattr.model.PatchLayout;
import faceattr.model.TestModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagCommandTest {

    @Test
    void printsBoxesAndAttributesAsJsonAndReportsUndecodableFiles(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.zip");
        TestModels.randomBundle(PatchLayout.fivePatches(1.25), 3).save(model);
        Path image = dir.resolve("a.png");
        ImageIO.write(TestModels.picture(160, 120, 4, 1), "png", image.toFile());
        Path broken = dir.resolve("b.jpg");
        Files.writeString(broken, "not an image");

        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true));
            code = Main.run("tag", "--model", model.toString(), "--json", image.toString(), broken.toString());
        } finally {
            System.setOut(original);
        }
        assertEquals(1, code, "one input failed");
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("test-3", json.get("model").asText());
        JsonNode first = json.get("images").get(0);
        assertEquals(image.toString(), first.get("imageId").asText());
        assertEquals("test-3", first.get("modelVersion").asText());
        assertEquals(160, first.get("imageWidth").asInt());
        JsonNode face = first.get("faces").get(0);
        assertTrue(face.get("box").get("width").asInt() > 0);
        assertEquals(40, face.get("attributes").size());
        assertEquals(broken.toString(), json.get("images").get(1).get("imageId").asText());
        assertEquals("UNSUPPORTED_FORMAT", json.get("images").get(1).get("error").get("reason").asText());
    }

    /** The JSON's keys come in the documented order (ResultFormat), not in a hash map's order. */
    @Test
    void jsonKeysComeInTheDocumentedOrder(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.zip");
        TestModels.randomBundle(PatchLayout.fivePatches(1.25), 3).save(model);
        Path image = dir.resolve("a.png");
        ImageIO.write(TestModels.picture(160, 120, 4, 1), "png", image.toFile());
        Path annotated = dir.resolve("ann");
        Path broken = dir.resolve("b.jpg");
        Files.writeString(broken, "not an image");

        Captured c = tag("--model", model.toString(), "--json", "--annotate", annotated.toString(), image.toString(),
                broken.toString());
        assertEquals(1, c.code());
        JsonNode json = new ObjectMapper().readTree(c.out());
        assertEquals(List.of("model", "images"), keys(json));
        JsonNode first = json.get("images").get(0);
        assertEquals(List.of("imageId", "source", "modelVersion", "processedAt", "latencyMs", "imageWidth",
                "imageHeight", "faces", "metadata", "annotated"), keys(first));
        JsonNode face = first.get("faces").get(0);
        assertEquals(List.of("box", "localizationScore", "attributes"), keys(face));
        assertEquals(List.of("x", "y", "width", "height", "left", "top", "relWidth", "relHeight"),
                keys(face.get("box")));
        assertEquals(List.of("name", "probability", "present"), keys(face.get("attributes").get(0)));
        JsonNode failed = json.get("images").get(1);
        assertEquals(List.of("imageId", "error"), keys(failed));
        assertEquals(List.of("reason", "message"), keys(failed.get("error")));
    }

    @Test
    void textIsOneResultLinePerImageAsConsumePrintsIt(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.zip");
        TestModels.randomBundle(PatchLayout.fivePatches(1.25), 3).save(model);
        Path image = dir.resolve("a.png");
        ImageIO.write(TestModels.picture(160, 120, 4, 1), "png", image.toFile());
        Path broken = dir.resolve("b.jpg");
        Files.writeString(broken, "not an image");

        Captured c = tag("--model", model.toString(), image.toString(), broken.toString());
        assertEquals(1, c.code());
        List<String> lines = c.out().lines().toList();
        assertEquals(2, lines.size(), c.out());
        assertTrue(lines.get(0).matches("OK   " + java.util.regex.Pattern.quote(image.toString())
                + " +160x120 faces=[1-9]\\d* latency=\\d+ms box=\\[\\d+,\\d+ \\d+x\\d+] score=\\d\\.\\d\\d \\{.*}.*"),
                lines.get(0));
        assertTrue(lines.get(1).matches("FAIL " + java.util.regex.Pattern.quote(broken.toString())
                + " +UNSUPPORTED_FORMAT +.+"), lines.get(1));
    }

    @Test
    void annotateWritesAPngOfTheImageSizeWithTheBoxAndHeatMapDrawn(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.zip");
        TestModels.randomBundle(PatchLayout.fivePatches(1.25), 3).save(model);
        Path image = dir.resolve("photo.png");
        java.awt.image.BufferedImage picture = TestModels.picture(160, 120, 4, 1);
        ImageIO.write(picture, "png", image.toFile());
        Path plain = dir.resolve("plain");
        Path heat = dir.resolve("heat");

        JsonNode face = tagJson("--model", model.toString(), "--json", "--annotate", plain.toString(), image.toString())
                .get("images").get(0).get("faces").get(0);
        tagJson("--model", model.toString(), "--json", "--annotate", heat.toString(), "--heatmap", image.toString());

        java.awt.image.BufferedImage boxed = ImageIO.read(plain.resolve("photo.png").toFile());
        java.awt.image.BufferedImage heated = ImageIO.read(heat.resolve("photo.png").toFile());
        assertEquals(160, boxed.getWidth());
        assertEquals(120, boxed.getHeight());
        assertEquals(160, heated.getWidth());
        assertEquals(120, heated.getHeight());
        JsonNode box = face.get("box");
        int x0 = (int) Math.max(0, box.get("x").asDouble());
        int y0 = (int) Math.max(0, box.get("y").asDouble());
        int x1 = (int) Math.min(160, box.get("x").asDouble() + box.get("width").asDouble());
        int y1 = (int) Math.min(120, box.get("y").asDouble() + box.get("height").asDouble());
        assertTrue(differingPixels(picture, boxed, x0, y0, x1, y1) > 0, "the box outline is drawn");
        assertTrue(differingPixels(boxed, heated, 0, 0, 160, 120) > 0, "the heat map changes the picture");
    }

    private static JsonNode tagJson(String... args) throws Exception {
        Captured c = tag(args);
        assertEquals(0, c.code());
        return new ObjectMapper().readTree(c.out());
    }

    private record Captured(int code, String out) {
    }

    private static Captured tag(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.run(prepend("tag", args));
        } finally {
            System.setOut(original);
        }
        return new Captured(code, out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static int differingPixels(java.awt.image.BufferedImage a, java.awt.image.BufferedImage b,
                                       int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if ((a.getRGB(x, y) & 0xffffff) != (b.getRGB(x, y) & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }
}
