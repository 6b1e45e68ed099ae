package faceattr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code faceattr bench}: the parent of the benchmark commands (see docs/benchmarks.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: offline model throughput, end-to-end streaming, training speed; the search index; weight export for"
                + " the PyTorch peer comparison (bench/peer_compare.py). See docs/benchmarks.md.",
        subcommands = {
                BenchModelCommand.class,
                BenchStreamCommand.class,
                BenchTrainCommand.class,
                BenchSearchCommand.class,
                BenchExportWeightsCommand.class,

        })
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
