package faceattr.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared flags (mixins): each command keeps its own default, and the help shows it. */
class SharedOptionsTest {

    /** The command at this path under {@code faceattr}, on its own (parsed without its parents). */
    private static CommandLine command(String... path) {
        CommandLine c = new CommandLine(new Main());
        for (String name : path) {
            c = c.getSubcommands().get(name);
        }
        try {
            var constructor = c.getCommand().getClass().getDeclaredConstructor();
            constructor.setAccessible(true);
            return new CommandLine(constructor.newInstance());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T mixin(CommandLine c, String name, Class<T> type) {
        return type.cast(c.getCommandSpec().mixins().get(name).userObject());
    }

    @Test
    void eachCommandKeepsItsSeedDefault() {
        Map<List<String>, Long> defaults = Map.of(
                List.of("synth"), 1L,
                List.of("concepts"), 1L,
                List.of("attributes", "add"), 1L,
                List.of("attributes", "learning-curve"), 1L,
                List.of("bench", "search"), 1L,
                List.of("bench", "export-weights"), 11L);
        defaults.forEach((path, seed) -> {
            CommandLine c = command(path.toArray(String[]::new));
            OptionSpec option = c.getCommandSpec().findOption("--seed");
            assertEquals(String.valueOf(seed), option.defaultValueString(), path + " --help shows its default");
            c.parseArgs(required(path));
            assertEquals(seed, mixin(c, "seed", SeedOption.class).value(), path + " without --seed");
            c.parseArgs(append(required(path), "--seed", "42"));
            assertEquals(42L, mixin(c, "seed", SeedOption.class).value(), path + " with --seed 42");
        });
    }

    @Test
    void threadsDefaultToAllCoresAndRejectANegativeNumber() {
        CommandLine synth = command("synth");
        synth.parseArgs("--out", "x");
        ThreadsOption threads = mixin(synth, "threads", ThreadsOption.class);
        assertEquals(0, threads.value());
        assertEquals(Runtime.getRuntime().availableProcessors(), threads.workers());
        synth.parseArgs("--out", "x", "--threads", "3");
        assertEquals(3, threads.workers());

        StringWriter err = new StringWriter();
        CommandLine bench = command("bench", "model");
        bench.setErr(new PrintWriter(err));
        assertEquals(2, bench.execute("--threads", "-1"));
        assertTrue(err.toString().contains("--threads must be at least 0"), err.toString());
    }

    @Test
    void modelNamesTheBundleByItsPathOrAsTheBundledOne() {
        CommandLine evaluate = command("evaluate");
        evaluate.parseArgs("--data", "d", "--out", "o");
        ModelOption model = mixin(evaluate, "model", ModelOption.class);
        assertNull(model.path());
        evaluate.parseArgs("--data", "d", "--out", "o", "--model", "m.zip");
        assertEquals(Path.of("m.zip"), model.path());
        assertEquals("m.zip", model.name(null));
    }

    @Test
    void jsonIsAFlagForPrintingCommandsAndAFileForBenchmarks() {
        CommandLine tag = command("tag");
        tag.parseArgs("a.png", "--json");
        assertTrue(mixin(tag, "json", JsonOption.class).enabled());
        CommandLine bench = command("bench", "search");
        bench.parseArgs("--json", "figures.json");
        assertEquals(Path.of("figures.json"), mixin(bench, "json", JsonFileOption.class).file);
    }

    private static String[] required(List<String> path) {
        return switch (String.join(" ", path)) {
            case "synth", "bench export-weights" -> new String[] {"--out", "x"};
            case "concepts" -> new String[] {"--data", "d", "--out", "x"};
            case "attributes add" -> new String[] {"N", "--labels", "l.csv", "--out", "x"};
            case "attributes learning-curve" -> new String[] {"--data", "d", "--pool", "p", "--out", "x"};
            default -> new String[0];
        };
    }

    private static String[] append(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
