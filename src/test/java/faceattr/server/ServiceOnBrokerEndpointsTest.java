package faceattr.server;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.ImageEvent;
import faceattr.embedded.EmbeddedKafka;
import faceattr.embedded.EmbeddedSchemaRegistry;
import faceattr.stream.FaceAttrService;
import faceattr.stream.ServiceConfig;
import faceattr.stream.ServiceMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service on the in-JVM KRaft broker with the embedded registry, wired as {@code serve} wires it: {@code /readyz}
 * follows the real KafkaStreams state (503 while starting, 200 once RUNNING, 503 after close) and {@code /metrics}
 * carries our series and Kafka Streams' own ({@code kafka_stream_*}, bound through Micrometer's KafkaStreamsMetrics).
 */
class ServiceOnBrokerEndpointsTest {
    @TempDir
    Path stateDir;

    @Test
    void readinessFollowsKafkaStreamsAndMetricsIncludeItsOwn() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().host("127.0.0.1").port(0).start();
             PrometheusMetrics metrics = new PrometheusMetrics()) {
            kafka.createTopics(2, "images", "face-attributes", "images.dlq");
            ServiceConfig config = ServiceConfig.builder()
                    .set("bootstrap.servers", kafka.bootstrapServers())
                    .set("schema.registry.url", registry.url())
                    .set("state.dir", stateDir.toString())
                    .set("batch.size", 4)
                    .set("batch.max.wait.ms", 100)
                    .build();
            MeteredFaceTagger tagger = new MeteredFaceTagger(new PacedTestTagger(1), metrics);
            FaceAttrService service = FaceAttrService.create(config, tagger, new ServiceMetrics(metrics.registry()));
            StreamsReadiness readiness = new StreamsReadiness(service::state, () -> true);
            try (HttpEndpoints http = HttpEndpoints.start("127.0.0.1", 0, readiness::check, metrics.registry())) {
                HttpResponse<String> created = Http.get(http.port(), "/readyz");
                assertEquals(503, created.statusCode());
                assertTrue(created.body().contains("Kafka Streams is CREATED"), created.body());
                service.start();
                awaitReadyz(http.port(), 200, Duration.ofSeconds(60));

                try (ConfluentAvroSerde<ImageEvent> events = AvroSerdes.forValue(ImageEvent.class,
                        Map.of("schema.registry.url", registry.url()));
                     var producer = new KafkaProducer<>(Map.<String, Object>of(
                             ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                             new ByteArraySerializer(), new ByteArraySerializer())) {
                    for (int i = 0; i < 20; i++) {
                        String id = "b-" + i;
                        ImageEvent e = i % 10 == 9 ? TestEvents.notAnImage(id) : TestEvents.face(id, i);
                        producer.send(new ProducerRecord<>("images", id.getBytes(StandardCharsets.UTF_8),
                                events.serializer().serialize("images", e)));
                    }
                }
                String text = awaitSample(http.port(), "faceattr_images_tagged_total", 18, Duration.ofSeconds(60));
                assertEquals(2, Http.sample(text,
                        "faceattr_images_dead_lettered_total{reason=\"UNSUPPORTED_FORMAT\"}"));
                assertTrue(text.lines().anyMatch(l -> l.startsWith("kafka_stream_thread_process_total{")),
                        "stream-thread metrics are bound");
                assertTrue(text.lines().anyMatch(l -> l.startsWith("kafka_producer_")), "producer metrics");
                assertTrue(text.lines().anyMatch(l -> l.startsWith("kafka_consumer_fetch_manager_records_lag_max{")),
                        "consumer lag, the series docs/operations.md alerts on");

                readiness.markStopping();
                service.close();
                HttpResponse<String> closed = Http.get(http.port(), "/readyz");
                assertEquals(503, closed.statusCode());
                assertTrue(closed.body().contains("shutting down"), closed.body());
            } finally {
                service.close();
            }
        }
    }

    private static void awaitReadyz(int port, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Http.get(port, "/readyz").statusCode() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/readyz never answered " + status);
            }
            Thread.sleep(100);
        }
    }

    private static String awaitSample(int port, String series, double atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = Http.get(port, "/metrics").body();
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
