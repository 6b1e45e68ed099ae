package faceattr.server;

import faceattr.model.FaceTagger;
import faceattr.stream.FaceAttrService;
import faceattr.stream.ServiceConfig;
import faceattr.stream.ServiceMetrics;
import org.apache.kafka.streams.KafkaStreams;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code serve --config FILE} as a separate process for {@link KillTest}: the production wiring of the service with
 * its HTTP endpoints, metrics and graceful shutdown (the same lines the {@code serve} command uses), around a paced
 * model stand-in instead of the bundled model. Exits 1 when Kafka Streams fails.
 */
public final class ServiceProcessMain {
    private ServiceProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[0].equals("serve") || !args[1].equals("--config")) {
            throw new IllegalArgumentException("usage: serve --config FILE");
        }
        ServiceConfig config = ServiceConfig.load(Path.of(args[2]));
        PrometheusMetrics metrics = new PrometheusMetrics().bindJvm();
        FaceTagger tagger = new MeteredFaceTagger(new PacedTestTagger(2), metrics);
        FaceAttrService service = FaceAttrService.create(config, tagger, new ServiceMetrics(metrics.registry()));
        StreamsReadiness readiness = new StreamsReadiness(service::state, () -> true);
        HttpEndpoints http = HttpEndpoints.start(config.get(ServiceConfig.HTTP_HOST),
                config.getInt(ServiceConfig.HTTP_PORT), readiness::check, metrics.registry());
        ShutdownCoordinator shutdown = new ShutdownCoordinator(
                Duration.ofMillis(config.getLong(ServiceConfig.SHUTDOWN_TIMEOUT_MS) + 5_000))
                .then("mark unready", readiness::markStopping)
                .then("Kafka Streams", service)
                .then("model", tagger)
                .then("HTTP endpoints", http)
                .then("metrics", metrics)
                .installShutdownHook();
        service.checkTopics(Duration.ofSeconds(30));
        service.start();
        // Signals are handled by the shutdown hook; this thread only watches for Kafka Streams failing by itself.
        while (!shutdown.awaitShutdown(Duration.ofSeconds(1))) {
            if (service.state() == KafkaStreams.State.ERROR) {
                System.err.println("faceattr: Kafka Streams failed; exiting");
                System.exit(1);
            }
        }
    }
}
