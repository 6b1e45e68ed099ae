package faceattr.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpochLoopResumeTest {

    @Test
    void resumingFromAStateWhoseCheckpointIsMissingSaysWhichFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("state.json"), """
                {"epoch": 2, "bestEpoch": 2, "bestLoss": 1.0, "epochsSinceBest": 0, "finished": true, "history": []}
                """);
        IOException e = assertThrows(IOException.class, () -> EpochLoop.run("lnet-finetune", "accuracy", null, 10,
                null, null, new EpochLoop.Settings(2, 4, 3, 1, 1e-3), dir, true,
                new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("lnet-finetune"), e.getMessage());
        assertTrue(e.getMessage().contains("epoch-002.zip"), e.getMessage());
    }
}
