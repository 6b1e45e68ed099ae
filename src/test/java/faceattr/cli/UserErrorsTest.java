package faceattr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mistake of the user is one line that says what is wrong, not a stack trace. */
class UserErrorsTest {

    @Test
    void aMissingDataFolderIsOneLineNamingTheCommandAndTheFile(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-set");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run("train", "--data", missing.toString(), "--out", tmp.resolve("m.zip").toString(),
                    "--work", tmp.resolve("work").toString());
        } finally {
            System.setErr(original);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code);
        assertTrue(text.contains("faceattr train: " + missing.resolve("list_attr_celeba.txt")), text);
        assertTrue(text.contains("required file not found"), text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
    }
}
