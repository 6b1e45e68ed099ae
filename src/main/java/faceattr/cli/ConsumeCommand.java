package faceattr.cli;

import faceattr.avro.ConfluentAvroDeserializer;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import faceattr.result.ResultFormat;
import faceattr.stream.DeadLetterLines;
import faceattr.stream.DeadLetters;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code faceattr consume}: attribute records, dead letters or image events, one line (or JSON) each. */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Read a topic from the beginning (committed records only) and print each record: a result as the "
                + "line tag prints, a dead letter as a DLQ line, an image event as an EVENT line.",
                "With --json, one JSON object per record: topic, partition, offset, key, then the value (a result as "
                + "in tag --json, an image event as Avro renders it), or for a dead letter its headers and valueBytes."})
final class ConsumeCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--topic", defaultValue = "face-attributes", description = "Topic. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Mixin
    JsonOption json;

    @Option(names = "--max", defaultValue = "0", description = "Stop after N records (0: no limit).")
    int max;

    @Option(names = "--timeout", defaultValue = "10", description = "Stop after this many seconds without a new"
            + " record (0: never). Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        ServiceConfig cfg = client.load();
        Map<String, Object> props = new HashMap<>(cfg.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "faceattr-consume-" + ProcessHandle.current().pid());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ConfluentAvroDeserializer<SpecificRecord> avro = new ConfluentAvroDeserializer<>();
        avro.configure(cfg.serdeProperties(), false);
        int seen = 0;
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long idleSince = System.nanoTime();
            while (max == 0 || seen < max) {
                var records = consumer.poll(Duration.ofMillis(250));
                if (records.isEmpty()) {
                    if (timeoutSeconds > 0 && System.nanoTime() - idleSince > timeoutSeconds * 1_000_000_000L) {
                        break;
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    System.out.println(json.enabled() ? toJson(r, avro) : toLine(r, avro));
                    if (max > 0 && ++seen >= max) {
                        break;
                    }
                    if (max == 0) {
                        seen++;
                    }
                }
                System.out.flush();
            }
        } finally {
            avro.close();
        }
        System.err.println("faceattr consume: " + seen + " records from " + topic);
        return 0;
    }

    private static boolean isDeadLetter(ConsumerRecord<byte[], byte[]> r) {
        return r.headers().lastHeader(DeadLetters.REASON) != null;
    }

    private String toLine(ConsumerRecord<byte[], byte[]> r, ConfluentAvroDeserializer<SpecificRecord> avro) {
        if (isDeadLetter(r)) {
            return DeadLetterLines.deadLetter(r.key(), r.value(), r.headers());
        }
        SpecificRecord value = decode(r, avro);
        if (value instanceof FaceAttributes fa) {
            return ResultFormat.line(fa);
        }
        if (value instanceof ImageEvent e) {
            return String.format("EVENT %-22s %s", e.getId(), e.getUri() != null ? e.getUri()
                    : (e.getData() == null ? "no data" : e.getData().remaining() + " bytes inline"));
        }
        return String.format("RAW  %-22s %d bytes", DeadLetterLines.text(r.key()), r.value() == null ? 0
                : r.value().length);
    }

    private String toJson(ConsumerRecord<byte[], byte[]> r, ConfluentAvroDeserializer<SpecificRecord> avro)
            throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topic", r.topic());
        m.put("partition", r.partition());
        m.put("offset", r.offset());
        m.put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
        if (isDeadLetter(r)) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header h : r.headers()) {
                if (!h.key().equals(DeadLetters.STREAMS_STACKTRACE)) {
                    headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                }
            }
            m.put("headers", headers);
            m.put("valueBytes", r.value() == null ? 0 : r.value().length);
            return mapper.writeValueAsString(m);
        }
        SpecificRecord value = decode(r, avro);
        if (value instanceof FaceAttributes fa) {
            m.put("value", ResultFormat.json(fa));
        } else {
            // other records (image events): Avro's own JSON rendering
            m.put("value", value == null ? null : mapper.readTree(value.toString()));
        }
        return mapper.writeValueAsString(m);
    }

    private static SpecificRecord decode(ConsumerRecord<byte[], byte[]> r,
                                         ConfluentAvroDeserializer<SpecificRecord> avro) {
        try {
            return avro.deserialize(r.topic(), r.value());
        } catch (RuntimeException e) {
            System.err.println("faceattr consume: " + r.topic() + "-" + r.partition() + "@" + r.offset()
                    + " is not an Avro record we know: " + e.getMessage());
            return null;
        }
    }
}
