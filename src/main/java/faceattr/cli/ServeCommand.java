package faceattr.cli;

import faceattr.config.ServiceConfig;
import faceattr.service.ServiceHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

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
        try (ServiceHost host = ServiceHost.start(cfg)) {
            host.loadModel(); // model.path, loaded while Kafka Streams starts, then watched
            host.checkTopics(Duration.ofSeconds(30));
            return host.run();
        }
    }
}
