package faceattr.cli;

import faceattr.avro.AvroSerdes;
import faceattr.avro.generated.Attribute;
import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.FaceBox;
import faceattr.embedded.EmbeddedKafka;
import faceattr.embedded.EmbeddedSchemaRegistry;
import faceattr.image.TestImages;
import faceattr.result.ResultFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code faceattr produce} then {@code faceattr consume} on a real broker and the embedded registry. */
@Tag("broker")
class ProduceConsumeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void producedImagesAreReadBackAsEvents() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        Files.write(dir.resolve("a.png"), TestImages.png(TestImages.gradient(64, 48)));
        Files.write(dir.resolve("b.jpg"), TestImages.jpeg(TestImages.quadrants(64, 64)));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().host("127.0.0.1").port(0).start()) {
            kafka.createTopics(1, "images");
            String[] connect = {"-b", kafka.bootstrapServers(), "--schema-registry-url", registry.url()};
            String produced = run(concat(new String[] {"produce", "--topic", "images", "--dir", dir.toString()},
                    connect));
            assertEquals(2, produced.lines().filter(l -> l.matches("[ab]\\.(png|jpg) -> images-0@\\d+ .*")).count(),
                    produced);
            run(concat(new String[] {"produce", "--topic", "images", "--uri", dir.resolve("a.png").toString()},
                    connect));
            String lines = run(concat(new String[] {"consume", "--topic", "images", "--max", "3"}, connect));
            List<String> events = lines.lines().filter(l -> l.startsWith("EVENT")).toList();
            assertEquals(3, events.size(), lines);
            assertTrue(events.get(0).contains("a.png") && events.get(0).contains("bytes inline"), lines);
            assertTrue(events.get(2).contains("file:///"), lines);
            String json = run(concat(new String[] {"consume", "--topic", "images", "--max", "1", "--json"}, connect));
            JsonNode node = new ObjectMapper().readTree(json.lines().findFirst().orElseThrow());
            assertEquals("a.png", node.get("key").asText());
            assertEquals("a.png", node.get("value").get("id").asText());
            assertEquals("image/png", node.get("value").get("contentType").asText());
        }
    }

    /** A published result reads as {@code tag} prints one: the same line, and the same JSON as the value. */
    @Test
    void consumedResultsReadAsTagPrintsThem() throws Exception {
        FaceAttributes record = FaceAttributes.newBuilder().setImageId("img-7").setSource("cam-2")
                .setModelVersion("v1").setProcessedAt(Instant.ofEpochMilli(1_700_000_000_000L)).setLatencyMs(12)
                .setImageWidth(320).setImageHeight(240)
                .setFaces(List.of(Face.newBuilder()
                        .setBox(FaceBox.newBuilder().setX(10).setY(20).setWidth(30).setHeight(40).setLeft(10 / 320f)
                                .setTop(20 / 240f).setRelWidth(30 / 320f).setRelHeight(40 / 240f).build())
                        .setLocalizationScore(0.8f)
                        .setAttributes(List.of(new Attribute("Smiling", 0.9f, true), new Attribute("Male", 0.1f,
                                false)))
                        .build()))
                .setMetadata(Map.of("b", "2", "a", "1")).build();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().host("127.0.0.1").port(0).start()) {
            kafka.createTopics(1, "face-attributes");
            var serde = AvroSerdes.forValue(FaceAttributes.class, Map.of("schema.registry.url", registry.url()));
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("face-attributes", "img-7".getBytes(StandardCharsets.UTF_8),
                        serde.serializer().serialize("face-attributes", record))).get();
            }
            String[] connect = {"-b", kafka.bootstrapServers(), "--schema-registry-url", registry.url()};
            String line = run(concat(new String[] {"consume", "--topic", "face-attributes", "--max", "1"}, connect));
            assertEquals(ResultFormat.line(record), line.strip());
            String json = run(concat(new String[] {"consume", "--topic", "face-attributes", "--max", "1", "--json"},
                    connect));
            JsonNode node = new ObjectMapper().readTree(json.lines().findFirst().orElseThrow());
            assertEquals(List.of("topic", "partition", "offset", "key", "value"), keys(node));
            assertEquals(new ObjectMapper().writeValueAsString(ResultFormat.json(record)),
                    new ObjectMapper().writeValueAsString(node.get("value")), "the value's keys and text as tag's");
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, String.join(" ", args) + " failed:\n" + out);
        return out;
    }
}
