package faceattr.avro;

import org.apache.avro.specific.SpecificRecord;

import java.util.Map;

/**
 * Configured Confluent-wire-format serdes for generated Avro classes, e.g.
 * {@code AvroSerdes.forValue(ImageEvent.class, Map.of("schema.registry.url", "http://127.0.0.1:8081"))}.
 * The config takes the keys of {@link AvroSerdeConfig} (a Streams/client config may be passed whole).
 */
public final class AvroSerdes {
    private AvroSerdes() {
    }

    /** A value serde: subject {@code <topic>-value} by default. */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forValue(Class<T> type, Map<String, ?> config) {
        return configured(new ConfluentAvroSerde<>(type), config, false);
    }

    /** A key serde: subject {@code <topic>-key} by default. */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forKey(Class<T> type, Map<String, ?> config) {
        return configured(new ConfluentAvroSerde<>(type), config, true);
    }

    /** A value serde on a given (shared) client; schema.registry.url in the config is then not used. */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forValue(Class<T> type, SchemaRegistryClient client,
                                                                            Map<String, ?> config) {
        return configured(new ConfluentAvroSerde<>(type, client), config, false);
    }

    /** A key serde on a given (shared) client. */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forKey(Class<T> type, SchemaRegistryClient client,
                                                                          Map<String, ?> config) {
        return configured(new ConfluentAvroSerde<>(type, client), config, true);
    }

    private static <T extends SpecificRecord> ConfluentAvroSerde<T> configured(ConfluentAvroSerde<T> serde,
                                                                               Map<String, ?> config, boolean isKey) {
        serde.configure(config, isKey);
        return serde;
    }
}
