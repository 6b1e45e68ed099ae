package faceattr.search;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.FaceAttributes;
import faceattr.bench.SyntheticAttributeRecords;
import faceattr.data.Attributes;
import faceattr.embedded.EmbeddedKafka;
import faceattr.embedded.EmbeddedSchemaRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash test of the index: the search runs as a separate JVM while attribute records, replacements and tombstones
 * are written to the output topic in transactions (some aborted); it is SIGKILLed at random moments during indexing
 * and restarted. Afterwards the index must hold exactly the output topic's committed latest record per image id
 * (tombstoned ids absent): none lost, none twice, no aborted record, no stale version.
 */
@Tag("process")
class SearchKillTest {
    private static final Logger log = LoggerFactory.getLogger(SearchKillTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String OUT = "face-attributes";
    private static final int IDS = 900;
    private static final int TRANSACTIONS = 160;
    private static final int PER_TRANSACTION = 20;
    private static final int KILLS = 3;

    @TempDir
    Path tmp;

    @Test
    void afterSigkillsTheIndexEqualsTheOutputTopic() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        log.info("search kill test seed {}", seed);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().host("127.0.0.1").port(0).start()) {
            kafka.createTopics(2, "images", OUT);
            int port = freePort();
            Writer writer = new Writer(kafka.bootstrapServers(), registry.url(), seed);
            Thread writing = new Thread(writer, "search-kill-writer");
            writing.start();
            int run = 0;
            for (int kill = 1; kill <= KILLS; kill++) {
                Process p = launch(kafka.bootstrapServers(), registry.url(), port, ++run);
                if (random.nextBoolean()) {
                    awaitAnswering(p, port, run);
                }
                long waitMs = 300 + random.nextInt(2_500);
                Thread.sleep(waitMs);
                p.destroyForcibly().waitFor();
                log.info("kill {}: SIGKILL {} ms into run {} ({} transactions written)", kill, waitMs, run,
                        writer.transactions);
            }
            writing.join();
            assertTrue(writer.error == null, () -> "writer failed: " + writer.error);
            Map<String, String> expected = committedLatest(kafka.bootstrapServers(), registry.url());
            Process last = launch(kafka.bootstrapServers(), registry.url(), port, ++run);
            try {
                awaitAnswering(last, port, run);
                Indexed indexed = new Indexed(Map.of(), -1, List.of());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < deadline) {
                    indexed = indexed(port);
                    if (indexed.ids().equals(expected) && indexed.pagedTwice().isEmpty()) {
                        break;
                    }
                    Thread.sleep(500);
                }
                System.err.printf("SEARCH-KILL-TEST transactions=%d aborted=%d sigkills=%d expected=%d indexed=%d "
                        + "seed=%d%n", TRANSACTIONS, writer.aborted, KILLS, expected.size(), indexed.ids().size(), seed);
                assertTrue(expected.size() > IDS / 2, "the topic holds a real workload");
                assertEquals(expected, indexed.ids(), "the index holds exactly the committed latest record per id");
                assertEquals(expected.size(), indexed.total(), "no image indexed twice");
                assertEquals(List.of(), indexed.pagedTwice(), "no image on two pages");
            } finally {
                last.destroyForcibly().waitFor();
            }
        }
    }

    /** Writes versions of {@value #IDS} image ids and tombstones in transactions, every seventh aborted. */
    private static final class Writer implements Runnable {
        private final String bootstrap;
        private final String registry;
        private final Random random;
        volatile int transactions;
        volatile int aborted;
        volatile Throwable error;

        Writer(String bootstrap, String registry, long seed) {
            this.bootstrap = bootstrap;
            this.registry = registry;
            this.random = new Random(seed + 1);
        }

        @Override
        public void run() {
            SyntheticAttributeRecords records = new SyntheticAttributeRecords(Attributes.NAMES, 3);
            try (ConfluentAvroSerde<FaceAttributes> serde = AvroSerdes.forValue(FaceAttributes.class,
                    Map.of("schema.registry.url", registry));
                 var producer = new KafkaProducer<>(Map.<String, Object>of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                         ProducerConfig.TRANSACTIONAL_ID_CONFIG, "search-kill-writer"),
                         new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.initTransactions();
                int version = 0;
                for (int t = 0; t < TRANSACTIONS; t++) {
                    producer.beginTransaction();
                    for (int k = 0; k < PER_TRANSACTION; k++) {
                        int i = random.nextInt(IDS);
                        String id = SyntheticAttributeRecords.id(i);
                        byte[] value = random.nextInt(10) == 0 ? null
                                : serde.serializer().serialize(OUT, records.record(i, ++version));
                        producer.send(new ProducerRecord<>(OUT, id.getBytes(StandardCharsets.UTF_8), value));
                    }
                    if (t % 7 == 6) {
                        producer.abortTransaction();
                        aborted++;
                    } else {
                        producer.commitTransaction();
                    }
                    transactions = t + 1;
                    Thread.sleep(60);
                }
            } catch (Throwable e) {
                error = e;
            }
        }
    }

    /** The output topic as read_committed: the latest record per id (its processedAt), tombstones removing. */
    private static Map<String, String> committedLatest(String bootstrap, String registry) {
        Map<String, String> latest = new TreeMap<>();
        try (ConfluentAvroSerde<FaceAttributes> serde = AvroSerdes.forValue(FaceAttributes.class,
                Map.of("schema.registry.url", registry));
             var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                     ConsumerConfig.GROUP_ID_CONFIG, "search-kill-reader"),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(OUT).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(OUT, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    String id = new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) {
                        latest.remove(id);
                    } else {
                        latest.put(id, serde.deserializer().deserialize(OUT, r.value()).getProcessedAt().toString());
                    }
                });
            }
        }
        return latest;
    }

    /** One pass over the index: id to processedAt, the reported total, ids met on two pages. */
    private record Indexed(Map<String, String> ids, long total, List<String> pagedTwice) {
    }

    /**
     * Every hit of the index, paged with the cursor. While the restarted index still catches up, a replaced image's
     * new score can move it past the cursor onto a later page, so ids met twice are reported, not failed at once.
     */
    private static Indexed indexed(int port) throws Exception {
        Map<String, String> ids = new TreeMap<>();
        List<String> twice = new ArrayList<>();
        long total = -1;
        String cursor = null;
        do {
            HttpResponse<String> r = get(port, "/search?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            if (r.statusCode() != 200) {
                return new Indexed(Map.of("not ready", r.body()), -1, List.of());
            }
            JsonNode page = JSON.readTree(r.body());
            total = total < 0 ? page.get("total").asLong() : total;
            for (JsonNode hit : page.get("hits")) {
                if (ids.put(hit.get("imageId").asText(), hit.get("processedAt").asText()) != null) {
                    twice.add(hit.get("imageId").asText());
                }
            }
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return new Indexed(ids, total, twice);
    }

    private Process launch(String bootstrap, String registry, int port, int run) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SearchProcessMain.class.getName(), bootstrap, registry, Integer.toString(port),
                tmp.resolve("state").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logOf(run).toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("FACEATTR_"));
        return pb.start();
    }

    private Path logOf(int run) {
        return tmp.resolve("search-" + run + ".log");
    }

    private void awaitAnswering(Process p, int port, int run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("search run " + run + " exited:\n" + Files.readString(logOf(run)));
            }
            try {
                if (get(port, "/search?limit=1").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("search run " + run + " never answered:\n" + Files.readString(logOf(run)));
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
