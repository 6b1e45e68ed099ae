package faceattr.stream;

import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import faceattr.errors.ReasonCode;
import faceattr.model.FaceTagger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same end-to-end contract against the real products in Docker: the apache/kafka image and Confluent's schema
 * registry. Skips where there is no Docker; {@link FaceAttrServiceIntegrationTest} covers it everywhere.
 */
@Tag("broker")
class FaceAttrServiceContainersTest {
    @TempDir
    Path tmp;

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @Test
    void imagesInAttributesAndDeadLettersOutOnDockerKafkaAndSchemaRegistry() throws Exception {
        Assumptions.assumeTrue(dockerAvailable(), "no Docker engine here: the Testcontainers variant is skipped");
        try (Network network = Network.newNetwork();
             KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0").withNetwork(network)
                     .withNetworkAliases("kafka")
                     .withListener("kafka:19092");
             GenericContainer<?> registry = new GenericContainer<>("confluentinc/cp-schema-registry:7.9.0")
                     .withNetwork(network)
                     .withExposedPorts(8081)
                     .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                     .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                     .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                     .waitingFor(Wait.forHttp("/subjects").forStatusCode(200))
                     .dependsOn(kafka)) {
            kafka.start();
            registry.start();
            String bootstrap = kafka.getBootstrapServers();
            String registryUrl = "http://localhost:" + registry.getMappedPort(8081);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("images", 1, (short) 1),
                        new NewTopic("face-attributes", 1, (short) 1),
                        new NewTopic("images.dlq", 1, (short) 1))).all().get();
            }
            Serde<ImageEvent> events = StreamTestSerdes.imageEvents(registryUrl);
            List<byte[][]> records = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = "c-" + i;
                byte[] value = i % 5 == 4 ? ("not avro " + i).getBytes(StandardCharsets.UTF_8)
                        : events.serializer().serialize("images", TestImages.inline(id, SynthFaces.jpeg(i)));
                records.add(new byte[][] {id.getBytes(StandardCharsets.UTF_8), value});
            }
            KafkaFixture.produce(bootstrap, "images", records);
            ServiceConfig config = ServiceConfig.builder()
                    .set("bootstrap.servers", bootstrap)
                    .set("schema.registry.url", registryUrl)
                    .set("batch.size", 4)
                    .set("state.dir", tmp.resolve("state").toString())
                    .build();
            List<ConsumerRecord<byte[], byte[]>> results;
            try (FaceTagger tagger = StreamTestSerdes.tagger();
                 FaceAttrService service = FaceAttrService.create(config, tagger)) {
                service.checkTopics(Duration.ofSeconds(30));
                service.start();
                results = KafkaFixture.consumeUntil(bootstrap, List.of("face-attributes", "images.dlq"),
                        "read_committed", Duration.ofSeconds(120), r -> r.size() >= 20);
            }
            assertEquals(16, results.stream().filter(r -> r.topic().equals("face-attributes")).count());
            List<ConsumerRecord<byte[], byte[]>> letters = results.stream()
                    .filter(r -> r.topic().equals("images.dlq")).toList();
            assertEquals(4, letters.size());
            letters.forEach(r -> assertEquals(ReasonCode.DESERIALIZATION.name(),
                    DeadLetters.header(r.headers(), DeadLetters.REASON)));
        }
    }
}
