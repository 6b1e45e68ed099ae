package faceattr.service;

import faceattr.config.ServiceConfig;
import faceattr.http.HttpEndpoints;
import faceattr.model.FaceTagger;
import faceattr.rollout.BundleCheck;
import faceattr.rollout.LoadedModel;
import faceattr.rollout.ModelReloadEndpoint;
import faceattr.rollout.ModelWatcher;
import faceattr.rollout.RefusalReason;
import faceattr.rollout.SwappableTagger;
import faceattr.search.ModelAttributes;
import faceattr.search.SearchService;
import faceattr.stream.FaceAttrService;
import faceattr.stream.ServiceMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The composition root of a service process: one place wires the metrics, the HTTP endpoints (up before the model
 * loads, so liveness answers during a long load and readiness says why it is not ready yet), the model (loaded,
 * measured and, with {@code model.path}, watched for new bundles), the tagging stream, the search index
 * ({@code search.enabled}) and the graceful shutdown on SIGTERM / SIGINT. {@code serve} uses:
 * <pre>{@code
 * try (ServiceHost host = ServiceHost.start(config)) {
 *     host.loadModel();                        // model.path (or the bundled model), watched for new bundles
 *     host.checkTopics(Duration.ofSeconds(30));
 *     return host.run();                       // blocks until SIGTERM / SIGINT
 * }
 * }</pre>
 * Embedders (the demo, tests) give it a model with {@link #model} and call {@link #startServing()}, which returns at
 * once; {@link #close()} stops everything.
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
    private volatile ModelWatcher watcher;
    private volatile SwappableTagger swappable;
    private volatile SearchService search;

    private ServiceHost(ServiceConfig config, PrometheusMetrics metrics) throws IOException {
        this.config = config;
        this.metrics = metrics;
        this.serviceMetrics = new ServiceMetrics(metrics.registry());
        this.readiness = new StreamsReadiness(this::streamsState,
                () -> tagger != null && (swappable == null || swappable.isLoaded()));
        int port = config.getInt(ServiceConfig.HTTP_PORT);
        this.http = port < 0 ? null
                : HttpEndpoints.start(config.get(ServiceConfig.HTTP_HOST), port, readiness::check, metrics.registry());
        String token = config.get(ServiceConfig.ADMIN_TOKEN, "");
        if (http != null && !token.isBlank()) {
            http.mount(ModelReloadEndpoint.PATH, new ModelReloadEndpoint(token, () -> watcher));
            log.info("admin endpoint POST {} is on (bearer token required)", ModelReloadEndpoint.PATH);
        }
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

    /**
     * Starts loading {@code model.path} (the bundled model when empty) as a {@link SwappableTagger} and returns at
     * once, so Kafka Streams can join its group and restore its store while the model loads (a restart resumes
     * sooner); the first batch waits for the model, and readiness counts it loaded only then. Once loaded, a set
     * {@code model.path} is watched for new bundles ({@code model.watch.interval.ms}; {@code POST
     * /admin/model/reload} when {@code admin.token} is set): one that passes the {@link BundleCheck} is swapped in
     * at a batch boundary. A missing file fails here; a bundle that does not load makes {@link #run} return 1.
     * Returns the measured tagger, as {@link #model} does.
     */
    public FaceTagger loadModel() throws IOException {
        String configured = config.get(ServiceConfig.MODEL_PATH, "");
        Path path = configured.isBlank() ? null : Path.of(configured);
        if (path != null && !Files.isReadable(path)) {
            throw new IOException("model.path " + path + " does not exist or is not readable");
        }
        SwappableTagger loading = SwappableTagger.loading(() -> LoadedModel.load(path), loaded -> {
            metrics.modelVersion(loaded.current().version());
            if (path != null) {
                watch(path, loaded);
            }
        });
        swappable = loading;
        FaceTagger measured = model(loading); // publishes "loading" until the load publishes the version
        loading.startLoading();
        return measured;
    }

    private void watch(Path path, SwappableTagger swappable) {
        if (closed.get()) {
            return; // stopped while the model loaded
        }
        try {
            watcher = new ModelWatcher(path, swappable,
                    new BundleCheck(config.getBoolean(ServiceConfig.MODEL_ALLOW_ATTRIBUTE_REMOVAL)),
                    new ModelWatcher.Events() {
                        @Override
                        public void swapped(LoadedModel previous, LoadedModel next) {
                            metrics.modelSwapped(next.version());
                        }

                        @Override
                        public void refused(RefusalReason reason, String message) {
                            metrics.modelRefused(reason);
                        }
                    }, config.getLong(ServiceConfig.MODEL_WATCH_INTERVAL_MS));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot watch " + path + " for new bundles", e);
        }
    }

    /** The tagging stream on the loaded model, created on the first call (not started: see {@link #run()}). */
    public synchronized FaceAttrService stream() {
        if (tagger == null) {
            throw new IllegalStateException("load the model with loadModel() or model(...) first");
        }
        FaceAttrService s = service.get();
        if (s == null) {
            s = FaceAttrService.create(config, tagger, serviceMetrics);
            service.set(s);
        }
        return s;
    }

    /** Fails unless the input, output and dead-letter topics exist (see {@link FaceAttrService#checkTopics}). */
    public void checkTopics(Duration timeout) throws Exception {
        stream().checkTopics(timeout);
    }

    /** The search index when {@code search.enabled} and started; null otherwise. */
    public SearchService search() {
        return search;
    }

    private synchronized void startSearch() throws Exception {
        if (search == null) {
            search = SearchService.startIfEnabled(config, http, ModelAttributes.of(tagger));
        }
    }

    /**
     * Starts the stream and, with {@code search.enabled}, the search index (its API and gallery mounted on the HTTP
     * endpoints), and returns at once: for embedders. {@link #close()} stops them.
     */
    public void startServing() throws Exception {
        FaceAttrService s = stream();
        startSearch();
        s.start();
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
     * closed within {@code shutdown.timeout.ms}, model and endpoints closed), 1 when a step of that stop overran the
     * deadline or failed, or when Kafka Streams failed by itself (the caller exits; the shutdown hook then closes
     * everything). SIGTERM and SIGINT are handled here rather than by the JVM's default (which would make the
     * process exit 143 / 130 whatever the stop did), so the exit status says whether the stop was clean.
     */
    public int run() throws Exception {
        FaceAttrService started = stream();
        if (shutdown != null) {
            throw new IllegalStateException("this host already runs");
        }
        startSearch();
        FaceTagger model = tagger;
        shutdown = new ShutdownCoordinator(
                Duration.ofMillis(config.getLong(ServiceConfig.SHUTDOWN_TIMEOUT_MS)).plus(SHUTDOWN_MARGIN))
                .then("mark unready", readiness::markStopping)
                .then("model watcher", this::closeWatcher)
                .then("Kafka Streams", started)
                .then("search index", this::closeSearch)
                .then("model", model)
                .then("HTTP endpoints and metrics", this::close)
                .installShutdownHook();
        try (StopSignals signals = StopSignals.install(shutdown)) {
            started.start();
            while (!shutdown.awaitShutdown(Duration.ofSeconds(1))) {
                Throwable noModel = swappable == null ? null : swappable.loadFailure();
                if (noModel != null && !shutdown.isStarted()) {
                    log.error("the model did not load from {}; exiting: {}",
                            config.get(ServiceConfig.MODEL_PATH, "").isBlank() ? "the bundled default"
                                    : config.get(ServiceConfig.MODEL_PATH), noModel.toString(), noModel);
                    return 1;
                }
                KafkaStreams.State state = started.state();
                if (!shutdown.isStarted() && (state == KafkaStreams.State.ERROR
                        || state == KafkaStreams.State.NOT_RUNNING)) {
                    log.error("Kafka Streams stopped by itself ({}); exiting", state, started.fatalError());
                    return 1;
                }
            }
            return shutdown.isClean() ? 0 : 1;
        }
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

    private void closeSearch() {
        SearchService s = search;
        if (s != null) {
            s.close();
        }
    }

    private void closeWatcher() {
        ModelWatcher w = watcher;
        if (w != null) {
            w.close();
        }
    }

    /**
     * Stops what {@link #startServing()} started, the model watcher, the HTTP endpoints and the metrics (idempotent;
     * also for failures before {@link #run}).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        readiness.markStopping();
        closeWatcher();
        if (shutdown == null) { // started by startServing(), if at all; after run() the shutdown steps close them
            FaceAttrService s = service.get();
            if (s != null) {
                s.close();
            }
            closeSearch();
        }
        if (http != null) {
            http.close();
        }
        metrics.close();
    }
}
