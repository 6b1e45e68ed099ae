package faceattr.server;

import faceattr.model.FaceTagger;
import faceattr.stream.FaceAttrService;
import faceattr.stream.ServiceConfig;
import faceattr.stream.ServiceMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a running service process has around the stream: metrics, the HTTP endpoints (up before the model loads, so
 * liveness answers during a long load and readiness says why it is not ready yet) and the graceful shutdown on
 * SIGTERM / SIGINT. Use:
 * <pre>{@code
 * try (ServiceHost host = ServiceHost.start(config)) {
 *     FaceTagger tagger = host.model(Models.load(config.get(ServiceConfig.MODEL_PATH, "")));
 *     FaceAttrService service = FaceAttrService.create(config, tagger, host.serviceMetrics());
 *     service.checkTopics(Duration.ofSeconds(30));
 *     return host.run(service);
 * }
 * }</pre>
 */
public final class ServiceHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceHost.class);
    /** Beyond {@code shutdown.timeout.ms} (Kafka Streams' close), for the model and the HTTP server. */
    private static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(5);

    private final ServiceConfig config;
    private final PrometheusMetrics metrics;
    private final ServiceMetrics serviceMetrics;
    private final AtomicReference<FaceAttrService> service = new AtomicReference<>();
    private final StreamsReadiness readiness;
    private final HttpEndpoints http;
    private volatile FaceTagger tagger;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ShutdownCoordinator shutdown;

    private ServiceHost(ServiceConfig config, PrometheusMetrics metrics) throws IOException {
        this.config = config;
        this.metrics = metrics;
        this.serviceMetrics = new ServiceMetrics(metrics.registry());
        this.readiness = new StreamsReadiness(this::streamsState, () -> tagger != null);
        int port = config.getInt(ServiceConfig.HTTP_PORT);
        this.http = port < 0 ? null
                : HttpEndpoints.start(config.get(ServiceConfig.HTTP_HOST), port, readiness::check, metrics.registry());
    }

    /** Starts metrics and, unless {@code http.port} is negative, the HTTP endpoints. */
    public static ServiceHost start(ServiceConfig config) throws IOException {
        PrometheusMetrics metrics = new PrometheusMetrics().bindJvm();
        try {
            return new ServiceHost(config, metrics);
        } catch (IOException | RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    private KafkaStreams.State streamsState() {
        FaceAttrService s = service.get();
        return s == null ? null : s.state();
    }

    /** The loaded model, measured (faces found, failed passes, version); from now on readiness counts it loaded. */
    public FaceTagger model(FaceTagger loaded) {
        FaceTagger metered = new MeteredFaceTagger(loaded, metrics);
        tagger = metered;
        return metered;
    }

    /** The stream's meters, on this host's registry: pass to {@link FaceAttrService#create}. */
    public ServiceMetrics serviceMetrics() {
        return serviceMetrics;
    }

    /** The HTTP endpoints, to mount more routes on (null when {@code http.port} is negative). */
    public HttpEndpoints http() {
        return http;
    }

    /** The bound HTTP port, or -1 when the endpoints are off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /**
     * Starts the service and blocks: returns 0 after a graceful stop (SIGTERM / SIGINT: unready, Kafka Streams
     * closed within {@code shutdown.timeout.ms}, model and endpoints closed), 1 when Kafka Streams failed by itself
     * (the caller exits; the shutdown hook then closes everything).
     */
    public int run(FaceAttrService started) throws InterruptedException {
        if (tagger == null) {
            throw new IllegalStateException("load the model with model(...) before run(...)");
        }
        if (!service.compareAndSet(null, started)) {
            throw new IllegalStateException("this host already runs a service");
        }
        FaceTagger model = tagger;
        shutdown = new ShutdownCoordinator(
                Duration.ofMillis(config.getLong(ServiceConfig.SHUTDOWN_TIMEOUT_MS)).plus(SHUTDOWN_MARGIN))
                .then("mark unready", readiness::markStopping)
                .then("Kafka Streams", started)
                .then("model", model)
                .then("HTTP endpoints and metrics", this::close)
                .installShutdownHook();
        started.start();
        while (!shutdown.awaitShutdown(Duration.ofSeconds(1))) {
            KafkaStreams.State state = started.state();
            if (!shutdown.isStarted() && (state == KafkaStreams.State.ERROR
                    || state == KafkaStreams.State.NOT_RUNNING)) {
                log.error("Kafka Streams stopped by itself ({}); exiting", state, started.fatalError());
                return 1;
            }
        }
        return 0;
    }

    /** The graceful stop a SIGTERM would start, for embedders and tests; {@link #run} then returns 0. */
    public void stop() {
        ShutdownCoordinator s = shutdown;
        if (s != null) {
            s.shutdown();
        } else {
            close();
        }
    }

    /** Stops the HTTP endpoints and the metrics (idempotent; also for failures before {@link #run}). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        readiness.markStopping();
        if (http != null) {
            http.close();
        }
        metrics.close();
    }
}
