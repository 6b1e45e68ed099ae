package faceattr.avro;

import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static faceattr.avro.AvroFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** The serdes against the in-process {@code mock://} registry: framing, schema evolution, errors. */
class ConfluentAvroSerdeTest {
    private String scope;
    private Map<String, Object> config;
    private InMemorySchemaRegistry registry;

    @BeforeEach
    void newScope() {
        scope = "serde-test-" + UUID.randomUUID();
        config = Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
        registry = MockSchemaRegistry.scope(scope);
    }

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.drop(scope);
    }

    @Test
    void roundTripsBothRecordTypesInTheConfluentWireFormat() {
        Serde<ImageEvent> images = AvroSerdes.forValue(ImageEvent.class, config);
        Serde<FaceAttributes> results = AvroSerdes.forValue(FaceAttributes.class, config);
        ImageEvent event = imageEvent("img-1");
        FaceAttributes tagged = faceAttributes("img-1");

        byte[] eventBytes = images.serializer().serialize("images", event);
        byte[] taggedBytes = results.serializer().serialize("face-attributes", tagged);

        int imagesId = registry.latest("images-value").id();
        int resultsId = registry.latest("face-attributes-value").id();
        assertNotEquals(imagesId, resultsId);
        assertArrayEquals(ConfluentWireFormat.header(imagesId), Arrays.copyOf(eventBytes, 5));
        assertEquals(0, eventBytes[0]);
        assertEquals(imagesId, ByteBuffer.wrap(eventBytes, 1, 4).getInt());
        assertEquals(resultsId, ConfluentWireFormat.schemaId("face-attributes", taggedBytes));
        assertEquals(event, images.deserializer().deserialize("images", eventBytes));
        assertEquals(tagged, results.deserializer().deserialize("face-attributes", taggedBytes));
    }

    @Test
    void theBodyIsPlainAvroOfTheRegisteredSchema() throws Exception {
        Serde<ImageEvent> images = AvroSerdes.forValue(ImageEvent.class, config);
        byte[] bytes = images.serializer().serialize("images", imageEvent("img-2"));
        GenericRecord generic = new GenericDatumReader<GenericRecord>(registry.schemaById(ConfluentWireFormat.schemaId("images", bytes)))
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertEquals("img-2", generic.get("id").toString());
        assertEquals("image/png", generic.get("contentType").toString());
        assertEquals(1_780_000_000_123L, generic.get("capturedAt"));
    }

    @Test
    void readsRecordsOfAnOlderProducerWithTheReadersDefaults() {
        int v1 = registry.register("images-value", IMAGE_EVENT_V1);
        GenericRecord old = new GenericData.Record(IMAGE_EVENT_V1);
        old.put("id", "old-1");
        old.put("uri", "file:///srv/images/old-1.jpg");

        ImageEvent read = AvroSerdes.forValue(ImageEvent.class, config).deserializer()
                .deserialize("images", framed(v1, avroBody(old)));

        assertEquals("old-1", read.getId());
        assertEquals("file:///srv/images/old-1.jpg", read.getUri());
        assertNull(read.getData());
        assertNull(read.getContentType());
        assertNull(read.getCapturedAt());
        assertEquals(Map.of(), read.getMetadata());
        // The current schema is a BACKWARD-compatible successor of v1: the serializer registers it as version 2.
        AvroSerdes.forValue(ImageEvent.class, config).serializer().serialize("images", imageEvent("new-1"));
        assertEquals(2, registry.latest("images-value").version());
    }

    @Test
    void readsRecordsOfANewerProducerSkippingFieldsItDoesNotKnow() {
        int current = registry.register("images-value", ImageEvent.getClassSchema());
        int next = registry.register("images-value", IMAGE_EVENT_NEXT);
        assertNotEquals(current, next);
        ImageEvent event = imageEvent("next-1");
        GenericRecord newer = new GenericData.Record(IMAGE_EVENT_NEXT);
        for (Schema.Field field : ImageEvent.getClassSchema().getFields()) {
            newer.put(field.name(), GenericData.get().deepCopy(field.schema(), rawValue(event, field.name())));
        }
        newer.put("priority", 9);

        ImageEvent read = AvroSerdes.forValue(ImageEvent.class, config).deserializer()
                .deserialize("images", framed(next, avroBody(newer)));

        assertEquals(event, read);
    }

    @Test
    void useLatestVersionWritesWithTheSubjectsLatestSchema() throws Exception {
        registry.register("images-value", ImageEvent.getClassSchema());
        int next = registry.register("images-value", IMAGE_EVENT_NEXT);
        Map<String, Object> latestConfig = Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                AvroSerdeConfig.USE_LATEST_VERSION, true, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, latestConfig);
        ImageEvent event = imageEvent("latest-1");

        byte[] bytes = serde.serializer().serialize("images", event);

        assertEquals(next, ConfluentWireFormat.schemaId("images", bytes));
        GenericRecord asNext = new GenericDatumReader<GenericRecord>(IMAGE_EVENT_NEXT)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertEquals(0, asNext.get("priority"));
        assertEquals("latest-1", asNext.get("id").toString());
        assertEquals(event, serde.deserializer().deserialize("images", bytes));
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotRepresentTheRecord() {
        registry.setSubjectCompatibility("images-value", CompatibilityLevel.NONE);
        registry.register("images-value", IMAGE_EVENT_BROKEN);
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, Map.of(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                AvroSerdeConfig.USE_LATEST_VERSION, true, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false));

        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.serializer().serialize("images", imageEvent("x")));
        assertTrue(e.getMessage().contains("Latest version 1"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot represent records of faceattr.avro.generated.ImageEvent"), e.getMessage());
    }

    @Test
    void autoRegistrationWinsOverUseLatestVersionAsInConfluentsSerializer() {
        registry.register("images-value", ImageEvent.getClassSchema());
        int next = registry.register("images-value", IMAGE_EVENT_NEXT);
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, Map.of(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "mock://" + scope, AvroSerdeConfig.USE_LATEST_VERSION, true));

        int written = ConfluentWireFormat.schemaId("images", serde.serializer().serialize("images", imageEvent("x")));

        assertEquals(registry.lookup("images-value", ImageEvent.getClassSchema()).id(), written);
        assertNotEquals(next, written);
    }

    @Test
    void withoutAutoRegistrationTheSchemaMustBeRegisteredAlready() {
        Map<String, Object> noRegister = Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, noRegister);

        SerializationException refused = assertThrows(SerializationException.class,
                () -> serde.serializer().serialize("images", imageEvent("x")));
        assertTrue(refused.getMessage().contains("not registered under subject images-value"), refused.getMessage());
        assertEquals(List.of(), registry.subjects());

        int id = registry.register("images-value", ImageEvent.getClassSchema());
        assertEquals(id, ConfluentWireFormat.schemaId("images", serde.serializer().serialize("images", imageEvent("x"))));
    }

    @Test
    void keysUseTheKeySubjectAndOtherStrategiesNameSubjectsByRecord() {
        AvroSerdes.forKey(ImageEvent.class, config).serializer().serialize("images", imageEvent("k"));
        Map<String, Object> byRecord = Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        AvroSerdes.forValue(FaceAttributes.class, byRecord).serializer().serialize("face-attributes", faceAttributes("k"));

        assertEquals(List.of("faceattr.avro.generated.FaceAttributes", "images-key"), registry.subjects());
    }

    @Test
    void aSerdeBuiltByKafkaFromItsClassNameReadsIntoTheWritersGeneratedClass() {
        ConfluentAvroSerde<ImageEvent> byClassName = new ConfluentAvroSerde<>();
        byClassName.configure(config, false);
        ImageEvent event = imageEvent("by-name");

        Object read = byClassName.deserializer().deserialize("images", byClassName.serializer().serialize("images", event));

        assertEquals(event, read);
    }

    @Test
    void nullStaysNullForTombstones() {
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, config);
        assertNull(serde.serializer().serialize("images", null));
        assertNull(serde.deserializer().deserialize("images", null));
    }

    @Test
    void aBadMagicByteIsRefusedClearly() {
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, config);
        byte[] bytes = serde.serializer().serialize("images", imageEvent("m"));
        bytes[0] = 1;
        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("images", bytes));
        assertTrue(e.getMessage().contains("Unknown magic byte 0x01 in record on topic images"), e.getMessage());

        SerializationException json = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("images", "{\"id\":\"x\"}".getBytes()));
        assertTrue(json.getMessage().contains("magic byte 0x7b"), json.getMessage());
    }

    @Test
    void aTruncatedRecordIsRefusedClearly() {
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, config);
        byte[] bytes = serde.serializer().serialize("images", imageEvent("t"));

        SerializationException header = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("images", Arrays.copyOf(bytes, 3)));
        assertTrue(header.getMessage().contains("3 bytes, too short"), header.getMessage());
        SerializationException body = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("images", Arrays.copyOf(bytes, bytes.length - 4)));
        assertTrue(body.getMessage().contains("Cannot decode the Avro body of a record on topic images with schema id"),
                body.getMessage());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 2);
        SerializationException trailing = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("images", longer));
        assertTrue(trailing.getMessage().contains("bytes left over"), trailing.getMessage());
    }

    @Test
    void anUnknownSchemaIdIsRefusedClearly() {
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, config);
        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("images", framed(4711, new byte[]{2, 'x'})));
        assertTrue(e.getMessage().contains("Unknown schema id 4711 in record on topic images"), e.getMessage());
        assertInstanceOf(SchemaRegistryException.SchemaNotFound.class, e.getCause());
    }

    @Test
    void aWriterSchemaTheReaderCannotResolveIsRefusedClearly() {
        registry.setSubjectCompatibility("broken-value", CompatibilityLevel.NONE);
        int broken = registry.register("broken-value", IMAGE_EVENT_BROKEN);
        GenericRecord record = new GenericData.Record(IMAGE_EVENT_BROKEN);
        record.put("id", 7);
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, config);

        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("broken", framed(broken, avroBody(record))));
        assertTrue(e.getMessage().contains("written with schema id " + broken), e.getMessage());
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void mockScopesAreSharedByNameAndIsolatedFromEachOther() {
        AvroSerdes.forValue(ImageEvent.class, config).serializer().serialize("images", imageEvent("s"));
        String other = scope + "-other";
        try {
            byte[] bytes = AvroSerdes.forValue(ImageEvent.class, config).serializer().serialize("images", imageEvent("s"));
            assertEquals(registry.latest("images-value").id(), ConfluentWireFormat.schemaId("images", bytes));
            assertEquals(List.of(), MockSchemaRegistry.scope(other).subjects());
        } finally {
            MockSchemaRegistry.drop(other);
        }
    }

    @Test
    void aMissingRegistryUrlIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> AvroSerdes.forValue(ImageEvent.class, Map.of()));
        assertTrue(e.getMessage().contains("schema.registry.url"), e.getMessage());
    }

    private static Object rawValue(ImageEvent event, String field) {
        Object value = event.get(field);
        return value instanceof java.time.Instant instant ? instant.toEpochMilli() : value;
    }
}
