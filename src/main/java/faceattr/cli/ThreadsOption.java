package faceattr.cli;

import faceattr.backend.ComputeBackend;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --threads N}: how many threads a command computes on; 0, the default, means all cores. Use it as
 * {@code @Mixin ThreadsOption threads;}, then {@link #applyToNd4j()} for network work or {@link #workers()} for a
 * pool of one's own.
 */
final class ThreadsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private int threads;

    @Option(names = "--threads", defaultValue = "0",
            description = "Threads to compute on; 0: all cores (default: ${DEFAULT-VALUE}).")
    void threads(int n) {
        if (n < 0) {
            throw new ParameterException(mixee.commandLine(), "--threads must be at least 0 (0: all cores), not " + n);
        }
        threads = n;
    }

    /** The number given; 0 when the command should leave it to the library (or the machine). */
    int value() {
        return threads;
    }

    /** Limits ND4J to the number given; with 0, ND4J keeps its default (all cores). */
    void applyToNd4j() {
        ComputeBackend.limitThreads(threads);
    }

    /** Workers for a pool of the command's own: the number given, else one per available processor. */
    int workers() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
