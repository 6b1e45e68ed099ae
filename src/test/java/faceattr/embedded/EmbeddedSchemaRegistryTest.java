package faceattr.embedded;

import faceattr.avro.AvroFixtures;
import faceattr.avro.AvroSerdes;
import faceattr.avro.CompatibilityLevel;
import faceattr.avro.ConfluentWireFormat;
import faceattr.avro.HttpSchemaRegistryClient;
import faceattr.avro.SchemaRegistryClient;
import faceattr.avro.SchemaRegistryClientConfig;
import faceattr.avro.SchemaRegistryException;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static faceattr.avro.AvroFixtures.IMAGE_EVENT_V1;
import static faceattr.avro.AvroFixtures.imageEvent;
import static org.junit.jupiter.api.Assertions.*;

/** The embedded registry over HTTP: the Confluent REST API as raw requests, and our client and serdes through it. */
class EmbeddedSchemaRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Schema A_INT = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
    private static final Schema A_B_REQUIRED = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"int\"}]}");

    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedSchemaRegistry server;

    @BeforeEach
    void start() {
        server = EmbeddedSchemaRegistry.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, Object> config() {
        return Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, server.url());
    }

    private record Answer(int status, JsonNode body, String contentType) {
    }

    private Answer call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    private static String schemaBody(Schema schema) throws Exception {
        return JSON.writeValueAsString(Map.of("schema", schema.toString()));
    }

    @Test
    void speaksTheConfluentRestApi() throws Exception {
        assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
        Answer registered = call("POST", "/subjects/images-value/versions", schemaBody(ImageEvent.getClassSchema()));
        assertEquals(200, registered.status());
        assertEquals(CONTENT_TYPE, registered.contentType());
        int id = registered.body().get("id").asInt();
        assertEquals(id, call("POST", "/subjects/archive-value/versions", schemaBody(ImageEvent.getClassSchema())).body().get("id").asInt());
        assertEquals(id, call("POST", "/subjects/images-value/versions",
                "{\"schema\":" + JSON.writeValueAsString(ImageEvent.getClassSchema().toString()) + ",\"schemaType\":\"AVRO\",\"references\":[]}")
                .body().get("id").asInt());

        JsonNode byId = call("GET", "/schemas/ids/" + id, null).body();
        assertEquals(ImageEvent.getClassSchema(), new Schema.Parser().parse(byId.get("schema").asText()));
        assertEquals("ImageEvent", call("GET", "/schemas/ids/" + id + "/schema", null).body().get("name").asText());
        assertEquals("[\"archive-value\",\"images-value\"]", call("GET", "/subjects", null).body().toString());
        assertEquals("[1]", call("GET", "/subjects/images-value/versions", null).body().toString());
        JsonNode latest = call("GET", "/subjects/images-value/versions/latest", null).body();
        assertEquals("images-value", latest.get("subject").asText());
        assertEquals(1, latest.get("version").asInt());
        assertEquals(id, latest.get("id").asInt());
        assertEquals(latest, call("GET", "/subjects/images-value/versions/1", null).body());
        assertEquals(latest, call("POST", "/subjects/images-value", schemaBody(ImageEvent.getClassSchema())).body());
        assertEquals("[\"AVRO\"]", call("GET", "/schemas/types", null).body().toString());
        assertEquals("[1]", call("DELETE", "/subjects/archive-value", null).body().toString());
        assertEquals("[\"images-value\"]", call("GET", "/subjects", null).body().toString());
    }

    @Test
    void answersErrorsWithConfluentCodes() throws Exception {
        call("POST", "/subjects/s/versions", schemaBody(A_INT));

        assertError(call("GET", "/subjects/nope/versions/latest", null), 404, 40401);
        assertError(call("GET", "/subjects/s/versions/7", null), 404, 40402);
        assertError(call("GET", "/schemas/ids/999", null), 404, 40403);
        assertError(call("POST", "/subjects/s", schemaBody(A_B_REQUIRED)), 404, 40403);
        assertError(call("GET", "/subjects/s/versions/zero", null), 422, 42202);
        assertError(call("POST", "/subjects/s/versions", schemaBody(A_B_REQUIRED)), 409, 409);
        assertError(call("POST", "/subjects/s/versions", "{\"schema\":\"{\\\"type\\\":\\\"record\\\"}\"}"), 422, 42201);
        Answer protobuf = call("POST", "/subjects/p/versions", "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}");
        assertError(protobuf, 422, 42201);
        assertTrue(protobuf.body().get("message").asText().contains("Unsupported schemaType PROTOBUF"));
        assertError(call("POST", "/subjects/s/versions", "not json"), 400, 400);
        assertError(call("GET", "/nothing/here", null), 404, 404);
        assertError(call("DELETE", "/schemas/ids/1", null), 405, 405);
        assertError(call("DELETE", "/schemas/ids/12345", null), 405, 405);
    }

    @Test
    void checksCompatibilityAndKeepsConfig() throws Exception {
        call("POST", "/subjects/s/versions", schemaBody(A_INT));
        assertEquals("BACKWARD", call("GET", "/config", null).body().get("compatibilityLevel").asText());

        JsonNode incompatible = call("POST", "/compatibility/subjects/s/versions/latest?verbose=true", schemaBody(A_B_REQUIRED)).body();
        assertFalse(incompatible.get("is_compatible").asBoolean());
        assertTrue(incompatible.get("messages").get(0).asText().contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
        assertFalse(call("POST", "/compatibility/subjects/s/versions/1", schemaBody(A_B_REQUIRED)).body().get("is_compatible").asBoolean());
        assertError(call("POST", "/compatibility/subjects/s/versions/2", schemaBody(A_B_REQUIRED)), 404, 40402);

        assertError(call("GET", "/config/s", null), 404, 40408);
        assertEquals("BACKWARD", call("GET", "/config/s?defaultToGlobal=true", null).body().get("compatibilityLevel").asText());
        assertEquals("FORWARD", call("PUT", "/config/s", "{\"compatibility\":\"FORWARD\"}").body().get("compatibility").asText());
        assertEquals("FORWARD", call("GET", "/config/s", null).body().get("compatibilityLevel").asText());
        assertTrue(call("POST", "/compatibility/subjects/s/versions/latest", schemaBody(A_B_REQUIRED)).body().get("is_compatible").asBoolean());
        assertEquals(200, call("POST", "/subjects/s/versions", schemaBody(A_B_REQUIRED)).status());
        assertEquals("FULL_TRANSITIVE", call("PUT", "/config", "{\"compatibility\":\"full_transitive\"}").body().get("compatibility").asText());
        assertEquals(CompatibilityLevel.FULL_TRANSITIVE, server.registry().globalCompatibility());
        assertError(call("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        assertEquals("FORWARD", call("DELETE", "/config/s", null).body().get("compatibilityLevel").asText());
        assertEquals(CompatibilityLevel.FULL_TRANSITIVE, server.registry().effectiveCompatibility("s"));
    }

    private static void assertError(Answer answer, int status, int errorCode) {
        assertEquals(status, answer.status(), answer.body().toString());
        assertEquals(errorCode, answer.body().get("error_code").asInt(), answer.body().toString());
        assertFalse(answer.body().get("message").asText().isBlank());
        assertEquals(CONTENT_TYPE, answer.contentType());
    }

    @Test
    void theHttpClientTurnsErrorBodiesIntoTypedExceptions() {
        SchemaRegistryClient client = new HttpSchemaRegistryClient(config());
        int id = client.register("s", A_INT);

        assertEquals(id, client.lookup("s", A_INT).id());
        assertEquals(A_INT, client.latest("s").schema());
        assertFalse(client.testCompatibility("s", A_B_REQUIRED).compatible());
        assertFalse(client.testCompatibility("s", A_B_REQUIRED).messages().isEmpty());
        assertTrue(client.testCompatibility("brand-new", A_B_REQUIRED).compatible());
        SchemaRegistryException.Incompatible incompatible = assertThrows(SchemaRegistryException.Incompatible.class,
                () -> client.register("s", A_B_REQUIRED));
        assertEquals(409, incompatible.httpStatus());
        assertTrue(incompatible.getMessage().contains("HTTP 409"), incompatible.getMessage());
        assertThrows(SchemaRegistryException.SubjectNotFound.class, () -> client.latest("nope"));
        assertThrows(SchemaRegistryException.SchemaNotFound.class, () -> client.schemaById(999));
        assertThrows(SchemaRegistryException.SchemaNotFound.class, () -> client.lookup("s", A_B_REQUIRED));
        Schema fixed = new Schema.Parser().parse("{\"type\":\"fixed\",\"name\":\"F\",\"size\":2}");
        assertEquals(fixed, client.schemaById(client.register("subject with spaces/and+slash", fixed)));
        assertEquals(List.of("s", "subject with spaces/and+slash"), server.registry().subjects());
    }

    @Test
    void serdesRoundTripThroughTheHttpRegistryWithTheIdItReturned() throws Exception {
        Serde<ImageEvent> images = AvroSerdes.forValue(ImageEvent.class, config());
        Serde<FaceAttributes> results = AvroSerdes.forValue(FaceAttributes.class, config());
        ImageEvent event = imageEvent("http-1");

        byte[] bytes = images.serializer().serialize("images", event);
        byte[] resultBytes = results.serializer().serialize("face-attributes", AvroFixtures.faceAttributes("http-1"));

        int registeredId = call("GET", "/subjects/images-value/versions/latest", null).body().get("id").asInt();
        assertEquals(0, bytes[0]);
        assertEquals(registeredId, ConfluentWireFormat.schemaId("images", bytes));
        assertEquals(event, AvroSerdes.forValue(ImageEvent.class, config()).deserializer().deserialize("images", bytes));
        assertEquals(AvroFixtures.faceAttributes("http-1"), results.deserializer().deserialize("face-attributes", resultBytes));
    }

    @Test
    void anOlderProducersRecordIsReadOverHttp() {
        int v1 = server.registry().register("images-value", IMAGE_EVENT_V1);
        GenericRecord old = new GenericData.Record(IMAGE_EVENT_V1);
        old.put("id", "old-http");
        old.put("data", ByteBuffer.wrap(new byte[]{1, 2, 3}));

        ImageEvent read = AvroSerdes.forValue(ImageEvent.class, config()).deserializer()
                .deserialize("images", AvroFixtures.framed(v1, AvroFixtures.avroBody(old)));

        assertEquals("old-http", read.getId());
        assertEquals(ByteBuffer.wrap(new byte[]{1, 2, 3}), read.getData());
        assertNull(read.getCapturedAt());
        assertEquals(Map.of(), read.getMetadata());
    }

    @Test
    void idsAndSchemasAreFetchedOncePerClient() {
        Serde<ImageEvent> producer = AvroSerdes.forValue(ImageEvent.class, config());
        long before = server.requestsServed();
        byte[] first = producer.serializer().serialize("images", imageEvent("c-0"));
        for (int i = 1; i < 50; i++) {
            producer.serializer().serialize("images", imageEvent("c-" + i));
        }
        assertEquals(1, server.requestsServed() - before, "one registration for 50 records");

        Serde<ImageEvent> consumer = AvroSerdes.forValue(ImageEvent.class, config());
        before = server.requestsServed();
        for (int i = 0; i < 50; i++) {
            assertEquals("c-0", consumer.deserializer().deserialize("images", first).getId());
        }
        assertEquals(1, server.requestsServed() - before, "one schema fetch for 50 records");

        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(config());
        before = server.requestsServed();
        int id = ConfluentWireFormat.schemaId("images", first);
        assertSame(client.schemaById(id), client.schemaById(id));
        client.lookup("images-value", ImageEvent.getClassSchema());
        client.lookup("images-value", ImageEvent.getClassSchema());
        client.register("images-value", ImageEvent.getClassSchema());
        assertEquals(2, server.requestsServed() - before, "one GET by id and one lookup; the lookup answers register");
    }

    @Test
    void oneSerdeIsSafeToShareBetweenThreads() throws Exception {
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, config());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int id = -1;
                    for (int i = 0; i < 50; i++) {
                        ImageEvent event = imageEvent("t" + thread + "-" + i);
                        byte[] bytes = serde.serializer().serialize("images", event);
                        assertEquals(event, serde.deserializer().deserialize("images", bytes));
                        id = ConfluentWireFormat.schemaId("images", bytes);
                    }
                    return id;
                }));
            }
            List<Integer> ids = new ArrayList<>();
            for (Future<Integer> result : results) {
                ids.add(result.get());
            }
            int registered = server.registry().latest("images-value").id();
            assertEquals(List.of(registered, registered, registered, registered), ids);
            assertEquals(List.of(1), server.registry().versions("images-value"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnreachableRegistryIsAClearSerializationError() {
        int deadPort = LoopbackPorts.closedPort();
        Map<String, Object> dead = Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + deadPort);
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, dead);

        SerializationException write = assertThrows(SerializationException.class,
                () -> serde.serializer().serialize("images", imageEvent("u")));
        assertTrue(write.getMessage().contains("Schema registry http://127.0.0.1:" + deadPort + " unreachable"), write.getMessage());
        assertInstanceOf(SchemaRegistryException.Unreachable.class, write.getCause());
        SerializationException read = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("images", AvroFixtures.framed(1, new byte[]{2, 'x'})));
        assertTrue(read.getMessage().startsWith("Cannot fetch schema id 1 for a record on topic images"), read.getMessage());
    }

    @Test
    void failsOverToTheNextUrlWhenOneIsDown() {
        int deadPort = LoopbackPorts.closedPort();
        SchemaRegistryClient client = new HttpSchemaRegistryClient(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL,
                "http://127.0.0.1:" + deadPort + "," + server.url()));
        assertEquals(server.registry().register("s", A_INT), client.register("s", A_INT));
    }

    @Test
    void fallsBackToAFreePortWhenThePreferredOneIsTaken() {
        try (EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.builder().port(server.port()).fallbackToFreePort(true).start()) {
            assertNotEquals(server.port(), second.port());
            assertEquals(1, new HttpSchemaRegistryClient(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, second.url()))
                    .register("s", A_INT));
        }
        assertThrows(UncheckedIOException.class, () -> EmbeddedSchemaRegistry.start(server.port()));
    }
}
