package faceattr.stream;

import faceattr.attributes.BundleAttributes;
import faceattr.avro.generated.Attribute;
import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.data.Attributes;
import faceattr.errors.ReasonCode;
import faceattr.image.BadImageCorpus;
import faceattr.image.ImageDecoder;
import faceattr.image.ImageFetcher;
import faceattr.image.ImageLimits;
import faceattr.image.ImageLoader;
import faceattr.image.UriPolicy;
import faceattr.model.AttributeClassifiers;
import faceattr.model.ModelBundle;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceAttrTopologyTest {
    private static final String IN = "images";
    private static final String OUT = "face-attributes";
    private static final String DLQ = "images.dlq";

    @TempDir
    Path tmp;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<byte[], FaceAttributes> output;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private PoisonTagger tagger;
    private static final ImageLimits LIMITS = new ImageLimits(256 * 1024, 4_000_000, 4_096, 16, 5_000);
    private final String registry = "mock://topology-test-" + System.nanoTime();
    private final Serde<ImageEvent> events = StreamTestSerdes.imageEvents(registry);
    private final Serde<FaceAttributes> attributes = StreamTestSerdes.faceAttributes(registry);

    private void start(int batchSize, long maxWaitMs) throws Exception {
        start(batchSize, maxWaitMs, StreamTestSerdes.tagger());
    }

    private void start(int batchSize, long maxWaitMs, faceattr.model.FaceTagger model) throws Exception {
        tagger = new PoisonTagger(model);
        Path allowed = Files.createDirectories(tmp.resolve("allowed"));
        UriPolicy policy = new UriPolicy(List.of(allowed), List.of("127.0.0.1:1"), 2_000, 0, LIMITS.maxBytes());
        ImageLoader loader = new ImageLoader(events.deserializer(), new ImageFetcher(policy), new ImageDecoder(LIMITS));
        var settings = new TopologySettings(IN, OUT, DLQ, batchSize, maxWaitMs, 5);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "faceattr-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("state").toString());
        driver = new TopologyTestDriver(FaceAttrTopology.build(settings, loader, tagger, attributes.serializer()),
                props, Instant.ofEpochMilli(1_000_000));
        input = driver.createInputTopic(IN, new ByteArraySerializer(), new ByteArraySerializer());
        output = driver.createOutputTopic(OUT, new ByteArrayDeserializer(), attributes.deserializer());
        deadLetters = driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private byte[] bytes(ImageEvent e) {
        return events.serializer().serialize(IN, e);
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void goodImagesGiveRecordsWithBoxesAndFortyAttributes() throws Exception {
        // synthetic photos in the wild (the generator the bundled model was trained on)
        start(3, 60_000);
        for (int i = 0; i < 3; i++) {
            input.pipeInput(new TestRecord<>(key("img-" + i), bytes(TestImages.inline("img-" + i,
                    SynthFaces.jpeg(i))),
                    Instant.ofEpochMilli(999_000)));
        }
        List<TestRecord<byte[], FaceAttributes>> records = output.readRecordsToList();
        assertEquals(3, records.size());
        for (int i = 0; i < 3; i++) {
            TestRecord<byte[], FaceAttributes> r = records.get(i);
            FaceAttributes fa = r.value();
            assertEquals("img-" + i, new String(r.key(), StandardCharsets.UTF_8), "input key is kept");
            assertEquals("img-" + i, fa.getImageId());
            assertEquals("test", fa.getSource());
            assertEquals(Map.of("case", "img-" + i), fa.getMetadata());
            assertEquals(tagger.modelVersion(), fa.getModelVersion());
            var photo = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(SynthFaces.jpeg(i)));
            assertEquals(photo.getWidth(), fa.getImageWidth());
            assertEquals(photo.getHeight(), fa.getImageHeight());
            assertEquals(1_000, fa.getLatencyMs(), "latency is now minus the input record's timestamp");
            assertFalse(fa.getFaces().isEmpty(), "a face is found in a face image");
            for (Face face : fa.getFaces()) {
                var box = face.getBox();
                assertTrue(box.getWidth() > 0 && box.getHeight() > 0);
                assertTrue(box.getX() >= 0 && box.getX() + box.getWidth() <= fa.getImageWidth());
                assertTrue(box.getY() >= 0 && box.getY() + box.getHeight() <= fa.getImageHeight());
                assertEquals((float) box.getX() / fa.getImageWidth(), box.getLeft(), 1e-6);
                assertEquals((float) box.getHeight() / fa.getImageHeight(), box.getRelHeight(), 1e-6);
                List<Attribute> attrs = face.getAttributes();
                assertEquals(Attributes.NAMES, attrs.stream().map(Attribute::getName).toList());
                attrs.forEach(a -> assertTrue(a.getProbability() >= 0 && a.getProbability() <= 1));
            }
        }
        assertTrue(deadLetters.isEmpty());
        assertEquals(List.of(3), tagger.batchSizes, "three images, one forward pass");
    }

    @Test
    void aBundleWithAnAddedAttributePublishesAllFortyOneByName() throws Exception {
        // the added "Man" reuses Male's classifier, so its probability must equal Male's on every face
        ModelBundle base = ModelBundle.loadDefault();
        AttributeClassifiers.Attribute male = base.classifiers().attributes().get(base.classifiers().indexOf("Male"));
        ModelBundle bundle = BundleAttributes.add(base, new AttributeClassifiers.Attribute("Man", male.svm(),
                male.threshold(), male.platt()), Map.of());
        start(2, 60_000, bundle.cascade());
        for (int i = 0; i < 2; i++) {
            input.pipeInput(new TestRecord<>(key("img-" + i), bytes(TestImages.inline("img-" + i, SynthFaces.jpeg(i))),
                    Instant.ofEpochMilli(999_000)));
        }
        List<FaceAttributes> records = output.readValuesToList();
        assertEquals(2, records.size());
        List<String> expected = new java.util.ArrayList<>(Attributes.NAMES);
        expected.add("Man");
        for (FaceAttributes fa : records) {
            assertEquals(bundle.manifest().version(), fa.getModelVersion());
            assertFalse(fa.getFaces().isEmpty());
            for (Face face : fa.getFaces()) {
                List<Attribute> attrs = face.getAttributes();
                assertEquals(expected, attrs.stream().map(Attribute::getName).toList());
                assertEquals(attrs.get(Attributes.indexOf("Male")).getProbability(), attrs.get(40).getProbability());
                assertEquals(attrs.get(Attributes.indexOf("Male")).getPresent(), attrs.get(40).getPresent());
            }
        }
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void eachBadKindIsDeadLetteredWithItsReasonAndOriginalBytes() throws Exception {
        start(4, 60_000);
        Path outside = tmp.resolve("outside.png");
        Files.write(outside, TestImages.facePng(64, 1));
        Path missing = tmp.resolve("allowed").resolve("missing.png");
        byte[] notAvro = "this is not an Avro record at all".getBytes(StandardCharsets.UTF_8);
        ImageEvent both = ImageEvent.newBuilder(TestImages.inline("both", TestImages.facePng(64, 2)))
                .setUri("file:///tmp/x.png").build();
        ImageEvent neither = ImageEvent.newBuilder().setId("neither").build();
        ImageEvent emptyId = TestImages.inline("", TestImages.facePng(64, 3));
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("not-avro", new Object[] {notAvro, ReasonCode.DESERIALIZATION});
        byte[] unknownSchemaId = bytes(TestImages.inline("unknown-id", TestImages.facePng(64, 6)));
        unknownSchemaId[1] = 0x7F; // schema id 0x7Fxxxxxx: never registered
        cases.put("unknown-schema-id", new Object[] {unknownSchemaId, ReasonCode.DESERIALIZATION});
        cases.put("both", new Object[] {bytes(both), ReasonCode.INVALID_EVENT});
        cases.put("neither", new Object[] {bytes(neither), ReasonCode.INVALID_EVENT});
        cases.put("empty-id", new Object[] {bytes(emptyId), ReasonCode.INVALID_EVENT});
        cases.put("corrupt", new Object[] {bytes(TestImages.inline("corrupt", TestImages.truncatedPng(4))),
                ReasonCode.CORRUPT_IMAGE});
        cases.put("text", new Object[] {bytes(TestImages.inline("text", notAvro)), ReasonCode.UNSUPPORTED_FORMAT});
        cases.put("tiny", new Object[] {bytes(TestImages.inline("tiny", TestImages.encode(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB), "png"))),
                ReasonCode.TOO_SMALL});
        cases.put("outside", new Object[] {bytes(TestImages.byUri("outside", outside.toUri().toString())),
                ReasonCode.URI_NOT_ALLOWED});
        cases.put("http-not-allowed", new Object[] {bytes(TestImages.byUri("http-not-allowed",
                "http://127.0.0.2:1/face.png")), ReasonCode.URI_NOT_ALLOWED});
        cases.put("missing", new Object[] {bytes(TestImages.byUri("missing", missing.toUri().toString())),
                ReasonCode.FETCH_FAILED});
        cases.put("tombstone", new Object[] {null, ReasonCode.INVALID_EVENT});
        for (BadImageCorpus.Case c : BadImageCorpus.cases(LIMITS)) {
            ImageEvent e = ImageEvent.newBuilder(TestImages.inline(c.name(), c.bytes()))
                    .setContentType(c.declaredContentType()).build();
            cases.put(c.name(), new Object[] {bytes(e), c.expected()});
        }
        long offset = 0;
        for (var c : cases.entrySet()) {
            input.pipeInput(key(c.getKey()), (byte[]) c.getValue()[0]);
        }
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertEquals(cases.size(), letters.size());
        for (TestRecord<byte[], byte[]> letter : letters) {
            String id = new String(letter.key(), StandardCharsets.UTF_8);
            Object[] expected = cases.get(id);
            assertArrayEquals((byte[]) expected[0], letter.value(), id + ": original value bytes");
            assertEquals(((ReasonCode) expected[1]).name(), DeadLetters.header(letter.headers(), DeadLetters.REASON), id);
            assertNotNull(DeadLetters.header(letter.headers(), DeadLetters.MESSAGE));
            assertEquals(IN, DeadLetters.header(letter.headers(), DeadLetters.TOPIC));
            assertEquals("0", DeadLetters.header(letter.headers(), DeadLetters.PARTITION));
            assertEquals(Long.toString(offset), DeadLetters.header(letter.headers(), DeadLetters.OFFSET));
            assertEquals(Long.toString(offset), DeadLetters.header(letter.headers(), DeadLetters.STREAMS_OFFSET));
            offset++;
        }
        assertTrue(output.isEmpty());
        assertTrue(tagger.batchSizes.isEmpty(), "bad inputs never reach the model");
    }

    @Test
    void imagesByAllowedUriAreTagged() throws Exception {
        start(1, 60_000);
        Path file = Files.write(tmp.resolve("allowed").resolve("a.png"), TestImages.facePng(80, 9));
        input.pipeInput(key("by-uri"), bytes(TestImages.byUri("by-uri", file.toUri().toString())));
        FaceAttributes fa = output.readValue();
        assertEquals("by-uri", fa.getImageId());
        assertEquals(80, fa.getImageWidth());
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void batchFlushesWhenBatchSizeImagesWait() throws Exception {
        start(4, 60_000);
        for (int i = 0; i < 3; i++) {
            input.pipeInput(key("s" + i), bytes(TestImages.inline("s" + i, TestImages.facePng(64, i))));
        }
        assertTrue(output.isEmpty(), "three of four: still waiting");
        assertTrue(tagger.batchSizes.isEmpty());
        input.pipeInput(key("s3"), bytes(TestImages.inline("s3", TestImages.facePng(64, 3))));
        assertEquals(List.of("s0", "s1", "s2", "s3"),
                output.readValuesToList().stream().map(FaceAttributes::getImageId).toList());
        assertEquals(List.of(4), tagger.batchSizes);
    }

    @Test
    void batchFlushesWhenTheOldestHasWaitedMaxWait() throws Exception {
        start(8, 500);
        input.pipeInput(key("t0"), bytes(TestImages.inline("t0", TestImages.facePng(64, 0))));
        driver.advanceWallClockTime(Duration.ofMillis(200));
        input.pipeInput(key("t1"), bytes(TestImages.inline("t1", TestImages.facePng(64, 1))));
        driver.advanceWallClockTime(Duration.ofMillis(200));
        assertTrue(output.isEmpty(), "the oldest has waited 400 of 500 ms");
        driver.advanceWallClockTime(Duration.ofMillis(150));
        assertEquals(List.of("t0", "t1"), output.readValuesToList().stream().map(FaceAttributes::getImageId).toList());
        assertEquals(List.of(2), tagger.batchSizes, "both in one forward pass");
        driver.advanceWallClockTime(Duration.ofMillis(2_000));
        assertEquals(List.of(2), tagger.batchSizes, "nothing waits, nothing runs");
    }

    @Test
    void inferenceFailureIsRetriedInHalvesThenDeadLettered() throws Exception {
        start(4, 60_000);
        byte[][] values = new byte[4][];
        for (int i = 0; i < 4; i++) {
            byte[] png = i == 2 ? SynthFaces.poisonPng(i) : SynthFaces.jpeg(i);
            values[i] = bytes(TestImages.inline("f" + i, png));
            input.pipeInput(key("f" + i), values[i]);
        }
        assertEquals(List.of("f0", "f1", "f3"),
                output.readValuesToList().stream().map(FaceAttributes::getImageId).toList());
        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertEquals("f2", new String(letter.key(), StandardCharsets.UTF_8));
        assertArrayEquals(values[2], letter.value());
        assertEquals(ReasonCode.INFERENCE_FAILED.name(), DeadLetters.header(letter.headers(), DeadLetters.REASON));
        assertTrue(deadLetters.isEmpty());
        // 4 fails, halves [f0 f1] ok and [f2 f3] fails, then f2 alone fails and f3 alone succeeds
        assertEquals(List.of(4, 2, 2, 1, 1), tagger.batchSizes);
        // the service keeps going
        input.pipeInput(key("g0"), bytes(TestImages.inline("g0", TestImages.facePng(64, 7))));
        driver.advanceWallClockTime(Duration.ofMinutes(2));
        assertEquals("g0", output.readValue().getImageId());
    }

    /**
     * Every dead letter is logged with the image id (the event's id, else the key as text, else its hex), topic,
     * partition, offset and reason, in the message and as key-value pairs that the container JSON layout emits.
     */
    @Test
    void deadLettersAreLoggedWithRecordIdPartitionOffsetAndReason() throws Exception {
        ch.qos.logback.classic.Logger streamLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("faceattr.stream");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        streamLog.addAppender(captured);
        try {
            start(4, 60_000);
            byte[] notAvro = "this is not an Avro record at all".getBytes(StandardCharsets.UTF_8);
            input.pipeInput(key("raw-key"), notAvro);                                          // offset 0
            input.pipeInput(new byte[] {(byte) 0xFF, 0x00, (byte) 0xFE}, notAvro);             // offset 1
            input.pipeInput(key("k-corrupt"), bytes(TestImages.inline("img-corrupt",           // offset 2
                    TestImages.truncatedPng(4))));
            input.pipeInput(key("k-forged"), bytes(TestImages.inline("evil\nWARN forged line", notAvro))); // 3
            for (int i = 0; i < 4; i++) {                                                      // offsets 4..7
                byte[] image = i == 2 ? SynthFaces.poisonPng(i) : SynthFaces.jpeg(i);
                input.pipeInput(key("k" + i), bytes(TestImages.inline("f" + i, image)));
            }
            assertEquals(5, deadLetters.readRecordsToList().size());
        } finally {
            streamLog.detachAppender(captured);
        }

        List<ILoggingEvent> letters = captured.list.stream()
                .filter(e -> e.getLoggerName().equals(BatchingTagProcessor.class.getName())
                        && e.getLevel() == Level.WARN && e.getFormattedMessage().startsWith("dead letter"))
                .toList();
        record Expected(String id, long offset, ReasonCode reason) {
        }
        List<Expected> expected = List.of(
                new Expected("raw-key", 0, ReasonCode.DESERIALIZATION),
                new Expected("0xff00fe", 1, ReasonCode.DESERIALIZATION),
                new Expected("img-corrupt", 2, ReasonCode.CORRUPT_IMAGE),
                new Expected("evil\\u000aWARN forged line", 3, ReasonCode.UNSUPPORTED_FORMAT),
                new Expected("f2", 6, ReasonCode.INFERENCE_FAILED));
        assertEquals(expected.size(), letters.size(), () -> "dead-letter log lines: " + letters);
        for (int i = 0; i < expected.size(); i++) {
            Expected want = expected.get(i);
            ILoggingEvent event = letters.get(i);
            Map<String, Object> kv = new java.util.HashMap<>();
            event.getKeyValuePairs().forEach(pair -> kv.put(pair.key, pair.value));
            assertEquals(Map.of("id", want.id(), "topic", IN, "partition", 0, "offset", want.offset(),
                    "reason", want.reason().name()), kv, event.getFormattedMessage());
            String text = event.getFormattedMessage();
            assertTrue(text.startsWith("dead letter " + want.id() + " " + IN + "-0@" + want.offset() + ": "
                    + want.reason()), text);
            assertFalse(text.contains("\n"), "an id cannot start a forged log line: " + text);
        }
        assertNotNull(letters.get(4).getThrowableProxy(), "a model failure keeps its stack trace");

        ILoggingEvent alone = captured.list.stream()
                .filter(e -> e.getLoggerName().equals(BatchInference.class.getName())
                        && e.getFormattedMessage().contains("alone"))
                .findFirst().orElseThrow();
        assertTrue(alone.getKeyValuePairs().stream().anyMatch(p -> p.key.equals("id") && p.value.equals("f2")));
        assertTrue(alone.getFormattedMessage().contains("f2 " + IN + "-0@6"), alone.getFormattedMessage());

        // the container layout (deploy/logback-json.xml) writes the pairs as JSON fields
        LoggerContext jsonContext = new LoggerContext();
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(jsonContext);
            configurator.doConfigure(Path.of("deploy", "logback-json.xml").toFile());
            @SuppressWarnings("unchecked")
            OutputStreamAppender<ILoggingEvent> json = (OutputStreamAppender<ILoggingEvent>)
                    jsonContext.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("JSON");
            var tree = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json.getEncoder().encode(letters.get(0)));
            Map<String, String> fields = new java.util.HashMap<>();
            tree.path("kvpList").forEach(pair -> pair.properties()
                    .forEach(f -> fields.put(f.getKey(), f.getValue().asText())));
            assertEquals(Map.of("id", "raw-key", "topic", IN, "partition", "0", "offset", "0",
                    "reason", "DESERIALIZATION"), fields, tree.toString());
        } finally {
            jsonContext.stop();
        }
    }
}
