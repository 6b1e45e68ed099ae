package faceattr.service;

import faceattr.embedded.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The dead-letter replay procedure of docs/operations.md, run as written on the in-JVM broker: only the chosen
 * reason is replayed, bytes and other headers intact, error headers dropped; a second run replays nothing again.
 */
@Tag("broker")
class DeadLetterReplayTest {

    /** The body of this method is the snippet in docs/operations.md ("Dead letters and replaying them"). */
    static void replay(String bootstrap, String reasonToReplay) {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                "bootstrap.servers", bootstrap, "group.id", "dlq-replay-2026-11-29",
                "isolation.level", "read_committed", "auto.offset.reset", "earliest", "enable.auto.commit", false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                "bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", true),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of("images.dlq"));
            for (ConsumerRecords<byte[], byte[]> batch; !(batch = consumer.poll(Duration.ofSeconds(5))).isEmpty(); ) {
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    Header reason = r.headers().lastHeader("faceattr.error.reason");
                    if (reason == null || !new String(reason.value(), UTF_8).equals(reasonToReplay)) continue;
                    Headers headers = new RecordHeaders();
                    r.headers().forEach(h -> { if (!h.key().startsWith("faceattr.error.")
                            && !h.key().startsWith("__streams.errors.")) headers.add(h); });
                    producer.send(new ProducerRecord<>("images", null, r.key(), r.value(), headers));
                }
                producer.flush();
                consumer.commitSync();     // the group remembers how far the replay got
            }
        }
    }

    @Test
    void replaysOnlyTheChosenReasonWithOriginalBytesAndWithoutErrorHeaders() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
            kafka.createTopics(1, "images", "images.dlq");
            byte[] fetchFailedValue = {0, 0, 0, 0, 7, (byte) 0xFF, 1, 2, 3};
            byte[] corruptValue = {0, 0, 0, 0, 7, 9, 9};
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                    kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(deadLetter("a", fetchFailedValue, "FETCH_FAILED"));
                producer.send(deadLetter("b", corruptValue, "CORRUPT_IMAGE"));
            }
            replay(kafka.bootstrapServers(), "FETCH_FAILED");
            replay(kafka.bootstrapServers(), "FETCH_FAILED"); // the group's offsets: nothing twice

            List<ConsumerRecord<byte[], byte[]>> replayed = OutputCheck.readAll(kafka.bootstrapServers(),
                    "read_committed", "images");
            assertEquals(1, replayed.size());
            ConsumerRecord<byte[], byte[]> r = replayed.get(0);
            assertEquals("a", new String(r.key(), UTF_8));
            assertArrayEquals(fetchFailedValue, r.value());
            assertEquals("camera-7", new String(r.headers().lastHeader("source.device").value(), UTF_8));
            assertNull(r.headers().lastHeader("faceattr.error.reason"));
            assertNull(r.headers().lastHeader("__streams.errors.message"));
        }
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(String key, byte[] value, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("source.device", "camera-7".getBytes(UTF_8));
        headers.add("faceattr.error.reason", reason.getBytes(UTF_8));
        headers.add("faceattr.error.message", "test".getBytes(UTF_8));
        headers.add("__streams.errors.message", "test".getBytes(UTF_8));
        return new ProducerRecord<>("images.dlq", null, key.getBytes(UTF_8), value, headers);
    }
}
