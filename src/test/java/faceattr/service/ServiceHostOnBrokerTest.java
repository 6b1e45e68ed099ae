package faceattr.service;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import faceattr.embedded.EmbeddedKafka;
import faceattr.embedded.EmbeddedSchemaRegistry;
import faceattr.http.HttpEndpoints;
import faceattr.model.FaceTagger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The serve wiring ({@link ServiceHost}) on the in-JVM KRaft broker with the embedded registry: {@code /readyz}
 * walks through "model not loaded", "Kafka Streams not created", CREATED/initial assignment, ready, and "shutting
 * down"; {@code /metrics} carries our series and Kafka Streams' own; a graceful stop in the middle of the input and
 * a restart give exactly one output per input.
 */
@Tag("broker")
class ServiceHostOnBrokerTest {
    @TempDir
    Path stateDir;

    @Test
    void readinessMetricsAndAGracefulStopAndRestart() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().host("127.0.0.1").port(0).start();
             ConfluentAvroSerde<ImageEvent> events = AvroSerdes.forValue(ImageEvent.class,
                     Map.of("schema.registry.url", registry.url()))) {
            kafka.createTopics(2, "images", "face-attributes", "images.dlq");
            ServiceConfig config = ServiceConfig.builder()
                    .set("bootstrap.servers", kafka.bootstrapServers())
                    .set("schema.registry.url", registry.url())
                    .set("state.dir", stateDir.toString())
                    .set("http.host", "127.0.0.1")
                    .set("http.port", 0)
                    .set("batch.size", 4)
                    .set("batch.max.wait.ms", 100)
                    // Kafka Streams' close() does not leave the group: the restarted member waits for the old
                    // member's session to expire before it gets the partitions (45 s by default)
                    .set("session.timeout.ms", 6_000)
                    .set("heartbeat.interval.ms", 1_000)
                    .build();
            List<String> ids = new ArrayList<>();
            produce(kafka.bootstrapServers(), events, ids, 0, 60);
            ExecutorService runner = Executors.newSingleThreadExecutor();
            try {
                // first life: readiness sequence, metrics, then a graceful stop with input left to do
                try (ServiceHost host = ServiceHost.start(config)) {
                    int port = host.httpPort();
                    assertEquals(200, Http.get(port, HttpEndpoints.HEALTH_PATH).statusCode());
                    assertReason(port, "model not loaded");
                    FaceTagger tagger = host.model(new PacedTestTagger(20));
                    assertReason(port, "Kafka Streams not created");
                    Future<Integer> exit = runner.submit(host::run);
                    awaitReadyz(port);

                    String text = awaitSample(port, "faceattr_images_tagged_total", 4, Duration.ofSeconds(60));
                    assertTrue(text.lines().anyMatch(l -> l.startsWith("kafka_stream_thread_process_total{")),
                            "stream-thread metrics are bound");
                    assertTrue(text.lines().anyMatch(l -> l.startsWith("kafka_consumer_fetch_manager_records_lag_max{")),
                            "consumer lag, the series docs/operations.md alerts on");
                    assertTrue(text.lines().anyMatch(l -> l.startsWith("kafka_producer_")), "producer metrics");
                    assertEquals(1, Http.sample(text, "faceattr_model_info{version=\"" + PacedTestTagger.VERSION
                            + "\"}"));
                    assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM metrics");

                    host.stop();
                    assertEquals(0, exit.get(60, TimeUnit.SECONDS), "a graceful stop returns 0");
                    assertThrows(IOException.class, () -> Http.get(port, HttpEndpoints.HEALTH_PATH),
                            "the endpoints are closed");
                }
                produce(kafka.bootstrapServers(), events, ids, 60, 40);
                // second life: takes over where the first committed
                try (ServiceHost host = ServiceHost.start(config)) {
                    FaceTagger tagger = host.model(new PacedTestTagger(1));
                    Future<Integer> exit = runner.submit(host::run);
                    awaitReadyz(host.httpPort());
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (OutputCheck.outputsPerId(kafka.bootstrapServers(), "read_committed", "face-attributes",
                            "images.dlq").size() < ids.size() && System.nanoTime() < deadline) {
                        Thread.sleep(500);
                    }
                    host.stop();
                    assertEquals(0, exit.get(60, TimeUnit.SECONDS));
                }
            } finally {
                runner.shutdownNow();
            }
            Map<String, Integer> outputs = OutputCheck.outputsPerId(kafka.bootstrapServers(), "read_committed",
                    "face-attributes", "images.dlq");
            assertEquals(List.of(), OutputCheck.lost(ids, outputs), "nothing lost across the stop and restart");
            assertEquals(List.of(), OutputCheck.duplicated(outputs), "nothing twice");
            assertEquals(ids.size(), outputs.size());
        }
    }

    private static void produce(String bootstrap, ConfluentAvroSerde<ImageEvent> events, List<String> ids, int from,
                                int count) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = from; i < from + count; i++) {
                String id = String.format("h-%03d", i);
                ImageEvent e = i % 10 == 9 ? TestEvents.notAnImage(id) : TestEvents.face(id, i);
                // acknowledged one by one: an input the harness failed to write must not read as "lost" by the service
                producer.send(new ProducerRecord<>("images", id.getBytes(StandardCharsets.UTF_8),
                        events.serializer().serialize("images", e))).get(60, TimeUnit.SECONDS);
                ids.add(id);
            }
        }
    }

    private static void assertReason(int port, String reason) throws Exception {
        HttpResponse<String> r = Http.get(port, HttpEndpoints.READY_PATH);
        assertEquals(503, r.statusCode());
        assertTrue(r.body().contains("\"reason\":\"" + reason), r.body());
    }

    private static void awaitReadyz(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Http.get(port, HttpEndpoints.READY_PATH).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/readyz never answered 200");
            }
            Thread.sleep(100);
        }
    }

    private static String awaitSample(int port, String series, double atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = Http.get(port, HttpEndpoints.METRICS_PATH).body();
            if (Http.sample(text, series) >= atLeast) {
                return text;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(series + " stayed below " + atLeast + ":\n" + text);
            }
            Thread.sleep(200);
        }
    }
}
