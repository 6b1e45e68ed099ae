package faceattr.service;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import faceattr.embedded.EmbeddedKafka;
import faceattr.embedded.EmbeddedSchemaRegistry;
import faceattr.model.FaceTagger;
import faceattr.rollout.TestBundles;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hot swap under load on the in-JVM broker, with the real model: the service ({@link ServiceHost#loadModel}, as
 * {@code serve} runs it) tags a backlog with bundle v1 at {@code model.path}; a corrupt file, a truncated zip and a
 * bundle of the wrong profile are put there (found by the watcher, and asked for with {@code POST
 * /admin/model/reload}) and refused while tagging goes on; then bundle v2 is put there and swapped in. Every input
 * gets exactly one output; within each partition the versions never go back; every input produced after the swap is
 * tagged by v2; the step from the last v1 record to the first v2 record is no longer than the longest step between
 * two batches elsewhere in the run (plus 1 s of slack): the stream did not stop for the swap.
 */
@Tag("broker")
class HotSwapOnBrokerTest {
    private static final Logger log = LoggerFactory.getLogger(HotSwapOnBrokerTest.class);
    private static final String TOKEN = "swap-test-token";
    private static final String V1 = "swap-test-v1";
    private static final String V2 = "swap-test-v2";
    private static final AtomicInteger NEXT_ID = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void refusesBadBundlesAndSwapsAGoodOneMidStream() throws Exception {
        Path modelPath = TestBundles.withVersion(tmp.resolve("model.zip"), V1);
        Path v2 = TestBundles.withVersion(tmp.resolve("v2.zip"), V2);
        Path wrongProfile = TestBundles.wrongProfile(tmp.resolve("paper.zip"), "swap-test-paper");
        Path truncated = TestBundles.truncated(tmp.resolve("truncated.zip"), "swap-test-truncated");
        Path corrupt = TestBundles.corrupt(tmp.resolve("corrupt.zip"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().host("127.0.0.1").port(0).start();
             ConfluentAvroSerde<ImageEvent> events = AvroSerdes.forValue(ImageEvent.class,
                     Map.of("schema.registry.url", registry.url()));
             var producer = new KafkaProducer<>(Map.<String, Object>of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
                     "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            kafka.createTopics(2, "images", "face-attributes", "images.dlq");
            ServiceConfig config = ServiceConfig.builder()
                    .set("bootstrap.servers", kafka.bootstrapServers())
                    .set("schema.registry.url", registry.url())
                    .set("state.dir", Files.createDirectories(tmp.resolve("state")).toString())
                    .set("http.host", "127.0.0.1")
                    .set("http.port", 0)
                    .set("batch.size", 4)
                    .set("batch.max.wait.ms", 100)
                    .set("model.path", modelPath.toString())
                    .set("model.watch.interval.ms", 300)
                    .set("admin.token", TOKEN)
                    .build();
            List<String> ids = new ArrayList<>();
            produce(producer, events, ids, 60);
            ExecutorService runner = Executors.newSingleThreadExecutor();
            try (ServiceHost host = ServiceHost.start(config)) {
                int port = host.httpPort();
                FaceTagger tagger = host.loadModel();
                Future<Integer> exit = runner.submit(host::run);
                awaitOutputs(kafka.bootstrapServers(), 8);

                // the endpoint's guards
                assertEquals(405, send(port, "GET", TOKEN, "").statusCode());
                HttpResponse<String> noToken = send(port, "POST", null, "");
                assertEquals(401, noToken.statusCode());
                assertTrue(noToken.body().contains("\"error\""), noToken.body());
                assertEquals(401, send(port, "POST", "wrong-token", "").statusCode());
                HttpResponse<String> upload = send(port, "POST", TOKEN, "PK\u0003\u0004 a bundle");
                assertEquals(400, upload.statusCode());
                assertTrue(upload.body().contains("not uploaded"), upload.body());
                HttpResponse<String> same = send(port, "POST", TOKEN, "");
                assertEquals(200, same.statusCode(), same.body());
                assertTrue(same.body().contains("\"result\":\"unchanged\""), same.body());

                // bad bundles: refused, v1 keeps tagging
                for (Path bad : List.of(corrupt, truncated, wrongProfile)) {
                    TestBundles.install(bad, modelPath);
                    HttpResponse<String> r = send(port, "POST", TOKEN, "");
                    log.info("reload of {}: {} {}", bad.getFileName(), r.statusCode(), r.body().trim());
                    assertEquals(409, r.statusCode(), r.body());
                    assertTrue(r.body().contains("\"result\":\"refused\""), r.body());
                    assertTrue(r.body().contains("\"version\":\"" + V1 + "\""), "v1 keeps running: " + r.body());
                }
                String metrics = Http.get(port, "/metrics").body();
                assertTrue(Http.sample(metrics, "faceattr_model_refusals_total{reason=\"UNREADABLE\"}") >= 2, metrics);
                assertTrue(Http.sample(metrics, "faceattr_model_refusals_total{reason=\"WRONG_PROFILE\"}") >= 1);
                assertEquals(0, Http.sample(metrics, "faceattr_model_swaps_total"));
                assertEquals(1, Http.sample(metrics, "faceattr_model_info{version=\"" + V1 + "\"}"));
                List<String> afterRefusals = new ArrayList<>();
                produce(producer, events, afterRefusals, 8);
                ids.addAll(afterRefusals);
                awaitOutputs(kafka.bootstrapServers(), ids.size());

                // the good bundle, found by the watcher (no request)
                produce(producer, events, ids, 30);
                TestBundles.install(v2, modelPath);
                awaitMetric(port, "faceattr_model_info{version=\"" + V2 + "\"}", 1, Duration.ofSeconds(90));
                metrics = Http.get(port, "/metrics").body();
                assertEquals(1, Http.sample(metrics, "faceattr_model_swaps_total"));
                assertTrue(metrics.lines().noneMatch(l -> l.startsWith("faceattr_model_info{version=\"" + V1)),
                        "only the running version is published");
                List<String> afterSwap = new ArrayList<>();
                produce(producer, events, afterSwap, 20);
                ids.addAll(afterSwap);
                awaitOutputs(kafka.bootstrapServers(), ids.size());
                host.stop();
                assertEquals(0, exit.get(60, TimeUnit.SECONDS));
                checkOutputs(kafka.bootstrapServers(), registry.url(), ids, afterRefusals, afterSwap);
            } finally {
                runner.shutdownNow();
            }
        }
    }

    private record Tagged(String id, int partition, long offset, String version, long processedAt) {
    }

    private static void checkOutputs(String bootstrap, String registryUrl, List<String> ids,
                                     List<String> afterRefusals, List<String> afterSwap) {
        Map<String, Integer> counts = OutputCheck.outputsPerId(bootstrap, "read_committed", "face-attributes",
                "images.dlq");
        assertEquals(List.of(), OutputCheck.lost(ids, counts), "every input has an output");
        assertEquals(List.of(), OutputCheck.duplicated(counts), "no input has two outputs");
        List<Tagged> tagged = new ArrayList<>();
        try (ConfluentAvroSerde<FaceAttributes> serde = AvroSerdes.forValue(FaceAttributes.class,
                Map.of("schema.registry.url", registryUrl))) {
            for (ConsumerRecord<byte[], byte[]> r : OutputCheck.readAll(bootstrap, "read_committed",
                    "face-attributes")) {
                FaceAttributes out = serde.deserializer().deserialize("face-attributes", r.value());
                tagged.add(new Tagged(out.getImageId(), r.partition(), r.offset(), out.getModelVersion(),
                        out.getProcessedAt().toEpochMilli()));
            }
        }
        Map<Integer, String> lastVersion = new HashMap<>();
        tagged.stream().sorted(Comparator.comparingInt(Tagged::partition).thenComparingLong(Tagged::offset))
                .forEach(t -> {
                    assertTrue(t.version().equals(V1) || t.version().equals(V2), t.toString());
                    assertTrue(!(V2.equals(lastVersion.get(t.partition())) && t.version().equals(V1)),
                            "partition " + t.partition() + " goes back to v1 at " + t);
                    lastVersion.put(t.partition(), t.version());
                });
        assertTrue(tagged.stream().filter(t -> afterRefusals.contains(t.id())).allMatch(t -> t.version().equals(V1)),
                "after the refusals v1 goes on tagging");
        assertTrue(tagged.stream().filter(t -> afterSwap.contains(t.id())).allMatch(t -> t.version().equals(V2)),
                "every input produced after the swap is tagged by v2");
        // the swap's step against every other step between batches
        List<Tagged> byTime = tagged.stream().sorted(Comparator.comparingLong(Tagged::processedAt)).toList();
        long swapStep = -1;
        long longestOther = 0;
        for (int i = 1; i < byTime.size(); i++) {
            long step = byTime.get(i).processedAt() - byTime.get(i - 1).processedAt();
            if (byTime.get(i - 1).version().equals(V1) && byTime.get(i).version().equals(V2)) {
                swapStep = step;
            } else {
                longestOther = Math.max(longestOther, step);
            }
        }
        log.info("hot swap: {} records, v1 {} / v2 {}, step at the swap {} ms, longest other step {} ms",
                tagged.size(), tagged.stream().filter(t -> t.version().equals(V1)).count(),
                tagged.stream().filter(t -> t.version().equals(V2)).count(), swapStep, longestOther);
        System.err.printf("HOT-SWAP-TEST records=%d swap_step_ms=%d longest_other_step_ms=%d%n", tagged.size(),
                swapStep, longestOther);
        assertTrue(swapStep >= 0, "one step from v1 to v2 in processing order");
        assertTrue(swapStep <= longestOther + 1_000, "the stream paused " + swapStep + " ms at the swap, longer than "
                + "any step between batches elsewhere (" + longestOther + " ms)");
    }

    private static HttpResponse<String> send(int port, String method, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/model/reload"))
                .timeout(Duration.ofSeconds(120))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int outputs(String bootstrap) {
        return OutputCheck.outputsPerId(bootstrap, "read_committed", "face-attributes", "images.dlq").size();
    }

    private static void awaitOutputs(String bootstrap, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (outputs(bootstrap) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " outputs after 240 s");
            }
            Thread.sleep(300);
        }
    }

    private static void awaitMetric(int port, String series, double value, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = Http.get(port, "/metrics").body();
            if (text.lines().anyMatch(l -> l.startsWith(series + " ")) && Http.sample(text, series) == value) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(series + " never became " + value);
            }
            Thread.sleep(200);
        }
    }

    private static void produce(KafkaProducer<byte[], byte[]> producer, ConfluentAvroSerde<ImageEvent> serde,
                                List<String> ids, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String id = String.format("s-%04d", NEXT_ID.getAndIncrement());
            ImageEvent e = TestEvents.face(id, id.hashCode());
            producer.send(new ProducerRecord<>("images", id.getBytes(StandardCharsets.UTF_8),
                    serde.serializer().serialize("images", e))).get(30, TimeUnit.SECONDS);
            ids.add(id);
        }
    }
}
