package faceattr.server;

import faceattr.embedded.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real KafkaStreams client on the in-JVM KRaft broker: its readiness drives {@code /readyz} and its own metrics,
 * bound through Micrometer's KafkaStreamsMetrics, appear on {@code /metrics} as {@code kafka_stream_*} series.
 */
class KafkaStreamsMetricsOnBrokerTest {
    @TempDir
    Path stateDir;

    @Test
    void streamsStateDrivesReadinessAndItsMetricsAreScraped() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
            kafka.createTopics(2, "m.in", "m.out");
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("m.in", Consumed.with(Serdes.String(), Serdes.String()))
                    .mapValues(v -> v.toUpperCase())
                    .to("m.out", Produced.with(Serdes.String(), Serdes.String()));
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

            try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
                 ServiceMetrics metrics = new ServiceMetrics();
                 HealthServer server = HealthServer.start(new ServerSettings("127.0.0.1", 0),
                         new StreamsReadiness(streams::state, () -> true)::check, metrics)) {
                assertEquals(503, Http.get(server.port(), "/readyz").statusCode());
                assertTrue(Http.get(server.port(), "/readyz").body().contains("Kafka Streams is CREATED"));
                streams.start();
                metrics.bindKafkaStreams(streams);
                awaitStatus(server.port(), 200, Duration.ofSeconds(60));

                try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
                    for (int i = 0; i < 20; i++) {
                        producer.send(new ProducerRecord<>("m.in", "k" + i, "v" + i));
                    }
                }
                String text = awaitSeries(server.port(), "kafka_stream_thread_process_total", 20,
                        Duration.ofSeconds(60));
                assertTrue(text.contains("kafka_stream_thread_commit_total{"), "commit rate of the stream thread");
                assertTrue(text.lines().anyMatch(l -> l.startsWith("kafka_producer_")),
                        "the embedded producer's metrics are bound too");
                assertTrue(text.lines().anyMatch(l -> l.startsWith("kafka_consumer_")),
                        "the embedded consumer's metrics are bound too");

                streams.close(Duration.ofSeconds(30));
                assertEquals(503, Http.get(server.port(), "/readyz").statusCode());
            }
        }
    }

    private static void awaitStatus(int port, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Http.get(port, "/readyz").statusCode() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/readyz never answered " + status);
            }
            Thread.sleep(100);
        }
    }

    /** Scrapes until the summed value of a series' samples reaches {@code atLeast}. */
    private static String awaitSeries(int port, String name, double atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> r = Http.get(port, "/metrics");
            double sum = r.body().lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            if (sum >= atLeast) {
                return r.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " reached only " + sum + " of " + atLeast + ":\n" + r.body());
            }
            Thread.sleep(200);
        }
    }
}
