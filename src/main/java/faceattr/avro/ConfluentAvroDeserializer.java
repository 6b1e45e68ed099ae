package faceattr.avro;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads Confluent-framed Avro into specific records. The writer's schema is fetched by the id in the header (once
 * per id) and resolved to the reader's schema, so records of older and newer compatible versions read fine: missing
 * fields take the reader's defaults, unknown fields are skipped. Every failure is a {@link SerializationException}
 * that says which topic and schema id. Thread-safe.
 */
public class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Class<T> type;
    private SchemaRegistryClient client;
    private final ConcurrentMap<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For Kafka's class-name configs: the reader class is the generated class named like the writer's schema. */
    public ConfluentAvroDeserializer() {
        this(null, null);
    }

    /** Reads into {@code type}, whatever compatible schema the records were written with. */
    public ConfluentAvroDeserializer(Class<T> type) {
        this(type, null);
    }

    /** As {@link #ConfluentAvroDeserializer(Class)}, with a given client (null: built in {@link #configure}). */
    public ConfluentAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this.type = type;
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = SchemaRegistryClient.create(configs);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer used before configure()");
        }
        int schemaId = ConfluentWireFormat.schemaId(topic, data);
        SpecificDatumReader<T> reader = readers.get(schemaId);
        if (reader == null) {
            reader = newReader(topic, schemaId);
            readers.putIfAbsent(schemaId, reader);
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_SIZE,
                    data.length - ConfluentWireFormat.HEADER_SIZE, null);
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("bytes left over after the record");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode the Avro body of a record on topic " + topic
                    + " with schema id " + schemaId + " as " + reader.getExpected().getFullName() + ": "
                    + e.getMessage(), e);
        }
    }

    private SpecificDatumReader<T> newReader(String topic, int schemaId) {
        Schema writer;
        try {
            writer = client.schemaById(schemaId);
        } catch (SchemaRegistryException.SchemaNotFound e) {
            throw new SerializationException("Unknown schema id " + schemaId + " in record on topic " + topic
                    + ": " + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot fetch schema id " + schemaId + " for a record on topic " + topic
                    + ": " + e.getMessage(), e);
        }
        Class<?> readerClass = type != null ? type : generatedClassOf(topic, schemaId, writer);
        SpecificData model = SpecificData.getForClass(readerClass);
        Schema readerSchema = model.getSchema(readerClass);
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Record on topic " + topic + " was written with schema id " + schemaId
                    + " (" + writer.getFullName() + "), which " + readerSchema.getFullName() + " cannot read: "
                    + compatibility.getResult().getIncompatibilities());
        }
        return new SpecificDatumReader<>(writer, readerSchema, model);
    }

    private static Class<?> generatedClassOf(String topic, int schemaId, Schema writer) {
        Class<?> generated = writer.getType() == Schema.Type.RECORD ? SpecificData.get().getClass(writer) : null;
        if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
            throw new SerializationException("No generated class for " + writer.getFullName() + " (schema id "
                    + schemaId + ", topic " + topic + "); construct the deserializer with the class to read into");
        }
        return generated;
    }
}
