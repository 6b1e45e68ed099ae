package faceattr.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceConfigTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsThenFileThenEnvironmentThenOverrides() throws Exception {
        Path file = Files.writeString(tmp.resolve("faceattr.properties"), """
                bootstrap.servers=broker-from-file:9092
                batch.size=8
                commit.interval.ms=250
                """);
        ServiceConfig c = ServiceConfig.builder().file(file)
                .env(Map.of("FACEATTR_BATCH_SIZE", "12", "FACEATTR_SCHEMA_REGISTRY_URL", "http://127.0.0.1:18081",
                        "FACEATTR_LOG_LEVEL", "DEBUG", "PATH", "/usr/bin"))
                .set("max.faces", 3)
                .build();
        assertEquals("broker-from-file:9092", c.get("bootstrap.servers"));
        assertEquals(12, c.getInt("batch.size"), "environment beats file");
        assertEquals("http://127.0.0.1:18081", c.get("schema.registry.url"));
        assertEquals(3, c.getInt("max.faces"));
        assertEquals("images", c.get("input.topic"));
        assertEquals("exactly_once_v2", c.get("processing.guarantee"));
        assertNull(c.asMap().get("log.level"), "FACEATTR_LOG_LEVEL is logging's, not the service's");
    }

    @Test
    void streamsPropertiesPassKafkaKeysAndKeepOursOut() throws Exception {
        ServiceConfig c = ServiceConfig.builder().set("commit.interval.ms", "250")
                .set("producer.compression.type", "zstd").build();
        Properties p = c.streamsProperties();
        assertEquals("250", p.getProperty("commit.interval.ms"));
        assertEquals("zstd", p.getProperty("producer.compression.type"));
        assertEquals("faceattr", p.getProperty("application.id"));
        assertEquals("600000", p.getProperty("max.poll.interval.ms"));
        assertFalse(p.containsKey("batch.size"), "ours, not the producer's batch.size");
        assertFalse(p.containsKey("input.topic"));
        assertFalse(p.containsKey("schema.registry.url"));
    }

    @Test
    void staticMembershipIdIsDerivedFromHostAndStateDirUnlessSetOrOff() {
        ServiceConfig a = ServiceConfig.builder().set("state.dir", tmp.resolve("a").toString()).build();
        ServiceConfig again = ServiceConfig.builder().set("state.dir", tmp.resolve("a").toString()).build();
        ServiceConfig b = ServiceConfig.builder().set("state.dir", tmp.resolve("b").toString()).build();
        String id = a.streamsProperties().getProperty("group.instance.id");
        assertTrue(id.matches("faceattr-" + java.util.regex.Pattern.quote(
                ServiceConfig.hostName().replaceAll("[^A-Za-z0-9._-]", "_")) + "-[0-9a-f]{8}"), id);
        assertEquals(id, again.streamsProperties().getProperty("group.instance.id"), "stable across restarts");
        assertFalse(id.equals(b.streamsProperties().getProperty("group.instance.id")), "one per state directory");
        assertEquals("pod-7", ServiceConfig.builder().set("group.instance.id", "pod-7").build().streamsProperties()
                .getProperty("group.instance.id"));
        assertFalse(ServiceConfig.builder().set("group.instance.id", "").build().streamsProperties()
                .containsKey("group.instance.id"), "empty: dynamic membership");
        assertFalse(ServiceConfig.builder().set("group.protocol", "streams").build().streamsProperties()
                .containsKey("group.instance.id"), "the streams protocol has no static membership");
        assertThrows(IllegalArgumentException.class,
                () -> ServiceConfig.builder().set("model.watch.interval.ms", -1).build());
        assertTrue(ServiceConfig.isSecret("admin.token"), "the admin token is masked in logs");
    }

    @Test
    void environmentNamesMapToDottedKeys() {
        assertEquals("bootstrap.servers", ServiceConfig.keyOfEnv("FACEATTR_BOOTSTRAP_SERVERS"));
        assertEquals("batch.max.wait.ms", ServiceConfig.keyOfEnv("FACEATTR_BATCH_MAX_WAIT_MS"));
        assertNull(ServiceConfig.keyOfEnv("BOOTSTRAP_SERVERS"));
        assertNull(ServiceConfig.keyOfEnv("FACEATTR_JAVA_OPTS"));
    }

    @Test
    void secretsAreMaskedWhenPrinted() {
        ServiceConfig c = ServiceConfig.builder()
                .set("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"u\" password=\"hunter2\";")
                .set("ssl.truststore.password", "hunter3")
                .set("basic.auth.user.info", "user:hunter4").build();
        String printed = c.describe();
        assertFalse(printed.contains("hunter"), printed);
        assertTrue(printed.contains("sasl.jaas.config=********"));
        assertTrue(printed.contains("input.topic=images"));
    }

    @Test
    void invalidValuesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ServiceConfig.builder().set("processing.guarantee", "exactly_once").build());
        assertThrows(IllegalArgumentException.class, () -> ServiceConfig.builder().set("batch.size", "0").build());
        assertThrows(IllegalArgumentException.class, () -> ServiceConfig.builder().set("batch.size", "many").build());
        assertEquals("at_least_once", ServiceConfig.builder().set("processing.guarantee", "at_least_once").build()
                .get("processing.guarantee"));
    }
}
