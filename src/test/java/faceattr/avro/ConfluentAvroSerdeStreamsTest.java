package faceattr.avro;

import faceattr.avro.generated.ImageEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static faceattr.avro.AvroFixtures.imageEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Kafka Streams builds the serde from its class name and configures it from the Streams config. */
class ConfluentAvroSerdeStreamsTest {
    private final String scope = "streams-" + UUID.randomUUID();

    @AfterEach
    void drop() {
        MockSchemaRegistry.drop(scope);
    }

    @Test
    void worksAsTheDefaultValueSerdeOfAStreamsApp() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, ImageEvent>stream("images")
                .mapValues(event -> ImageEvent.newBuilder(event).setSource("seen-by-streams").build())
                .to("images-seen");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "serde-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, ConfluentAvroSerde.class);
        props.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
        Serde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class,
                Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "mock://" + scope));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, ImageEvent> in = driver.createInputTopic("images", Serdes.String().serializer(), serde.serializer());
            TestOutputTopic<String, ImageEvent> out = driver.createOutputTopic("images-seen", Serdes.String().deserializer(), serde.deserializer());
            in.pipeInput("img-9", imageEvent("img-9"));

            ImageEvent seen = out.readValue();
            assertEquals("seen-by-streams", seen.getSource());
            assertEquals(imageEvent("img-9").getMetadata(), seen.getMetadata());
        }
        InMemorySchemaRegistry registry = MockSchemaRegistry.scope(scope);
        assertEquals(List.of("images-seen-value", "images-value"), registry.subjects());
        assertEquals(registry.latest("images-value").id(), registry.latest("images-seen-value").id());
    }
}
