package faceattr.avro;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-process registries for {@code schema.registry.url=mock://scope}, one per scope and shared by every serde and
 * client in the JVM that names it, as Confluent's serdes do. Tests use a scope per test and drop it afterwards.
 */
public final class MockSchemaRegistry {
    public static final String URL_PREFIX = "mock://";

    private static final ConcurrentMap<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private MockSchemaRegistry() {
    }

    /** The registry of the scope, created empty on first use. */
    public static InMemorySchemaRegistry scope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
    }

    /** Forgets the scope: the next use starts with an empty registry. */
    public static void drop(String scope) {
        SCOPES.remove(scope);
    }
}
