package faceattr.avro;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Serializer and deserializer of {@code T} in the Confluent wire format, sharing one registry client.
 * Build configured instances with {@link AvroSerdes}; the no-argument constructor is for Kafka's
 * {@code default.value.serde}-style class configs.
 */
public class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ConfluentAvroSerde.class);
    private final Class<T> type;
    private SchemaRegistryClient client;
    private ConfluentAvroSerializer<T> serializer;
    private ConfluentAvroDeserializer<T> deserializer;

    public ConfluentAvroSerde() {
        this(null, null);
    }

    public ConfluentAvroSerde(Class<T> type) {
        this(type, null);
    }

    /** With a given client (shared, not closed by this serde); null: one is built from the config. */
    public ConfluentAvroSerde(Class<T> type, SchemaRegistryClient client) {
        this.type = type;
        this.client = client;
        this.serializer = new ConfluentAvroSerializer<>(client);
        this.deserializer = new ConfluentAvroDeserializer<>(type, client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = SchemaRegistryClient.create(configs);
            serializer = new ConfluentAvroSerializer<>(client);
            deserializer = new ConfluentAvroDeserializer<>(type, client);
        }
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    /**
     * Closes this serde and the registry client it uses, for owners that configured the serde and so let it build
     * that client; a client that fails to close is logged, not thrown (closing goes on with the next resource).
     */
    public void closeWithClient() {
        close();
        try {
            if (client != null) {
                client.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("closing the schema registry client failed: {}", e.toString());
        }
    }

    /** The registry client in use (null before configure when none was given). */
    public SchemaRegistryClient client() {
        return client;
    }
}
