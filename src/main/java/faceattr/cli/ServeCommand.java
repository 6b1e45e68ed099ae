package faceattr.cli;

import faceattr.model.FaceTagger;
import faceattr.server.HealthServer;
import faceattr.stream.FaceAttrService;
import faceattr.stream.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import faceattr.stream.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code faceattr serve}: the service against a real cluster, until stopped (SIGTERM / Ctrl-C). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the face-attribute service against a Kafka cluster and schema registry.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (our keys and any Kafka Streams key); FACEATTR_* variables override it.")
    Path config;

    @Override
    public Integer call() throws Exception {
        ServiceConfig cfg = ServiceConfig.load(config);
        FaceTagger tagger = Models.load(cfg.get(ServiceConfig.MODEL_PATH, ""));
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FaceAttrService service = FaceAttrService.create(cfg, tagger, new ServiceMetrics(prometheus));
        service.checkTopics(Duration.ofSeconds(30));
        int httpPort = cfg.getInt(ServiceConfig.HTTP_PORT);
        HealthServer http = httpPort < 0 ? null
                : HealthServer.start(cfg.get(ServiceConfig.HTTP_HOST), httpPort, service, prometheus);
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean signalled = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signalled.set(true);
            service.close();
            if (http != null) {
                http.close();
            }
            tagger.close();
            stopped.countDown();
        }, "faceattr-shutdown"));
        service.start();
        // Returns only when the service stopped by itself (fatal error); the hook handles signals.
        while (stopped.getCount() > 0) {
            var state = service.state();
            if (!signalled.get() && (state == org.apache.kafka.streams.KafkaStreams.State.ERROR
                    || state == org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING)) {
                System.err.println("faceattr: the service stopped (" + state + ")");
                return 1;
            }
            stopped.await(1, java.util.concurrent.TimeUnit.SECONDS);
        }
        return 0;
    }
}
