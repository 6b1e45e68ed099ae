package faceattr.embedded;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("broker")
class EmbeddedKafkaTest {

    @Test
    void listensOnTheRequestedPortWhenItIsFree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(port)) {
            assertEquals("127.0.0.1:" + port, kafka.bootstrapServers());
        }
    }

    @Test
    void takesAFreePortWhenTheRequestedOneIsBusyAndServesTransactions() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int taken = busy.getLocalPort();
            try (EmbeddedKafka kafka = EmbeddedKafka.start(taken)) {
                String bootstrap = kafka.bootstrapServers();
                assertTrue(bootstrap.startsWith("127.0.0.1:"), bootstrap);
                assertNotEquals("127.0.0.1:" + taken, bootstrap);
                kafka.createTopics(1, "images", "face-attributes", "images.dlq");
                try (var admin = kafka.admin()) {
                    assertTrue(admin.listTopics().names().get().containsAll(
                            Set.of("images", "face-attributes", "images.dlq")));
                }
                try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-test"),
                        new StringSerializer(), new StringSerializer())) {
                    producer.initTransactions();
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>("images", "k", "committed"));
                    producer.commitTransaction();
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>("images", "k", "aborted"));
                    producer.abortTransaction();
                }
                try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "embedded-test",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {
                    consumer.subscribe(List.of("images"));
                    List<String> values = new ArrayList<>();
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (values.isEmpty() && System.nanoTime() < deadline) {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                    }
                    assertEquals(List.of("committed"), values);
                }
            }
        }
    }
}
