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

    @Test
    void aMissingConfigFileSaysSo(@TempDir Path tmp) {
        Path missing = tmp.resolve("nonexistent.properties");
        Captured c = capture(() -> Main.run("serve", "--config", missing.toString()));
        assertEquals(1, c.code());
        assertEquals("faceattr serve: no such file: " + missing, c.err().strip());
    }

    /** Every command's --help prints its usage and nothing that looks like a warning (picocli warns on bad format). */
    @Test
    void everyCommandsHelpIsClean() {
        picocli.CommandLine root = new picocli.CommandLine(new Main());
        java.util.List<java.util.List<String>> commands = new java.util.ArrayList<>();
        commands.add(java.util.List.of());
        collect(root, new java.util.ArrayList<>(), commands);
        assertTrue(commands.size() > 15, "all commands found: " + commands);
        for (java.util.List<String> command : commands) {
            java.util.List<String> args = new java.util.ArrayList<>(command);
            args.add("--help");
            Captured c = capture(() -> Main.run(args.toArray(String[]::new)));
            String all = c.out() + c.err();
            assertEquals(0, c.code(), command + ": " + all);
            assertTrue(all.contains("Usage:"), command + " prints its usage: " + all);
            assertFalse(all.toLowerCase(java.util.Locale.ROOT).contains("warn"), command + ": " + all);
        }
    }

    private static void collect(picocli.CommandLine cmd, java.util.List<String> path,
                                java.util.List<java.util.List<String>> out) {
        cmd.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            java.util.List<String> next = new java.util.ArrayList<>(path);
            next.add(name);
            out.add(next);
            collect(sub, next, out);
        });
    }

    private record Captured(int code, String out, String err) {
    }

    private static Captured capture(java.util.function.IntSupplier run) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = run.getAsInt();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Captured(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
