package faceattr.stream;

import faceattr.avro.ConfluentWireFormat;
import faceattr.avro.SchemaRegistryClient;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import faceattr.data.Attributes;
import faceattr.embedded.EmbeddedKafka;
import faceattr.embedded.EmbeddedSchemaRegistry;
import faceattr.errors.ReasonCode;
import faceattr.model.FaceTagger;
import faceattr.model.TaggedImage;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service on a real broker (Kafka's in-JVM KRaft test kit) with the embedded schema registry over HTTP:
 * every input gives exactly one attribute record or one dead letter, also across a crash under exactly-once.
 */
@Tag("broker")
class FaceAttrServiceIntegrationTest {
    private static final Logger log = LoggerFactory.getLogger(FaceAttrServiceIntegrationTest.class);
    private static EmbeddedKafka kafka;
    private static EmbeddedSchemaRegistry registry;
    private static FaceTagger tagger;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBrokerAndRegistry() throws Exception {
        kafka = EmbeddedKafka.start(0);
        registry = EmbeddedSchemaRegistry.builder().host("127.0.0.1").port(0).start();
        tagger = StreamTestSerdes.tagger();
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (tagger != null) {
            tagger.close();
        }
    }

    private ServiceConfig config(String prefix, int batchSize, Map<String, Object> more) throws Exception {
        return ServiceConfig.builder()
                .set("application.id", prefix + "-faceattr")
                .set("bootstrap.servers", kafka.bootstrapServers())
                .set("schema.registry.url", registry.url())
                .set("input.topic", prefix + ".images")
                .set("output.topic", prefix + ".face-attributes")
                .set("dlq.topic", prefix + ".images.dlq")
                .set("batch.size", batchSize)
                .set("batch.max.wait.ms", 100)
                .set("state.dir", Files.createDirectories(tmp.resolve("state-" + System.nanoTime())).toString())
                .set("uri.allowed.roots", Files.createDirectories(tmp.resolve("allowed")).toString())
                .set("uri.allowed.hosts", "127.0.0.1:1")
                // a crashed member holds its partitions until its session expires: keep that short in tests
                .set("session.timeout.ms", 6_000)
                .set("heartbeat.interval.ms", 1_000)
                .setAll(more)
                .build();
    }

    /** An ImageEvent schema as it was before contentType, capturedAt and metadata existed. */
    private static final Schema IMAGE_EVENT_V0 = new Schema.Parser().parse("""
            {"type":"record","name":"ImageEvent","namespace":"faceattr.avro.generated","fields":[
              {"name":"id","type":"string"},
              {"name":"source","type":["null","string"],"default":null},
              {"name":"uri","type":["null","string"],"default":null},
              {"name":"data","type":["null","bytes"],"default":null}]}""");

    private static byte[] oldVersionEvent(int schemaId, String id, byte[] png) throws Exception {
        GenericRecord r = new GenericData.Record(IMAGE_EVENT_V0);
        r.put("id", id);
        r.put("source", "old-producer");
        r.put("data", ByteBuffer.wrap(png));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ConfluentWireFormat.header(schemaId));
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(IMAGE_EVENT_V0).write(r, enc);
        enc.flush();
        return out.toByteArray();
    }

    /** 300 events, 30 of them bad in 10 ways: exactly 270 attribute records and 30 dead letters, matched by id. */
    @Test
    void everyEventGivesExactlyOneRecordOrDeadLetter() throws Exception {
        String prefix = "it1";
        kafka.createTopics(2, prefix + ".images", prefix + ".face-attributes", prefix + ".images.dlq");
        ServiceConfig config = config(prefix, 16, Map.of());
        Serde<ImageEvent> events = StreamTestSerdes.imageEvents(registry.url());
        String in = config.get("input.topic");
        Path allowed = Path.of(config.get("uri.allowed.roots"));

        // a producer still on the older ImageEvent schema registers it first; later producers register the current one
        int oldSchemaId;
        try (SchemaRegistryClient client = SchemaRegistryClient.create(Map.of("schema.registry.url", registry.url()))) {
            oldSchemaId = client.register(in + "-value", IMAGE_EVENT_V0);
        }
        List<byte[][]> records = new ArrayList<>();
        Map<String, ReasonCode> badIds = new HashMap<>();
        Map<String, byte[]> badValues = new HashMap<>();
        Set<String> goodIds = new HashSet<>();
        for (int i = 0; i < 270; i++) {
            String id = String.format("good-%03d", i);
            byte[] png = SynthFaces.jpeg(i);
            byte[] value;
            if (i % 50 == 0) {
                value = oldVersionEvent(oldSchemaId, id, png);
            } else if (i % 27 == 0) {
                Path file = Files.write(allowed.resolve(id + ".jpg"), png);
                value = events.serializer().serialize(in, TestImages.byUri(id, file.toUri().toString()));
            } else {
                value = events.serializer().serialize(in, TestImages.inline(id, png));
            }
            goodIds.add(id);
            records.add(new byte[][] {id.getBytes(StandardCharsets.UTF_8), value});
        }
        Path outside = Files.write(tmp.resolve("outside.png"), TestImages.facePng(48, 1));
        for (int i = 0; i < 30; i++) {
            String id = String.format("bad-%03d", i);
            byte[] png = TestImages.facePng(48, 1000 + i);
            ImageEvent e;
            ReasonCode reason;
            byte[] value = null;
            switch (i % 10) {
                case 0 -> { value = ("not avro " + i).getBytes(StandardCharsets.UTF_8); reason = ReasonCode.DESERIALIZATION; }
                case 1 -> { e = ImageEvent.newBuilder(TestImages.inline(id, png)).setUri("file:///x.png").build();
                    value = events.serializer().serialize(in, e); reason = ReasonCode.INVALID_EVENT; }
                case 2 -> { value = events.serializer().serialize(in, ImageEvent.newBuilder().setId(id).build());
                    reason = ReasonCode.INVALID_EVENT; }
                case 3 -> { value = events.serializer().serialize(in, TestImages.inline("", png));
                    reason = ReasonCode.INVALID_EVENT; }
                case 4 -> { value = events.serializer().serialize(in, TestImages.inline(id, TestImages.truncatedPng(i)));
                    reason = ReasonCode.CORRUPT_IMAGE; }
                case 5 -> { value = events.serializer().serialize(in, TestImages.inline(id,
                        "plain text, not an image".getBytes(StandardCharsets.UTF_8)));
                    reason = ReasonCode.UNSUPPORTED_FORMAT; }
                case 6 -> { value = events.serializer().serialize(in, TestImages.inline(id, TestImages.encode(
                        new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png")));
                    reason = ReasonCode.TOO_SMALL; }
                case 7 -> { value = events.serializer().serialize(in, TestImages.byUri(id, outside.toUri().toString()));
                    reason = ReasonCode.URI_NOT_ALLOWED; }
                case 8 -> { value = events.serializer().serialize(in, TestImages.byUri(id, "http://127.0.0.2:1/a.png"));
                    reason = ReasonCode.URI_NOT_ALLOWED; }
                default -> { value = events.serializer().serialize(in, TestImages.inline(id, png));
                    value[1] = 0x7E; // a schema id the registry never gave out
                    reason = ReasonCode.DESERIALIZATION; }
            }
            badIds.put(id, reason);
            badValues.put(id, value);
            records.add(new byte[][] {id.getBytes(StandardCharsets.UTF_8), value});
        }
        java.util.Collections.shuffle(records, new java.util.Random(7));
        KafkaFixture.produce(kafka.bootstrapServers(), in, records);

        long started = System.nanoTime();
        List<ConsumerRecord<byte[], byte[]>> results;
        ServiceMetrics metrics = ServiceMetrics.unregistered();
        try (FaceAttrService service = FaceAttrService.create(config, tagger, metrics)) {
            service.checkTopics(Duration.ofSeconds(10));
            service.start();
            results = KafkaFixture.consumeUntil(kafka.bootstrapServers(),
                    List.of(config.get("output.topic"), config.get("dlq.topic")), "read_committed",
                    Duration.ofSeconds(120), r -> r.size() >= 300);
            assertEquals(270, metrics.taggedCount());
            assertEquals(6, metrics.deadLetteredCount(ReasonCode.DESERIALIZATION));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Serde<FaceAttributes> attributes = StreamTestSerdes.faceAttributes(registry.url());
        Map<String, Integer> outputsPerId = new HashMap<>();
        Map<String, Integer> lettersPerId = new HashMap<>();
        int attributeRecords = 0;
        int deadLetters = 0;
        int expectedId;
        try (SchemaRegistryClient client = SchemaRegistryClient.create(Map.of("schema.registry.url", registry.url()))) {
            expectedId = client.latest(config.get("output.topic") + "-value").id();
        }
        for (ConsumerRecord<byte[], byte[]> r : results) {
            String id = new String(r.key(), StandardCharsets.UTF_8);
            if (r.topic().equals(config.get("output.topic"))) {
                attributeRecords++;
                outputsPerId.merge(id, 1, Integer::sum);
                // wire format: magic byte 0, then the id the registry gave the subject
                assertEquals(0, r.value()[0]);
                assertEquals(expectedId, ConfluentWireFormat.schemaId(r.topic(), r.value()));
                FaceAttributes fa = attributes.deserializer().deserialize(r.topic(), r.value());
                assertEquals(id, fa.getImageId());
                fa.getFaces().forEach(f -> assertEquals(Attributes.COUNT, f.getAttributes().size()));
                assertEquals(tagger.modelVersion(), fa.getModelVersion());
                if (id.equals("good-000")) {
                    assertEquals("old-producer", fa.getSource(), "a record written with the older schema is read");
                }
            } else {
                deadLetters++;
                lettersPerId.merge(id, 1, Integer::sum);
                assertEquals(badIds.get(id).name(), DeadLetters.header(r.headers(), DeadLetters.REASON), id);
                assertArrayEquals(badValues.get(id), r.value(), id + ": original bytes");
                assertNotNull(DeadLetters.header(r.headers(), DeadLetters.OFFSET));
            }
        }
        log.info("integration: {} attribute records, {} dead letters in {} s ({} events/s incl. startup)",
                attributeRecords, deadLetters, String.format("%.1f", seconds), String.format("%.1f", 300 / seconds));
        assertEquals(270, attributeRecords);
        assertEquals(30, deadLetters);
        assertEquals(goodIds, outputsPerId.keySet());
        assertTrue(outputsPerId.values().stream().allMatch(n -> n == 1));
        assertEquals(badIds.keySet(), lettersPerId.keySet());
        long withFaces = results.stream().filter(r -> r.topic().equals(config.get("output.topic")))
                .map(r -> attributes.deserializer().deserialize(r.topic(), r.value()))
                .filter(fa -> !fa.getFaces().isEmpty()).count();
        assertTrue(withFaces > 0, "faces are found");
    }

    /** A crash in the middle of a batch, then a restart elsewhere: under exactly-once every id once, none lost. */
    @Test
    void exactlyOnceAcrossACrashAndRestart() throws Exception {
        String prefix = "it2";
        kafka.createTopics(2, prefix + ".images", prefix + ".face-attributes", prefix + ".images.dlq");
        // long commit interval: the crash aborts a transaction that already holds several batches of output
        ServiceConfig first = config(prefix, 8, Map.of("commit.interval.ms", 120_000,
                "producer.transaction.timeout.ms", 180_000));
        Serde<ImageEvent> events = StreamTestSerdes.imageEvents(registry.url());
        String in = first.get("input.topic");
        List<byte[][]> records = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            String id = String.format("e-%03d", i);
            byte[] value = i % 12 == 5 ? ("garbage " + i).getBytes(StandardCharsets.UTF_8)
                    : events.serializer().serialize(in, TestImages.inline(id, SynthFaces.jpeg(i)));
            ids.add(id);
            records.add(new byte[][] {id.getBytes(StandardCharsets.UTF_8), value});
        }
        KafkaFixture.produce(kafka.bootstrapServers(), in, records);
        List<String> topics = List.of(first.get("output.topic"), first.get("dlq.topic"));

        CrashingTagger crashing = new CrashingTagger(tagger, 4);
        try (FaceAttrService service = FaceAttrService.create(first, crashing)) {
            service.start();
            KafkaFixture.await(() -> service.state() == KafkaStreams.State.ERROR
                    || service.state() == KafkaStreams.State.NOT_RUNNING
                    || service.state() == KafkaStreams.State.PENDING_ERROR, Duration.ofSeconds(90), "the crash");
            assertNotNull(service.fatalError());
        }
        int beforeRestart = KafkaFixture.consumeUntil(kafka.bootstrapServers(), topics, "read_uncommitted",
                Duration.ofSeconds(3), r -> false).size();
        assertTrue(beforeRestart > 0, "the crashed instance had written (uncommitted) output");

        // a new instance (fresh state directory: the batch store comes back from its changelog)
        ServiceConfig second = config(prefix, 8, Map.of());
        List<ConsumerRecord<byte[], byte[]>> committed;
        try (FaceAttrService service = FaceAttrService.create(second, tagger)) {
            service.start();
            committed = KafkaFixture.consumeUntil(kafka.bootstrapServers(), topics, "read_committed",
                    Duration.ofSeconds(120), r -> r.size() >= ids.size());
            // give any duplicate time to show up before judging
            Thread.sleep(1_000);
            committed = KafkaFixture.consumeUntil(kafka.bootstrapServers(), topics, "read_committed",
                    Duration.ofSeconds(5), r -> false);
        }
        Map<String, Long> perId = committed.stream().collect(Collectors.groupingBy(
                r -> new String(r.key(), StandardCharsets.UTF_8), Collectors.counting()));
        int uncommitted = KafkaFixture.consumeUntil(kafka.bootstrapServers(), topics, "read_uncommitted",
                Duration.ofSeconds(3), r -> false).size();
        log.info("crash test: {} records written before the crash (uncommitted), {} committed after restart"
                + " for {} ids; {} visible to read_uncommitted", beforeRestart, committed.size(), ids.size(), uncommitted);
        assertEquals(ids, perId.keySet(), "none lost");
        assertTrue(perId.values().stream().allMatch(n -> n == 1), "none twice: " + perId);
        assertTrue(uncommitted > committed.size(), "the aborted output exists, read_committed hides it");
    }

    /**
     * Images parked in the batch store when the service stops (input offsets already committed) are tagged by the
     * next instance, on a fresh state directory: the store comes back from its changelog.
     */
    @Test
    void parkedImagesComeBackFromTheChangelog() throws Exception {
        String prefix = "it3";
        kafka.createTopics(1, prefix + ".images", prefix + ".face-attributes", prefix + ".images.dlq");
        ServiceConfig parking = config(prefix, 50, Map.of("batch.max.wait.ms", 600_000));
        Serde<ImageEvent> events = StreamTestSerdes.imageEvents(registry.url());
        String in = parking.get("input.topic");
        List<byte[][]> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "p-" + i;
            records.add(new byte[][] {id.getBytes(StandardCharsets.UTF_8),
                    events.serializer().serialize(in, TestImages.inline(id, SynthFaces.jpeg(i)))});
        }
        KafkaFixture.produce(kafka.bootstrapServers(), in, records);
        List<String> topics = List.of(parking.get("output.topic"), parking.get("dlq.topic"));
        try (FaceAttrService service = FaceAttrService.create(parking, tagger);
             var admin = kafka.admin()) {
            service.start();
            var partition = new org.apache.kafka.common.TopicPartition(in, 0);
            KafkaFixture.await(() -> {
                try {
                    var committed = admin.listConsumerGroupOffsets(parking.get("application.id"))
                            .partitionsToOffsetAndMetadata().get().get(partition);
                    return committed != null && committed.offset() == 10;
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(60), "the input offsets to be committed");
        }
        assertEquals(0, KafkaFixture.consumeUntil(kafka.bootstrapServers(), topics, "read_committed",
                Duration.ofSeconds(2), r -> false).size(), "ten images wait for a batch of 50");

        ServiceConfig next = config(prefix, 50, Map.of("batch.max.wait.ms", 100));
        List<ConsumerRecord<byte[], byte[]>> out;
        try (FaceAttrService service = FaceAttrService.create(next, tagger)) {
            service.start();
            out = KafkaFixture.consumeUntil(kafka.bootstrapServers(), topics, "read_committed",
                    Duration.ofSeconds(60), r -> r.size() >= 10);
        }
        assertEquals(records.stream().map(kv -> new String(kv[0], StandardCharsets.UTF_8)).collect(Collectors.toSet()),
                out.stream().filter(r -> r.topic().equals(next.get("output.topic")))
                        .map(r -> new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet()));
        assertEquals(10, out.size());
    }

    /** Passes batches to a real tagger, and dies like a killed process (an Error) on the n-th batch. */
    static final class CrashingTagger implements FaceTagger {
        private final FaceTagger delegate;
        private final int crashOnBatch;
        private final AtomicInteger batches = new AtomicInteger();

        CrashingTagger(FaceTagger delegate, int crashOnBatch) {
            this.delegate = delegate;
            this.crashOnBatch = crashOnBatch;
        }

        @Override
        public List<String> attributeNames() {
            return delegate.attributeNames();
        }

        @Override
        public List<TaggedImage> tag(List<BufferedImage> images) {
            if (batches.incrementAndGet() == crashOnBatch) {
                throw new SimulatedCrash();
            }
            return delegate.tag(images);
        }

        @Override
        public String modelVersion() {
            return delegate.modelVersion();
        }
    }

    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash in the middle of a batch");
        }
    }
}
