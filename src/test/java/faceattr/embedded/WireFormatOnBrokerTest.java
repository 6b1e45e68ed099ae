package faceattr.embedded;

import faceattr.avro.AvroFixtures;
import faceattr.avro.ConfluentAvroDeserializer;
import faceattr.avro.ConfluentAvroSerializer;
import faceattr.avro.ConfluentWireFormat;
import faceattr.avro.HttpSchemaRegistryClient;
import faceattr.avro.SchemaRegistryClient;
import faceattr.avro.SchemaRegistryClientConfig;
import faceattr.avro.generated.ImageEvent;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The wire format on a real (in-JVM KRaft) broker with the embedded registry over HTTP: plain Kafka clients
 * configured by class name write and read; the bytes on the topic carry the id the registry gives the subject; a
 * record of an older ImageEvent version on the same topic is read with defaults.
 */
@Tag("broker")
class WireFormatOnBrokerTest {
    private static final String TOPIC = "images";

    private static KafkaClusterTestKit cluster;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        registry = EmbeddedSchemaRegistry.start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void bytesOnTheTopicCarryTheRegisteredIdAndOlderVersionsStayReadable() throws Exception {
        SchemaRegistryClient client = new HttpSchemaRegistryClient(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url()));
        int v1Id = client.register(TOPIC + "-value", AvroFixtures.IMAGE_EVENT_V1);
        GenericRecord old = new GenericData.Record(AvroFixtures.IMAGE_EVENT_V1);
        old.put("id", "img-old");
        old.put("uri", "file:///srv/images/old.jpg");
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(producerConfig(ByteArraySerializer.class))) {
            raw.send(new ProducerRecord<>(TOPIC, "img-old".getBytes(), AvroFixtures.framed(v1Id, AvroFixtures.avroBody(old)))).get();
        }
        try (KafkaProducer<String, ImageEvent> producer = new KafkaProducer<>(producerConfig(ConfluentAvroSerializer.class))) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "img-" + i, AvroFixtures.imageEvent("img-" + i))).get();
            }
        }
        int currentId = client.latest(TOPIC + "-value").id();
        assertEquals(2, client.latest(TOPIC + "-value").version());
        assertNotEquals(v1Id, currentId);

        List<ConsumerRecord<byte[], byte[]>> bytes = readAll(ByteArrayDeserializer.class, 4);
        assertArrayEquals(ConfluentWireFormat.header(v1Id), Arrays.copyOf(bytes.get(0).value(), 5));
        for (ConsumerRecord<byte[], byte[]> record : bytes.subList(1, 4)) {
            assertEquals(0, record.value()[0]);
            assertEquals(currentId, ConfluentWireFormat.schemaId(TOPIC, record.value()));
        }

        List<ConsumerRecord<byte[], ImageEvent>> events = readAll(ConfluentAvroDeserializer.class, 4);
        ImageEvent readOld = events.get(0).value();
        assertEquals("img-old", readOld.getId());
        assertEquals("file:///srv/images/old.jpg", readOld.getUri());
        assertNull(readOld.getContentType());
        assertEquals(Map.of(), readOld.getMetadata());
        for (int i = 0; i < 3; i++) {
            assertEquals(AvroFixtures.imageEvent("img-" + i), events.get(i + 1).value());
        }
    }

    private static Map<String, Object> producerConfig(Class<?> valueSerializer) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                valueSerializer == ByteArraySerializer.class ? ByteArraySerializer.class : StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer);
        config.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url());
        return config;
    }

    private static <V> List<ConsumerRecord<byte[], V>> readAll(Class<?> valueDeserializer, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, valueDeserializer);
        config.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url());
        List<ConsumerRecord<byte[], V>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], V> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            for (int polls = 0; polls < 100 && records.size() < expected; polls++) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertEquals(expected, records.size());
        return records;
    }
}
