package faceattr.server;

import faceattr.model.FaceTagger;
import faceattr.stream.FaceAttrService;
import faceattr.stream.ServiceConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code serve --config FILE} as a separate process for {@link KillTest}: the {@code serve} command's wiring
 * ({@link ServiceHost}: metrics, HTTP endpoints, graceful shutdown) around a paced model stand-in instead of the
 * bundled model. Exits 1 when Kafka Streams fails by itself.
 */
public final class ServiceProcessMain {
    private ServiceProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[0].equals("serve") || !args[1].equals("--config")) {
            throw new IllegalArgumentException("usage: serve --config FILE");
        }
        ServiceConfig config = ServiceConfig.load(Path.of(args[2]));
        try (ServiceHost host = ServiceHost.start(config)) {
            FaceTagger tagger = host.model(new PacedTestTagger(2));
            FaceAttrService service = FaceAttrService.create(config, tagger, host.serviceMetrics());
            service.checkTopics(Duration.ofSeconds(30));
            System.exit(host.run(service));
        }
    }
}
