package faceattr.avro;

import org.apache.avro.Schema;

import java.util.Map;

/**
 * The calls the serdes make on a Confluent-compatible schema registry. Implementations cache what never changes
 * (ids and the schemas behind them). Failures are {@link SchemaRegistryException}s (typed by their nested class).
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers the schema under the subject (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id. */
    Schema schemaById(int id);

    /** The version of the subject that holds exactly this schema. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** The subject's latest version. */
    RegisteredSchema latest(String subject);

    /** Whether the schema could be registered under the subject, by the subject's compatibility level. */
    CompatibilityResult testCompatibility(String subject, Schema schema);

    @Override
    default void close() {
    }

    /**
     * The client for {@code schema.registry.url} in a Kafka-style config: {@code mock://scope} gives the shared
     * in-process registry of that scope, http(s) URLs an {@link HttpSchemaRegistryClient}.
     */
    static SchemaRegistryClient create(Map<String, ?> config) {
        SchemaRegistryClientConfig parsed = new SchemaRegistryClientConfig(config);
        String mockScope = parsed.mockScope();
        return mockScope != null ? MockSchemaRegistry.scope(mockScope) : new HttpSchemaRegistryClient(parsed);
    }
}
