package faceattr.stream;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import faceattr.image.ImageLoader;
import faceattr.model.FaceTagger;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The running service: the topology on a {@link KafkaStreams} client with the Confluent Avro serdes, started once,
 * closed gracefully (with {@code shutdown.timeout.ms}). The tagger is owned by the caller.
 */
public final class FaceAttrService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FaceAttrService.class);

    private final ServiceConfig config;
    private final KafkaStreams streams;
    private final List<ConfluentAvroSerde<?>> serdes;
    private volatile Throwable fatalError;
    private KafkaStreamsMetrics streamsMetrics;
    /** Times of recent stream-thread failures: a failure that repeats is not transient, so we stop. */
    private final java.util.Deque<Long> recentFailures = new java.util.ArrayDeque<>();
    static final int MAX_THREAD_FAILURES = 5;
    static final long FAILURE_WINDOW_MS = 10 * 60_000L;

    private FaceAttrService(ServiceConfig config, KafkaStreams streams, List<ConfluentAvroSerde<?>> serdes) {
        this.config = config;
        this.streams = streams;
        this.serdes = serdes;
    }

    /** Builds (does not start) the service for a configuration and a loaded model. */
    public static FaceAttrService create(ServiceConfig config, FaceTagger tagger) {
        return create(config, tagger, ServiceMetrics.unregistered());
    }

    /** As {@link #create(ServiceConfig, FaceTagger)}, counting into {@code metrics} (Kafka client metrics too). */
    public static FaceAttrService create(ServiceConfig config, FaceTagger tagger, ServiceMetrics metrics) {
        Map<String, Object> serdeConfig = config.serdeProperties();
        ConfluentAvroSerde<ImageEvent> events = AvroSerdes.forValue(ImageEvent.class, serdeConfig);
        ConfluentAvroSerde<FaceAttributes> attributes = AvroSerdes.forValue(FaceAttributes.class, serdeConfig);
        ImageLoader loader = ImageLoader.fromConfig(config, events.deserializer());
        Topology topology = FaceAttrTopology.build(TopologySettings.from(config), loader, tagger,
                attributes.serializer(), metrics);
        KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties());
        FaceAttrService service = new FaceAttrService(config, streams, List.of(events, attributes));
        service.streamsMetrics = new KafkaStreamsMetrics(streams);
        service.streamsMetrics.bindTo(metrics.registry());
        streams.setStateListener((now, before) -> log.info("Kafka Streams {} -> {}", before, now));
        streams.setUncaughtExceptionHandler(service::onStreamThreadDied);
        log.info("topology:\n{}", topology.describe());
        return service;
    }

    /**
     * A stream thread only dies on something the processor does not turn into a dead letter (a broker or registry
     * failure, a bug). The thread is replaced: under exactly-once its open transaction is aborted and its records
     * are processed again, so nothing is lost; the error is logged each time, never swallowed.
     */
    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onStreamThreadDied(Throwable e) {
        if (e instanceof Error || e.getCause() instanceof Error) {
            fatalError = e;
            log.error("stream thread died of a JVM error; shutting the service down", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        long now = System.currentTimeMillis();
        synchronized (recentFailures) {
            recentFailures.addLast(now);
            while (!recentFailures.isEmpty() && now - recentFailures.peekFirst() > FAILURE_WINDOW_MS) {
                recentFailures.removeFirst();
            }
            if (recentFailures.size() >= MAX_THREAD_FAILURES) {
                fatalError = e;
                log.error("stream thread failed {} times within {} min; shutting the service down", MAX_THREAD_FAILURES,
                        FAILURE_WINDOW_MS / 60_000, e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
        }
        log.error("stream thread failed; replacing it (uncommitted work is redone)", e);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Fails fast with a clear message when a topic is missing (topics are not auto-created by the service). */
    public void checkTopics(Duration timeout) throws Exception {
        Map<String, Object> adminProps = new HashMap<>(config.clientProperties());
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> missing = List.of(config.get(ServiceConfig.INPUT_TOPIC), config.get(ServiceConfig.OUTPUT_TOPIC),
                    config.get(ServiceConfig.DLQ_TOPIC)).stream().filter(t -> !existing.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("missing topics " + missing + " on " + config.get(
                        ServiceConfig.BOOTSTRAP_SERVERS) + "; create them first (the service does not auto-create)");
            }
        }
    }

    public void start() {
        log.info("starting faceattr with configuration:\n{}", config.describe());
        streams.start();
    }

    /** Waits until the client is RUNNING; false on timeout or when it failed. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State s = streams.state();
            if (s == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING
                    || s == KafkaStreams.State.PENDING_SHUTDOWN) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Ready to take traffic: every stream thread runs its tasks. */
    public boolean isReady() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Alive: still able to make progress (rebalancing counts as alive). */
    public boolean isAlive() {
        KafkaStreams.State s = streams.state();
        return s.isRunningOrRebalancing() || s == KafkaStreams.State.CREATED;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The JVM error that stopped the service, if one did. */
    public Throwable fatalError() {
        return fatalError;
    }

    /**
     * Graceful: finish the records already fetched, commit, leave the group, close (at most
     * {@code shutdown.timeout.ms}); throws IllegalStateException when Kafka Streams did not close in that time.
     */
    @Override
    public void close() {
        long timeout = config.getLong(ServiceConfig.SHUTDOWN_TIMEOUT_MS);
        log.info("closing faceattr (up to {} ms)", timeout);
        // leave the group, so the partitions move at once instead of after session.timeout.ms
        boolean closed = streams.close(CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofMillis(timeout)));
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        serdes.forEach(ConfluentAvroSerde::closeWithClient);
        if (!closed) {
            // Kafka Streams first works off the records it has already fetched; under a backlog on a slow CPU that
            // can outlast the timeout. The stop is then not graceful: the open transaction is aborted and redone.
            throw new IllegalStateException("Kafka Streams did not close within " + timeout + " ms (still working off"
                    + " records it had fetched); its open transaction is aborted and redone after the restart");
        }
    }
}
