package faceattr.embedded;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentWireFormat;
import faceattr.avro.HttpSchemaRegistryClient;
import faceattr.avro.SchemaRegistryException;
import faceattr.avro.generated.ImageEvent;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import static faceattr.avro.AvroFixtures.imageEvent;
import static faceattr.avro.SchemaRegistryClientConfig.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * TLS: a self-signed certificate for 127.0.0.1 made with keytool at test time, served by the embedded registry over
 * HTTPS (with basic auth on top), trusted by the client through schema.registry.ssl.truststore.*; and mutual TLS
 * with a client certificate from schema.registry.ssl.keystore.*.
 */
class RegistryTlsTest {
    private static final String SERVER_STORE_PASSWORD = "server-store-pw-1";
    private static final String TRUST_STORE_PASSWORD = "trust-store-pw-2";
    private static final String CLIENT_STORE_PASSWORD = "client-store-pw-3";
    private static final String USER = "tls-user";
    private static final String PASSWORD = "tls-Pa55word";

    @TempDir
    static Path dir;
    private static Path truststore;
    private static EmbeddedSchemaRegistry server;
    private static Path clientStore;
    private static EmbeddedSchemaRegistry mutualServer;

    @BeforeAll
    static void startHttpsRegistry() throws Exception {
        Path serverStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.pem");
        truststore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-validity", "2",
                "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-storepass", SERVER_STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "registry", "-file", certificate.toString(),
                "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-storepass", SERVER_STORE_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", TRUST_STORE_PASSWORD);
        server = EmbeddedSchemaRegistry.builder().tls(serverContext(serverStore, null)).basicAuth(USER, PASSWORD).start();

        clientStore = dir.resolve("client.p12");
        Path clientCertificate = dir.resolve("client.pem");
        Path trustedClients = dir.resolve("trusted-clients.p12");
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=faceattr-client", "-validity", "2",
                "-keystore", clientStore.toString(), "-storetype", "PKCS12", "-storepass", CLIENT_STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "client", "-file", clientCertificate.toString(),
                "-keystore", clientStore.toString(), "-storetype", "PKCS12", "-storepass", CLIENT_STORE_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", clientCertificate.toString(),
                "-keystore", trustedClients.toString(), "-storetype", "PKCS12", "-storepass", TRUST_STORE_PASSWORD);
        mutualServer = EmbeddedSchemaRegistry.builder().tls(serverContext(serverStore, trustedClients), true).start();
    }

    @AfterAll
    static void stop() {
        for (EmbeddedSchemaRegistry registry : new EmbeddedSchemaRegistry[]{server, mutualServer}) {
            if (registry != null) {
                registry.close();
            }
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "keytool " + args[0] + ": " + output);
    }

    /** The server's key, and when given the client certificates it trusts. */
    private static SSLContext serverContext(Path serverStore, Path trustedClients) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(serverStore, SERVER_STORE_PASSWORD), SERVER_STORE_PASSWORD.toCharArray());
        TrustManager[] trust = null;
        if (trustedClients != null) {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(load(trustedClients, TRUST_STORE_PASSWORD));
            trust = factory.getTrustManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust, null);
        return context;
    }

    private static KeyStore load(Path path, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static Map<String, Object> trustingConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(SCHEMA_REGISTRY_URL, server.url());
        config.put(BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        config.put(BASIC_AUTH_USER_INFO, USER + ":" + PASSWORD);
        config.put(SSL_TRUSTSTORE_LOCATION, truststore.toString());
        config.put(SSL_TRUSTSTORE_PASSWORD, TRUST_STORE_PASSWORD);
        config.put(SSL_TRUSTSTORE_TYPE, "PKCS12");
        return config;
    }

    @Test
    void serdesWorkOverHttpsWithTheConfiguredTruststore() {
        assertTrue(server.url().startsWith("https://127.0.0.1:"), server.url());
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class, trustingConfig());
        ImageEvent event = imageEvent("tls-1");

        byte[] bytes = serde.serializer().serialize("images", event);

        assertEquals(server.registry().latest("images-value").id(), ConfluentWireFormat.schemaId("images", bytes));
        assertEquals(event, AvroSerdes.forValue(ImageEvent.class, trustingConfig()).deserializer().deserialize("images", bytes));
    }

    @Test
    void theJvmDefaultTrustRefusesTheSelfSignedCertificate() {
        Map<String, Object> config = trustingConfig();
        config.remove(SSL_TRUSTSTORE_LOCATION);
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(config);

        SchemaRegistryException.Unreachable e = assertThrows(SchemaRegistryException.Unreachable.class,
                () -> client.register("s", ImageEvent.getClassSchema()));
        assertTrue(e.getMessage().contains("SSLHandshakeException"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    @Test
    void aWrongTruststorePasswordIsAConfigErrorThatDoesNotRepeatIt() {
        Map<String, Object> config = trustingConfig();
        config.put(SSL_TRUSTSTORE_PASSWORD, "not-the-password");
        ConfigException e = assertThrows(ConfigException.class, () -> new HttpSchemaRegistryClient(config));
        assertTrue(e.getMessage().contains(SSL_TRUSTSTORE_LOCATION), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
    }

    @Test
    void aRegistryRequiringClientCertificatesServesClientsWithTheConfiguredKeystore() {
        Map<String, Object> config = new HashMap<>();
        config.put(SCHEMA_REGISTRY_URL, mutualServer.url());
        config.put(SSL_TRUSTSTORE_LOCATION, truststore.toString());
        config.put(SSL_TRUSTSTORE_PASSWORD, TRUST_STORE_PASSWORD);
        config.put(SSL_TRUSTSTORE_TYPE, "PKCS12");
        SchemaRegistryException.Unreachable refused = assertThrows(SchemaRegistryException.Unreachable.class,
                () -> new HttpSchemaRegistryClient(config).register("s", ImageEvent.getClassSchema()));
        assertFalse(refused.getMessage().contains(TRUST_STORE_PASSWORD), refused.getMessage());
        assertEquals(List.of(), mutualServer.registry().subjects());

        config.put(SSL_KEYSTORE_LOCATION, clientStore.toString());
        config.put(SSL_KEYSTORE_PASSWORD, CLIENT_STORE_PASSWORD);
        config.put(SSL_KEYSTORE_TYPE, "PKCS12");
        int id = new HttpSchemaRegistryClient(config).register("s", ImageEvent.getClassSchema());

        assertEquals(mutualServer.registry().latest("s").id(), id);
    }
}
