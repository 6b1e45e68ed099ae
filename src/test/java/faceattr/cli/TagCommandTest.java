package faceattr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faceattr.model.PatchLayout;
import faceattr.model.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
        assertEquals(160, first.get("width").asInt());
        JsonNode face = first.get("faces").get(0);
        assertTrue(face.get("box").get("width").asDouble() > 0);
        assertEquals(40, face.get("probabilities").size());
        assertEquals("UNSUPPORTED_FORMAT", json.get("images").get(1).get("error").get("reason").asText());
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
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            assertEquals(0, Main.run(prepend("tag", args)));
        } finally {
            System.setOut(original);
        }
        return new ObjectMapper().readTree(out.toString());
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
