package faceattr.service;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.ImageEvent;
import faceattr.embedded.EmbeddedKafka;
import faceattr.embedded.EmbeddedSchemaRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restarted instance resumes within seconds: the real service ({@code serve}, bundled model) as a child JVM on a
 * real broker is SIGKILLed mid-stream and started again at once; the first new committed output must come within
 * {@value #RESUME_LIMIT_S} s of the kill (JVM start and model load included; see {@link #limit} for a machine too
 * loaded to start a JVM and the model that fast). Then a SIGTERM: exit status 0, the member has left the group, and
 * a restart resumes as fast. At the end every input has exactly one output
 * (read_committed), and no restarted run logged an ERROR.
 * <p>
 * What makes it fast is static membership ({@code group.instance.id}, derived by default): the restarted member takes
 * its old place without waiting for the dead member's session to expire. To measure other settings, add lines to
 * the service's configuration with {@code -Drestart.config="group.instance.id=|group.protocol=streams"} ({@code |}
 * separates lines); the figures are printed as {@code RESTART-TEST ...}.
 */
@Tag("process")
class RestartResumeTest {
    private static final Logger log = LoggerFactory.getLogger(RestartResumeTest.class);
    private static final int RESUME_LIMIT_S = 10;
    private static final int COLD_START_BUDGET_S = 8;
    private static final int RESTART_SLACK_S = 5;
    private static final String IN = "images";
    private static final String OUT = "face-attributes";
    private static final String DLQ = "images.dlq";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR .*$");

    @TempDir
    Path tmp;

