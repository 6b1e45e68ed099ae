package faceattr.server;

import faceattr.errors.ReasonCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service's meters on one Prometheus registry (scraped at {@code /metrics}). Names below are Micrometer's; in the
 * Prometheus text format dots become underscores, counters get {@code _total} and timers {@code _seconds}.
 * Recording methods are thread-safe (stream threads call them concurrently).
 */
public final class ServiceMetrics implements AutoCloseable {
    /** Counter, tag {@code outcome} = {@code tagged} | {@code dead_letter}: every input ends as exactly one of them. */
    public static final String IMAGES_PROCESSED = "faceattr.images.processed";
    /** Counter, tag {@code reason} = a {@link ReasonCode} name. */
    public static final String DEAD_LETTERS = "faceattr.dead.letters";
    /** Counter: faces found by the model, over all tagged images. */
    public static final String FACES_FOUND = "faceattr.faces.found";
    /** Distribution summary: images per forward pass. */
    public static final String BATCH_SIZE = "faceattr.batch.size";
    /** Timer: one forward pass (a batch, or a retried part of one). */
    public static final String INFERENCE = "faceattr.inference";
    /** Counter: forward passes that threw (their images are retried in smaller pieces). */
    public static final String INFERENCE_FAILURES = "faceattr.inference.failures";
    /** Timer: from the input record's timestamp to the attribute record being published. */
    public static final String END_TO_END_LATENCY = "faceattr.end.to.end.latency";
    /** Gauge, always 1, tag {@code version} = the loaded model bundle's version. */
    public static final String MODEL_INFO = "faceattr.model.info";

    public static final String OUTCOME_TAGGED = "tagged";
    public static final String OUTCOME_DEAD_LETTER = "dead_letter";

    private static final double[] BATCH_SIZE_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128};
    private static final Duration[] INFERENCE_BUCKETS = seconds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);
    private static final Duration[] LATENCY_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300);

    private final PrometheusMeterRegistry registry;
    private final Counter tagged;
    private final Counter deadLettered;
    private final Counter faces;
    private final Counter inferenceFailures;
    private final DistributionSummary batchSize;
    private final Timer inference;
    private final Timer latency;
    private final List<AutoCloseable> bindings = new ArrayList<>();

    public ServiceMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    ServiceMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        tagged = Counter.builder(IMAGES_PROCESSED).tag("outcome", OUTCOME_TAGGED)
                .description("Images processed, by outcome").register(registry);
        deadLettered = Counter.builder(IMAGES_PROCESSED).tag("outcome", OUTCOME_DEAD_LETTER)
                .description("Images processed, by outcome").register(registry);
        faces = Counter.builder(FACES_FOUND).description("Faces found in tagged images").register(registry);
        inferenceFailures = Counter.builder(INFERENCE_FAILURES)
                .description("Forward passes that threw; their images are retried in smaller pieces")
                .register(registry);
        batchSize = DistributionSummary.builder(BATCH_SIZE).description("Images per forward pass")
                .serviceLevelObjectives(BATCH_SIZE_BUCKETS).register(registry);
        inference = Timer.builder(INFERENCE).description("Time of one forward pass")
                .serviceLevelObjectives(INFERENCE_BUCKETS).register(registry);
        latency = Timer.builder(END_TO_END_LATENCY)
                .description("Input record timestamp to published attribute record")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    /** Process-level meters: JVM memory, GC, threads, class loading, CPU, uptime. */
    public ServiceMetrics bindJvm() {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        bindings.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return this;
    }

    /** Kafka Streams' own metrics (threads, tasks, state stores, embedded clients) as {@code kafka_stream_*} etc. */
    public ServiceMetrics bindKafkaStreams(KafkaStreams streams) {
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams);
        binder.bindTo(registry);
        bindings.add(binder);
        return this;
    }

    /** Publishes {@code faceattr_model_info{version="..."} 1}. */
    public ServiceMetrics modelVersion(String version) {
        Gauge.builder(MODEL_INFO, () -> 1).tags(Tags.of("version", version == null ? "unknown" : version))
                .description("The loaded model bundle (value is always 1)").register(registry);
        return this;
    }

    /** An attribute record was published for an image, {@code latencyMs} after the input record's timestamp. */
    public void recordTagged(long latencyMs) {
        tagged.increment();
        latency.record(Math.max(0, latencyMs), TimeUnit.MILLISECONDS);
    }

    /** An input went to the dead-letter topic. */
    public void recordDeadLetter(ReasonCode reason) {
        deadLettered.increment();
        Counter.builder(DEAD_LETTERS).tag("reason", reason.name()).description("Dead letters, by reason")
                .register(registry).increment();
    }

    /** A forward pass over {@code images} images that found {@code facesFound} faces in {@code nanos}. */
    public void recordBatch(int images, int facesFound, long nanos) {
        batchSize.record(images);
        inference.record(nanos, TimeUnit.NANOSECONDS);
        faces.increment(facesFound);
    }

    /** A forward pass that threw after {@code nanos}. */
    public void recordFailedBatch(long nanos) {
        inferenceFailures.increment();
        inference.record(nanos, TimeUnit.NANOSECONDS);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition (format 0.0.4) of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable binding : bindings) {
            try {
                binding.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing metrics binding " + binding + " failed", e);
            }
        }
        registry.close();
    }

    private static Duration[] seconds(double... values) {
        Duration[] d = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Duration.ofNanos((long) (values[i] * 1e9));
        }
        return d;
    }
}
