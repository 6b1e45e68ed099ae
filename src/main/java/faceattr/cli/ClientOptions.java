package faceattr.cli;

import faceattr.config.ServiceConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** Where the produce/consume commands connect: the service's config file and env, overridden by flags. */
final class ClientOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (as for serve).")
    Path config;

    @Option(names = {"--bootstrap-servers", "-b"}, paramLabel = "HOST:PORT",
            description = "Kafka brokers (default: bootstrap.servers from config/env, else localhost:9092).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry (default: schema.registry.url from config/env, else http://localhost:8081).")
    String schemaRegistryUrl;

    ServiceConfig load() throws IOException {
        ServiceConfig.Builder b = ServiceConfig.builder().file(config).env(System.getenv());
        if (bootstrapServers != null) {
            b.set(ServiceConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        }
        if (schemaRegistryUrl != null) {
            b.set(ServiceConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        }
        return b.build();
    }
}
