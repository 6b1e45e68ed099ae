package faceattr.service;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads output topics to their end and counts outputs per input id (the record key). */
final class OutputCheck {
    private OutputCheck() {
    }

    static Map<String, Integer> outputsPerId(String bootstrap, String isolation, String... topics) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(bootstrap, isolation, topics)) {
            counts.merge(new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
        return counts;
    }

    /** Every record of the topics up to their end offsets (the last stable offsets under read_committed). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String isolation, String... topics) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + isolation + " to the end offsets " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Ids without an output, sorted. */
    static List<String> lost(Collection<String> inputs, Map<String, Integer> outputs) {
        return inputs.stream().filter(id -> !outputs.containsKey(id)).sorted().toList();
    }

    /** Ids with more than one output, sorted. */
    static List<String> duplicated(Map<String, Integer> outputs) {
        return outputs.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
    }
}
