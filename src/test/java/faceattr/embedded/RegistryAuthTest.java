package faceattr.embedded;

import faceattr.avro.AvroSerdes;
import faceattr.avro.HttpSchemaRegistryClient;
import faceattr.avro.SchemaRegistryClientConfig;
import faceattr.avro.SchemaRegistryException;
import faceattr.avro.generated.ImageEvent;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static faceattr.avro.AvroFixtures.imageEvent;
import static faceattr.avro.SchemaRegistryClientConfig.*;
import static org.junit.jupiter.api.Assertions.*;

/** Basic auth: refused without or with wrong credentials, served with them, and the password never leaks. */
class RegistryAuthTest {
    private static final String USER = "faceattr";
    private static final String PASSWORD = "Sup3r-s3cret-Pa55";
    private static final String WRONG_PASSWORD = "Wr0ng-guess-123";

    private EmbeddedSchemaRegistry server;
    private LogCapture logs;

    @BeforeEach
    void start() {
        logs = new LogCapture();
        server = EmbeddedSchemaRegistry.builder().basicAuth(USER, PASSWORD).start();
    }

    @AfterEach
    void stop() {
        server.close();
        String logged = logs.text();
        logs.close();
        assertFalse(logged.isEmpty(), "the capture saw the registry's own log lines");
        assertFalse(logged.contains(PASSWORD), "password in logs");
        assertFalse(logged.contains(WRONG_PASSWORD), "wrong password in logs");
    }

    private static void assertNoSecrets(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(PASSWORD), trace.toString());
        assertFalse(trace.toString().contains(WRONG_PASSWORD), trace.toString());
    }

    @Test
    void refusesRequestsWithoutCredentialsWith401() throws Exception {
        HttpResponse<String> raw = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/subjects")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, raw.statusCode());
        assertTrue(raw.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
        assertTrue(raw.body().contains("\"error_code\":401"), raw.body());

        HttpSchemaRegistryClient anonymous = new HttpSchemaRegistryClient(Map.of(SCHEMA_REGISTRY_URL, server.url()));
        SchemaRegistryException.Unauthorized refused = assertThrows(SchemaRegistryException.Unauthorized.class,
                () -> anonymous.register("images-value", ImageEvent.getClassSchema()));
        assertEquals(401, refused.httpStatus());
        assertEquals(List.of(), server.registry().subjects());
    }

    @Test
    void refusesWrongCredentialsWithoutRepeatingThem() {
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, Map.of(SCHEMA_REGISTRY_URL, server.url(),
                BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO", BASIC_AUTH_USER_INFO, USER + ":" + WRONG_PASSWORD));

        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.serializer().serialize("images", imageEvent("a")));
        assertInstanceOf(SchemaRegistryException.Unauthorized.class, e.getCause());
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertNoSecrets(e);
    }

    @Test
    void servesClientsWithUserInfoCredentials() {
        Map<String, Object> config = Map.of(SCHEMA_REGISTRY_URL, server.url(),
                BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO", SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, USER + ":" + PASSWORD);
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, config);
        ImageEvent event = imageEvent("auth-1");

        assertEquals(event, serde.deserializer().deserialize("images", serde.serializer().serialize("images", event)));
        assertEquals(List.of("images-value"), server.registry().subjects());
    }

    @Test
    void servesClientsWithCredentialsInTheUrlAndKeepsThemOutOfMessages() {
        String withCredentials = server.url().replace("http://", "http://" + USER + ":" + PASSWORD + "@");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(Map.of(SCHEMA_REGISTRY_URL, withCredentials));
        assertEquals(server.registry().register("s", ImageEvent.getClassSchema()),
                client.register("s", ImageEvent.getClassSchema()));

        SchemaRegistryException notFound = assertThrows(SchemaRegistryException.SubjectNotFound.class,
                () -> client.latest("missing"));
        assertTrue(notFound.getMessage().contains(server.url()), notFound.getMessage());
        assertNoSecrets(notFound);

        String deadUrl = "http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + LoopbackPorts.closedPort();
        SchemaRegistryException.Unreachable unreachable = assertThrows(SchemaRegistryException.Unreachable.class,
                () -> new HttpSchemaRegistryClient(Map.of(SCHEMA_REGISTRY_URL, deadUrl)).schemaById(1));
        assertNoSecrets(unreachable);
    }

    @Test
    void configErrorsDoNotEchoCredentials() {
        ConfigException missing = assertThrows(ConfigException.class, () -> new HttpSchemaRegistryClient(Map.of(
                SCHEMA_REGISTRY_URL, server.url(), BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")));
        assertTrue(missing.getMessage().contains(BASIC_AUTH_USER_INFO), missing.getMessage());
        ConfigException badUrl = assertThrows(ConfigException.class, () -> new HttpSchemaRegistryClient(Map.of(
                SCHEMA_REGISTRY_URL, "ftp://" + USER + ":" + PASSWORD + "@127.0.0.1:1")));
        assertNoSecrets(badUrl);
        assertTrue(new SchemaRegistryClientConfig(Map.of(SCHEMA_REGISTRY_URL, server.url(), BASIC_AUTH_USER_INFO,
                USER + ":" + PASSWORD)).getPassword(BASIC_AUTH_USER_INFO).toString().contains("hidden"));
    }
}
