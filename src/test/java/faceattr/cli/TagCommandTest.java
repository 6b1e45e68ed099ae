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
}