    @Test
    void sigkilledInstanceResumesWithinTenSecondsAndSigtermExitsZero() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().host("127.0.0.1").port(0).start();
             ConfluentAvroSerde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class,
                     Map.of("schema.registry.url", registry.url()));
             var producer = new KafkaProducer<>(Map.<String, Object>of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
             var reader = committedReader(kafka.bootstrapServers())) {
            kafka.createTopics(2, IN, OUT, DLQ);
            List<TopicPartition> outputPartitions = new ArrayList<>();
            for (String topic : List.of(OUT, DLQ)) {
                reader.partitionsFor(topic).forEach(p -> outputPartitions.add(
                        new TopicPartition(topic, p.partition())));
            }
            reader.assign(outputPartitions);
            int port = ServeProcess.freePort();
            Path config = writeConfig(kafka.bootstrapServers(), registry.url(), port);
            List<String> ids = new ArrayList<>();
            produce(producer, serde, ids, 60);

            Map<TopicPartition, Long> nothingYet = reader.endOffsets(reader.assignment());
            long launched = System.nanoTime();
            ServeProcess first = ServeProcess.launch(config, tmp.resolve("run-1.log"));
            Resume coldStart = awaitResume(reader, nothingYet, launched, first, port);
            first.awaitReady(port, READY_TIMEOUT);
            awaitOutputs(kafka.bootstrapServers(), 8, first);
            first.kill();
            long killed = System.nanoTime();
            Map<TopicPartition, Long> committedAtKill = reader.endOffsets(reader.assignment());
            produce(producer, serde, ids, 30);
            ServeProcess second = ServeProcess.launch(config, tmp.resolve("run-2.log"));
            Resume afterKill = awaitResume(reader, committedAtKill, killed, second, port);

            awaitOutputs(kafka.bootstrapServers(), ids.size() - 20, second);
            long stopping = System.nanoTime();
            int status = second.terminate(Duration.ofSeconds(45));
            long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
            int membersAfterStop = members(kafka.bootstrapServers());
            long stopped = System.nanoTime();
            Map<TopicPartition, Long> committedAtStop = reader.endOffsets(reader.assignment());
            produce(producer, serde, ids, 20);
            ServeProcess third = ServeProcess.launch(config, tmp.resolve("run-3.log"));
            Resume afterTerm = awaitResume(reader, committedAtStop, stopped, third, port);

            awaitOutputs(kafka.bootstrapServers(), ids.size(), third);
            int lastStatus = third.terminate(Duration.ofSeconds(45));
            Map<String, Integer> outputs = OutputCheck.outputsPerId(kafka.bootstrapServers(), "read_committed", OUT,
                    DLQ);
            System.err.printf("RESTART-TEST extra_config=%s events=%d cold_start_s=%.1f sigkill_ready_s=%.1f "
                            + "sigkill_resumed_s=%.1f sigterm_stop_s=%.1f members_after_sigterm=%d "
                            + "sigterm_ready_s=%.1f sigterm_resumed_s=%.1f sigterm_status=%d outputs=%d%n",
                    System.getProperty("restart.config", ""), ids.size(), coldStart.resumedSeconds,
                    afterKill.readySeconds, afterKill.resumedSeconds, stopMs / 1000.0, membersAfterStop,
                    afterTerm.readySeconds, afterTerm.resumedSeconds, status, outputs.size());
            assertEquals(0, status, "a graceful stop (SIGTERM) exits 0");
            assertEquals(0, lastStatus, "a graceful stop (SIGTERM) exits 0");
            assertTrue(second.log().contains("shutdown complete"), ServeProcess.tail(second.log()));
            assertEquals(List.of(), OutputCheck.lost(ids, outputs), "every input has an output");
            assertEquals(List.of(), OutputCheck.duplicated(outputs), "no input has two outputs");
            assertEquals(ids.size(), outputs.size());
            assertTrue(afterKill.resumedSeconds <= limit(coldStart), "tagging resumed " + afterKill.resumedSeconds
                    + " s after the SIGKILL (cold start " + coldStart.resumedSeconds + " s):\n"
                    + ServeProcess.tail(second.log()));
            assertEquals(0, membersAfterStop, "a graceful stop leaves the consumer group");
            assertTrue(afterTerm.resumedSeconds <= limit(coldStart), "tagging resumed " + afterTerm.resumedSeconds
                    + " s after the SIGTERM (cold start " + coldStart.resumedSeconds + " s)");
            for (ServeProcess run : List.of(first, second, third)) {
                assertEquals(List.of(), ERROR_LINE.matcher(run.log()).results().map(m -> m.group()).toList(),
                        "routine recovery logs no ERROR");
            }
        }
    }

    private record Resume(double readySeconds, double resumedSeconds) {
    }

    /**
     * {@value #RESUME_LIMIT_S} s; on a machine so loaded that the service's own cold start in this run (launch to
     * first output, nothing to wait for) took longer than {@value #COLD_START_BUDGET_S} s, the restart may take
     * that cold start plus {@value #RESTART_SLACK_S} s: it still waited for no session or transaction timeout.
     */
    private static double limit(Resume coldStart) {
        return coldStart.resumedSeconds <= COLD_START_BUDGET_S ? RESUME_LIMIT_S
                : coldStart.resumedSeconds + RESTART_SLACK_S;
    }

    /**
     * Seconds from {@code since} to {@code /readyz} 200 and to the first committed output past {@code committed}
     * (the read_committed end offsets when the last instance went away).
     */
    private static Resume awaitResume(KafkaConsumer<byte[], byte[]> reader, Map<TopicPartition, Long> committed,
                                      long since, ServeProcess service, int port) throws Exception {
        double ready = -1;
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        reader.assignment().forEach(p -> reader.seek(p, committed.get(p)));
        while (System.nanoTime() < deadline) {
            if (!service.process().isAlive()) {
                throw new AssertionError("the service exited:\n" + ServeProcess.tail(service.log()));
            }
            if (ready < 0 && readyz(port)) {
                ready = seconds(since);
            }
            if (!reader.poll(Duration.ofMillis(100)).isEmpty()) {
                double resumed = seconds(since);
                log.info("resumed after {} s (ready after {} s)", resumed, ready);
                return new Resume(ready < 0 ? resumed : ready, resumed);
            }
        }
        throw new AssertionError("no new output within " + READY_TIMEOUT + ":\n" + ServeProcess.tail(service.log()));
    }

    private static boolean readyz(int port) {
        try {
            return Http.get(port, "/readyz").statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static KafkaConsumer<byte[], byte[]> committedReader(String bootstrap) {
        return new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Waits for {@code count} committed outputs (attribute records and dead letters). */
    private static void awaitOutputs(String bootstrap, int count, ServeProcess service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (OutputCheck.outputsPerId(bootstrap, "read_committed", OUT, DLQ).size() < count) {
            if (System.nanoTime() > deadline || !service.process().isAlive()) {
                throw new AssertionError("fewer than " + count + " outputs:\n" + ServeProcess.tail(service.log()));
            }
            Thread.sleep(300);
        }
    }

    private static int members(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var groups = admin.describeConsumerGroups(List.of("faceattr")).all().get(30, TimeUnit.SECONDS);
            return groups.get("faceattr").members().size();
        } catch (java.util.concurrent.ExecutionException e) {
            return -1; // not a consumer group (group.protocol=streams): printed as -1, unknown
        }
    }

    private static void produce(KafkaProducer<byte[], byte[]> producer, ConfluentAvroSerde<ImageEvent> serde,
                                List<String> ids, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String id = String.format("r-%04d", ids.size());
            ImageEvent e = ids.size() % 15 == 14 ? TestEvents.notAnImage(id) : TestEvents.face(id, ids.size());
            producer.send(new ProducerRecord<>(IN, id.getBytes(StandardCharsets.UTF_8),
                    serde.serializer().serialize(IN, e))).get(30, TimeUnit.SECONDS);
            ids.add(id);
        }
    }

    /** Production-like: Kafka's own session and heartbeat defaults, nothing tuned for the test. */
    private Path writeConfig(String bootstrap, String registryUrl, int httpPort) throws Exception {
        Path state = Files.createDirectories(tmp.resolve("state"));
        List<String> lines = new ArrayList<>(ServeProcess.baseConfig(bootstrap, registryUrl, httpPort, state));
        String extra = System.getProperty("restart.config", "");
        if (!extra.isBlank()) {
            lines.addAll(List.of(extra.split("\\|")));
        }
        return Files.writeString(tmp.resolve("faceattr.properties"), String.join("\n", lines) + "\n");
    }
}
