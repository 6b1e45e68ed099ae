package faceattr.service;

import faceattr.rollout.RefusalReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The process's one Prometheus registry, scraped at {@code /metrics}. The stream's meters
 * ({@link faceattr.stream.ServiceMetrics}: outcomes, dead letters by reason, batch size and time, latency; Kafka
 * Streams' own metrics) are registered on {@link #registry()}; this class adds what belongs to the process: histogram
 * buckets for those distributions (so Prometheus can compute quantiles across instances), JVM metrics, the model
 * version as an info gauge, faces found and failed forward passes (through {@link MeteredFaceTagger}), model swaps
 * and refused bundles (through the model watcher).
 * In the text format dots become underscores, counters get {@code _total}, timers {@code _seconds}.
 */
public final class PrometheusMetrics implements AutoCloseable {
    /** Gauge, always 1, tag {@code version} = the loaded model bundle's version. */
    public static final String MODEL_INFO = "faceattr.model.info";
    /** Counter: faces found by the model, over all tagged images. */
    public static final String FACES_FOUND = "faceattr.faces.found";
    /** Counter: forward passes that threw (their images are retried in smaller pieces, then dead-lettered). */
    public static final String INFERENCE_FAILURES = "faceattr.inference.failures";
    /** Counter: new model bundles swapped in while the service runs. */
    public static final String MODEL_SWAPS = "faceattr.model.swaps";
    /** Counter, tag {@code reason}: candidate bundles refused (the running model stayed). */
    public static final String MODEL_REFUSALS = "faceattr.model.refusals";

    /**
     * Bucket boundaries of the stream's distributions, by meter name; timers in seconds, the rest in their base unit.
     * Names are those of {@link faceattr.stream.ServiceMetrics}.
     */
    static final Map<String, double[]> BUCKETS = Map.of(
            "faceattr.batch.size", new double[] {1, 2, 4, 8, 16, 32, 64, 128},
            "faceattr.batch.inference", new double[] {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30},
            "faceattr.latency", new double[] {50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000,
                    300_000});

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter faces;
    private final Counter inferenceFailures;
    private final Counter modelSwaps;
    private final Map<RefusalReason, Counter> modelRefusals = new EnumMap<>(RefusalReason.class);
    private JvmGcMetrics gc;
    private Gauge modelInfo;

    public PrometheusMetrics() {
        registry.config().meterFilter(histogramBuckets());
        faces = Counter.builder(FACES_FOUND).description("Faces found in tagged images").register(registry);
        inferenceFailures = Counter.builder(INFERENCE_FAILURES)
                .description("Forward passes that threw; their images are retried in smaller pieces")
                .register(registry);
        modelSwaps = Counter.builder(MODEL_SWAPS).description("Model bundles swapped in without a restart")
                .register(registry);
        for (RefusalReason reason : RefusalReason.values()) {
            modelRefusals.put(reason, Counter.builder(MODEL_REFUSALS).tag("reason", reason.name())
                    .description("Candidate model bundles refused; the running model stayed").register(registry));
        }
    }

    private static MeterFilter histogramBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                double[] buckets = BUCKETS.get(id.getName());
                if (buckets == null) {
                    return config;
                }
                double[] slos = buckets.clone();
                if (id.getType() == Meter.Type.TIMER) {
                    for (int i = 0; i < slos.length; i++) {
                        slos[i] = TimeUnit.MILLISECONDS.toNanos((long) (buckets[i] * 1000)); // timers count in ns
                    }
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(slos).build().merge(config);
            }
        };
    }

    /** JVM memory, GC, threads, class loading, CPU and uptime. */
    public PrometheusMetrics bindJvm() {
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return this;
    }

    /** Publishes {@code faceattr_model_info{version="..."} 1} for the running model, replacing the previous one. */
    public synchronized void modelVersion(String version) {
        if (modelInfo != null) {
            registry.remove(modelInfo);
        }
        modelInfo = Gauge.builder(MODEL_INFO, () -> 1).tags(Tags.of("version", version == null ? "unknown" : version))
                .description("The running model bundle (value is always 1)").register(registry);
    }

    /** A new bundle was swapped in: counts it and publishes its version. */
    public void modelSwapped(String version) {
        modelSwaps.increment();
        modelVersion(version);
    }

    /** A candidate bundle was refused. */
    public void modelRefused(RefusalReason reason) {
        modelRefusals.get(reason).increment();
    }

    public void facesFound(int count) {
        faces.increment(count);
    }

    public void inferenceFailed() {
        inferenceFailures.increment();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition (format 0.0.4) of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
