package faceattr.cli;

import faceattr.bench.StreamBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code faceattr bench stream}: end to end through an in-process broker and registry with the bundled model. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Produce image events through an in-process Kafka broker and schema registry to the service:"
                + " sustained throughput, end-to-end latency p50/p95/p99 at a fraction of it, peak memory and its"
                + " trend, and in the same run the offline model throughput on the same images.")
final class BenchStreamCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "600", description = "Events in the throughput burst (per leg)."
            + " Default: ${DEFAULT-VALUE}.")
    int events;

    @Option(names = "--mode", defaultValue = "batched", description = "batched, or per-record (batch.size=1: one"
            + " forward pass per record; also runs a batched leg for the batched/per-record ratio)."
            + " Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--batch-size", defaultValue = "16", description = "batch.size of the batched leg."
            + " Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--batch-max-wait-ms", defaultValue = "200", description = "batch.max.wait.ms."
            + " Default: ${DEFAULT-VALUE}.")
    long batchMaxWaitMs;

    @Option(names = "--partitions", defaultValue = "1", description = "Partitions of the input and output topics."
            + " Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--stream-threads", defaultValue = "1", description = "num.stream.threads per instance."
            + " Default: ${DEFAULT-VALUE}.")
    int streamThreads;

    @Option(names = "--instances", defaultValue = "1", description = "Service instances (same application.id, each"
            + " with its own loaded model) in this process. Default: ${DEFAULT-VALUE}.")
    int instances;

    @Option(names = "--latency-events", defaultValue = "200", description = "Events in the paced latency phase"
            + " (0: skip). Default: ${DEFAULT-VALUE}.")
    int latencyEvents;

    @Option(names = "--latency-load", defaultValue = "0.5", description = "Pace of the latency phase as a share of"
            + " the measured throughput. Default: ${DEFAULT-VALUE}.")
    double latencyLoad;

    @Option(names = "--images", defaultValue = "200", description = "Distinct synthetic photos the events cycle"
            + " through. Default: ${DEFAULT-VALUE}.")
    int images;

    @Mixin
    ModelOption model;

    @Option(names = "--timeout", defaultValue = "1800", description = "Seconds to wait for each phase's outputs."
            + " Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Mixin
    JsonFileOption json;

    @Override
    public Integer call() throws Exception {
        StreamBench.Mode m;
        try {
            m = StreamBench.Mode.valueOf(mode.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--mode must be batched or per-record");
        }
        StreamBench.Options options;
        try {
            options = new StreamBench.Options(events, m, batchSize, batchMaxWaitMs, partitions, streamThreads,
                    instances, latencyEvents, latencyLoad, images, Duration.ofSeconds(timeoutSeconds), model.path());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        Map<String, Object> figures = new StreamBench(options, System.err).run();
        StreamBench.print(System.out, figures);
        json.write(figures);
        return 0;
    }
}
