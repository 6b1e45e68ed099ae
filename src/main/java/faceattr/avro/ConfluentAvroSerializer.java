package faceattr.avro;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Writes Avro specific records in the Confluent wire format. The schema id comes from the registry once per
 * (subject, schema) and serializer: by registering the record's schema ({@code auto.register.schemas}, default),
 * or, with auto-registration off, by taking the subject's latest version ({@code use.latest.version}) or by looking
 * the record's schema up. Thread-safe.
 */
public class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private SchemaRegistryClient client;
    private AvroSerdeConfig config;
    private SubjectNameStrategy subjectNames;
    private boolean isKey;
    private final ConcurrentMap<PlanKey, WritePlan> plans = new ConcurrentHashMap<>();

    private record PlanKey(String subject, Schema schema) {
    }

    /** How to write records of one schema to one subject: the id in the header and the body's encoder. */
    private record WritePlan(int schemaId, BodyWriter body) {
    }

    @FunctionalInterface
    private interface BodyWriter {
        void write(Object record, Encoder out) throws IOException;
    }

    /** For Kafka's class-name configs: the registry client is built from the config in {@link #configure}. */
    public ConfluentAvroSerializer() {
    }

    /** Uses the given client (e.g. shared with other serdes); {@link #configure} still reads the serde settings. */
    public ConfluentAvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        this.subjectNames = config.subjectNameStrategy(isKey);
        if (client == null) {
            client = SchemaRegistryClient.create(configs);
        }
        plans.clear();
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("ConfluentAvroSerializer used before configure()");
        }
        Schema schema = record.getSchema();
        String subject = subjectNames.subject(topic, isKey, schema);
        WritePlan plan = planFor(topic, subject, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(ConfluentWireFormat.header(plan.schemaId()));
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            plan.body().write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode a " + schema.getFullName() + " for topic " + topic
                    + " with schema id " + plan.schemaId() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private WritePlan planFor(String topic, String subject, Schema schema) {
        PlanKey key = new PlanKey(subject, schema);
        WritePlan plan = plans.get(key);
        if (plan == null) {
            try {
                plan = newPlan(subject, schema);
            } catch (SchemaRegistryException e) {
                throw new SerializationException("Cannot get a schema id for subject " + subject + " (topic " + topic
                        + "): " + e.getMessage(), e);
            }
            plans.putIfAbsent(key, plan);
        }
        return plan;
    }

    private WritePlan newPlan(String subject, Schema schema) {
        // The order of Confluent's serializer: auto-registration wins over use.latest.version.
        if (config.autoRegisterSchemas()) {
            return new WritePlan(client.register(subject, schema), writerOf(schema));
        }
        if (config.useLatestVersion()) {
            RegisteredSchema latest = client.latest(subject);
            if (latest.schema().equals(schema)) {
                return new WritePlan(latest.id(), writerOf(schema));
            }
            return new WritePlan(latest.id(), convertingWriter(subject, schema, latest));
        }
        try {
            return new WritePlan(client.lookup(subject, schema).id(), writerOf(schema));
        } catch (SchemaRegistryException.SchemaNotFound | SchemaRegistryException.SubjectNotFound e) {
            throw new SerializationException("Schema " + schema.getFullName() + " is not registered under subject "
                    + subject + " and " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + "=false: " + e.getMessage(), e);
        }
    }

    private static BodyWriter writerOf(Schema schema) {
        DatumWriter<Object> writer = new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
        return writer::write;
    }

    /**
     * Writes with the latest registered schema a record of another (compatible) schema: the record is encoded with
     * its own schema, resolved to the latest one as a reader would, and re-encoded.
     */
    private static BodyWriter convertingWriter(String subject, Schema own, RegisteredSchema latest) {
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), own);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Latest version " + latest.version() + " (id " + latest.id()
                    + ") of subject " + subject + " cannot represent records of " + own.getFullName() + ": "
                    + compatibility.getResult().getIncompatibilities());
        }
        BodyWriter ownWriter = writerOf(own);
        GenericDatumReader<Object> resolver = new GenericDatumReader<>(own, latest.schema(), GenericData.get());
        GenericDatumWriter<Object> latestWriter = new GenericDatumWriter<>(latest.schema(), GenericData.get());
        return (record, out) -> {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(buffer, null);
            ownWriter.write(record, encoder);
            encoder.flush();
            Object converted = resolver.read(null, DecoderFactory.get().binaryDecoder(buffer.toByteArray(), null));
            latestWriter.write(converted, out);
        };
    }
}
