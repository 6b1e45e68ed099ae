package faceattr.stream;

import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.errors.ReasonCode;
import faceattr.image.ImageDecoder;
import faceattr.image.ImageFetcher;
import faceattr.image.ImageLimits;
import faceattr.image.ImageLoader;
import faceattr.image.UriPolicy;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code batch.size=1} is per-record inference: each image is tagged inside {@code process()} in a forward pass of
 * its own and published at once, nothing is parked in the batch store (so nothing goes to its changelog), and a model
 * failure or bad input still ends as that record's dead letter.
 */
class PerRecordInferenceTest {
    private static final ImageLimits LIMITS = new ImageLimits(256 * 1024, 4_000_000, 4_096, 16, 5_000);

    @TempDir
    Path tmp;

    @Test
    void eachRecordIsTaggedAloneAndPublishedAtOnceWithoutTouchingTheBatchStore() throws Exception {
        String registry = "mock://per-record-" + System.nanoTime();
        Serde<ImageEvent> events = StreamTestSerdes.imageEvents(registry);
        Serde<FaceAttributes> attributes = StreamTestSerdes.faceAttributes(registry);
        PoisonTagger tagger = new PoisonTagger(StreamTestSerdes.tagger());
        UriPolicy policy = new UriPolicy(List.of(tmp), List.of("127.0.0.1:1"), 2_000, 0, LIMITS.maxBytes());
        ImageLoader loader = new ImageLoader(events.deserializer(), new ImageFetcher(policy), new ImageDecoder(LIMITS));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "faceattr-per-record-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("state").toString());
        TopologySettings settings = new TopologySettings("images", "face-attributes", "images.dlq", 1, 60_000, 5);
        try (TopologyTestDriver driver = new TopologyTestDriver(FaceAttrTopology.build(settings, loader, tagger,
                attributes.serializer()), props, Instant.ofEpochMilli(1_000_000))) {
            TestInputTopic<byte[], byte[]> input = driver.createInputTopic("images", new ByteArraySerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<byte[], FaceAttributes> output = driver.createOutputTopic("face-attributes",
                    new ByteArrayDeserializer(), attributes.deserializer());
            TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic("images.dlq", new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            KeyValueStore<Long, PendingImage> store = driver.getKeyValueStore(FaceAttrTopology.PENDING_STORE);

            for (int i = 0; i < 3; i++) {
                String id = "img-" + i;
                input.pipeInput(new TestRecord<>(id.getBytes(StandardCharsets.UTF_8), events.serializer().serialize(
                        "images", TestImages.inline(id, SynthFaces.jpeg(i))), Instant.ofEpochMilli(999_000)));
                // published within process(), no punctuator or wall-clock advance needed
                List<TestRecord<byte[], FaceAttributes>> out = output.readRecordsToList();
                assertEquals(1, out.size(), "record " + id + " is out as soon as it came in");
                assertEquals(id, out.get(0).value().getImageId());
                assertFalse(store.all().hasNext(), "nothing parked in the batch store");
            }
            assertEquals(List.of(1, 1, 1), tagger.batchSizes, "one forward pass per record");

            input.pipeInput(new TestRecord<>("poison".getBytes(StandardCharsets.UTF_8), events.serializer().serialize(
                    "images", TestImages.inline("poison", TestImages.poisonPng(64, 1))), Instant.ofEpochMilli(999_000)));
            input.pipeInput(new TestRecord<>("broken".getBytes(StandardCharsets.UTF_8), events.serializer().serialize(
                    "images", TestImages.inline("broken", TestImages.truncatedPng(2))), Instant.ofEpochMilli(999_000)));
            var letters = dlq.readRecordsToList();
            assertEquals(2, letters.size());
            assertEquals(ReasonCode.INFERENCE_FAILED.name(), new String(letters.get(0).headers()
                    .lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8));
            assertEquals(ReasonCode.CORRUPT_IMAGE.name(), new String(letters.get(1).headers()
                    .lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8));
            assertEquals(List.of(1, 1, 1, 1), tagger.batchSizes, "the corrupt image never reached the model");
            assertFalse(store.all().hasNext());
            assertEquals(0, output.getQueueSize());
        }
    }
}
