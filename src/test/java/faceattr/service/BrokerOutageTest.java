package faceattr.service;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import faceattr.embedded.EmbeddedSchemaRegistry;
import faceattr.stream.FaceAttrService;
import faceattr.stream.ServiceMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker stops answering for a while: it runs in a process of its own and is frozen with SIGSTOP for 15 s while
 * the service has work in flight, then thawed with SIGCONT. The service must wait (not die), resume by itself, and
 * give exactly one output per input id, including for events produced after the outage.
 */
@Tag("process")
class BrokerOutageTest {
    private static final Logger log = LoggerFactory.getLogger(BrokerOutageTest.class);
    private static final long FREEZE_MS = 15_000;

    @TempDir
    Path tmp;

    @Test
    void serviceWaitsOutAFrozenBrokerAndResumesWithoutLossOrDuplicates() throws Exception {
        Process broker = startBroker();
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().host("127.0.0.1").port(0).start();
             PrometheusMetrics metrics = new PrometheusMetrics()) {
            String bootstrap = awaitBootstrap(broker);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("images", 2, (short) 1),
                        new NewTopic("face-attributes", 2, (short) 1), new NewTopic("images.dlq", 2, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            }
            ServiceConfig config = ServiceConfig.builder()
                    .set("bootstrap.servers", bootstrap)
                    .set("schema.registry.url", registry.url())
                    .set("state.dir", Files.createDirectories(tmp.resolve("state")).toString())
                    .set("batch.size", 8)
                    .set("batch.max.wait.ms", 100)
                    .set("commit.interval.ms", 200)
                    .set("session.timeout.ms", 6_000)
                    .set("heartbeat.interval.ms", 1_000)
                    .build();
            List<String> ids = new ArrayList<>();
            Set<KafkaStreams.State> statesDuringOutage = EnumSet.noneOf(KafkaStreams.State.class);
            try (ConfluentAvroSerde<ImageEvent> events = AvroSerdes.forValue(ImageEvent.class,
                    Map.of("schema.registry.url", registry.url()));
                 FaceAttrService service = FaceAttrService.create(config,
                         new MeteredFaceTagger(new PacedTestTagger(20), metrics),
                         new ServiceMetrics(metrics.registry()))) {
                service.start();
                assertTrue(service.awaitRunning(Duration.ofSeconds(60)), "running before the outage");
                produce(bootstrap, events, ids, 0, 200);

                long frozenAt = System.nanoTime();
                signal(broker, "STOP");
                try {
                    while (System.nanoTime() - frozenAt < TimeUnit.MILLISECONDS.toNanos(FREEZE_MS)) {
                        statesDuringOutage.add(service.state());
                        Thread.sleep(200);
                    }
                } finally {
                    signal(broker, "CONT");
                }
                log.info("broker thawed after {} ms; service states during the outage: {}", FREEZE_MS,
                        statesDuringOutage);
                produce(bootstrap, events, ids, 200, 100);

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                Map<String, Integer> outputs = Map.of();
                while (outputs.size() < ids.size() && System.nanoTime() < deadline) {
                    Thread.sleep(1_000);
                    outputs = OutputCheck.outputsPerId(bootstrap, "read_committed", "face-attributes", "images.dlq");
                }
                assertNull(service.fatalError(), "no fatal error");
                assertTrue(service.state().isRunningOrRebalancing(), "still running: " + service.state());
            }
            Map<String, Integer> outputs = OutputCheck.outputsPerId(bootstrap, "read_committed", "face-attributes",
                    "images.dlq");
            log.info("broker outage: {} events, {} outputs, {} lost, {} duplicated", ids.size(), outputs.size(),
                    OutputCheck.lost(ids, outputs).size(), OutputCheck.duplicated(outputs).size());
            assertEquals(List.of(), OutputCheck.lost(ids, outputs), "nothing lost");
            assertEquals(List.of(), OutputCheck.duplicated(outputs), "nothing duplicated");
            assertEquals(ids.size(), outputs.size());
            assertTrue(statesDuringOutage.stream().noneMatch(s -> s == KafkaStreams.State.ERROR
                    || s == KafkaStreams.State.NOT_RUNNING), "the service waited: " + statesDuringOutage);
        } finally {
            signal(broker, "CONT");
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
    }

    private static void produce(String bootstrap, ConfluentAvroSerde<ImageEvent> events, List<String> ids, int from,
                                int count) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = from; i < from + count; i++) {
                String id = String.format("o-%04d", i);
                ImageEvent e = i % 25 == 24 ? TestEvents.notAnImage(id) : TestEvents.face(id, i);
                producer.send(new ProducerRecord<>("images", id.getBytes(StandardCharsets.UTF_8),
                        events.serializer().serialize("images", e)));
                ids.add(id);
            }
            producer.flush();
        }
    }

    private Process startBroker() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                BrokerProcessMain.class.getName())
                .redirectOutput(tmp.resolve("broker.out").toFile())
                .redirectError(tmp.resolve("broker.err").toFile())
                .start();
    }

    private String awaitBootstrap(Process broker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new AssertionError("broker process exited: " + Files.readString(tmp.resolve("broker.err")));
            }
            for (String line : Files.readAllLines(tmp.resolve("broker.out"))) {
                if (line.startsWith("bootstrap.servers=")) {
                    return line.substring("bootstrap.servers=".length()).trim();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the broker process printed no bootstrap.servers line");
    }

    private static void signal(Process process, String signal) throws Exception {
        if (!process.isAlive()) {
            return;
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }
}
