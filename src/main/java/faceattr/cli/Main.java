package faceattr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of {@code faceattr}: each subcommand is a thin class that calls the packages below it. */
@Command(name = "faceattr", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Face attribute tagging (LNet+ANet, Liu et al. ICCV 2015) as a Kafka Streams service.",
        subcommands = {
                CommandLine.HelpCommand.class,
                SynthCommand.class,
                ServeCommand.class,
                DemoCommand.class,
                ProduceCommand.class,
                ConsumeCommand.class,
                TrainCommand.class,
                EvaluateCommand.class,
                TagCommand.class,
                LocalizeReportCommand.class,
                ConceptsCommand.class,
                AttributesCommand.class,
                BenchCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::report).execute(args);
    }

    /**
     * What the user got wrong (a missing or malformed file, a bad value) is one line naming the command and the
     * problem, exit code 1; anything else is a bug, and its stack trace is printed in full.
     */
    private static int report(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean userError = e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                || e instanceof IllegalArgumentException;
        if (!userError) {
            e.printStackTrace(cmd.getErr());
            return cmd.getCommandSpec().exitCodeOnExecutionException();
        }
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + explain(e));
        cmd.getErr().flush();
        return 1;
    }

    /** The problem in words; file-system exceptions carry only the path as their message. */
    static String explain(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "cannot read " + a.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        return e.getMessage();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
