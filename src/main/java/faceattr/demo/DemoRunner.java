package faceattr.demo;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import faceattr.embedded.EmbeddedKafka;
import faceattr.embedded.EmbeddedSchemaRegistry;
import faceattr.errors.ReasonCode;
import faceattr.model.FaceTagger;
import faceattr.result.ResultFormat;
import faceattr.search.SearchService;
import faceattr.service.ServiceHost;
import faceattr.stream.DeadLetterLines;
import faceattr.stream.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The embedded default: a real broker and schema registry in this process, the service on them, a few hundred
 * synthetic images (a few deliberately bad) produced through the public topics, and every result and dead letter
 * printed as it arrives, then a summary. Keeps serving external clients until closed, or returns after the summary.
 */
public final class DemoRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    public static final String INPUT_TOPIC = "images";
    public static final String OUTPUT_TOPIC = "face-attributes";
    public static final String DLQ_TOPIC = "images.dlq";

    /** What the demo is asked to do. */
    public record Options(int kafkaPort, int registryPort, int count, int bad, int batchSize, long batchMaxWaitMs,
                          Duration timeout) {
    }

    /** The bad inputs the demo sends, in turn; each names the reason its dead letter must carry. */
    enum BadKind {
        CORRUPT_BYTES(ReasonCode.CORRUPT_IMAGE),
        NOT_AVRO(ReasonCode.DESERIALIZATION),
        BOTH_URI_AND_DATA(ReasonCode.INVALID_EVENT),
        DISALLOWED_URI(ReasonCode.URI_NOT_ALLOWED),
        NOT_AN_IMAGE(ReasonCode.UNSUPPORTED_FORMAT),
        MISSING_FILE(ReasonCode.FETCH_FAILED),
        EMPTY_ID(ReasonCode.INVALID_EVENT);

        final ReasonCode expected;

        BadKind(ReasonCode expected) {
            this.expected = expected;
        }
    }

    private final Options options;
    private final FaceTagger tagger;
    private final IntFunction<byte[]> jpegImages;
    private final PrintStream out;
    private final Path workDir;
    private final Map<String, AtomicInteger> outcomesPerId = new ConcurrentHashMap<>();
    private final Map<String, String> expectedOutcome = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reasons = new ConcurrentHashMap<>();
    private final Map<String, String> actualOutcome = new ConcurrentHashMap<>();
    private final AtomicInteger results = new AtomicInteger();
    private final AtomicInteger deadLetters = new AtomicInteger();
    private final AtomicInteger facesFound = new AtomicInteger();
    private final AtomicLong latencySum = new AtomicLong();
    private final AtomicLong latencyMax = new AtomicLong();
    private final AtomicLong lastOutcomeNanos = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);

    private EmbeddedKafka kafka;
    private EmbeddedSchemaRegistry registry;
    private ServiceHost host;
    private Thread printer;
    private volatile KafkaConsumer<byte[], byte[]> printerConsumer;
    private volatile boolean stopping;

    /**
     * @param jpegImages encoded synthetic photos by index (deterministic)
     */
    public DemoRunner(Options options, FaceTagger tagger, IntFunction<byte[]> jpegImages, PrintStream out)
            throws IOException {
        this.options = options;
        this.tagger = tagger;
        this.jpegImages = jpegImages;
        this.out = out;
        this.workDir = Files.createTempDirectory("faceattr-demo-");
    }

    /** Starts broker, registry and service; prints where clients connect. */
    public void start() throws Exception {
        kafka = EmbeddedKafka.start(options.kafkaPort());
        registry = EmbeddedSchemaRegistry.builder().host("127.0.0.1").port(options.registryPort())
                .fallbackToFreePort(true).start();
        out.println("bootstrap.servers=" + kafka.bootstrapServers());
        out.println("schema.registry.url=" + registry.url());
        out.flush();
        kafka.createTopics(1, INPUT_TOPIC, OUTPUT_TOPIC, DLQ_TOPIC);
        Files.createDirectories(workDir.resolve("uploads"));
        host = ServiceHost.start(config());
        host.model(tagger);
        host.startServing();
        out.println("metrics=http://127.0.0.1:" + host.httpPort() + "/metrics");
        out.println("gallery=http://127.0.0.1:" + host.httpPort() + "/");
        if (!host.stream().awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the service did not reach RUNNING (state " + host.stream().state() + ")");
        }
        printer = new Thread(this::printResults, "demo-result-printer");
        printer.setDaemon(true);
        printer.start();
    }

    private ServiceConfig config() throws IOException {
        return ServiceConfig.builder()
                .set(ServiceConfig.APPLICATION_ID, "faceattr-demo")
                .set(ServiceConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .set(ServiceConfig.SCHEMA_REGISTRY_URL, registry.url())
                .set(ServiceConfig.BATCH_SIZE, options.batchSize())
                .set(ServiceConfig.BATCH_MAX_WAIT_MS, options.batchMaxWaitMs())
                .set("state.dir", Files.createDirectories(workDir.resolve("state")).toString())
                .set("uri.allowed.roots", workDir.resolve("uploads").toString())
                .set("uri.allowed.hosts", "127.0.0.1:" + registry.port())
                .set(ServiceConfig.HTTP_HOST, "127.0.0.1")
                .set(ServiceConfig.HTTP_PORT, 0)
                .set(ServiceConfig.SEARCH_ENABLED, true)
                .set(ServiceConfig.SEARCH_THUMBNAILS, true)
                .build();
    }

    /**
     * Produces {@code count} events, {@code bad} of them deliberately bad (spread evenly), waits until each has its
     * outcome (or the timeout), prints the summary, and says whether every input got exactly one output.
     */
    public boolean runBatch() throws Exception {
        int count = options.count();
        int bad = Math.min(options.bad(), count);
        long startNanos = System.nanoTime();
        ConfluentAvroSerde<ImageEvent> serde = AvroSerdes.forValue(ImageEvent.class,
                Map.of("schema.registry.url", registry.url()));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer())) {
            int badSent = 0;
            for (int i = 0; i < count; i++) {
                boolean isBad = bad > 0 && badSent < bad && i % Math.max(1, count / bad) == count / bad / 2;
                String id;
                byte[] value;
                if (isBad) {
                    BadKind kind = BadKind.values()[badSent % BadKind.values().length];
                    id = String.format(Locale.ROOT, "demo-%04d-%s", i, kind.name().toLowerCase(Locale.ROOT));
                    value = badValue(kind, id, i, serde);
                    expectedOutcome.put(id, kind.expected.name());
                    badSent++;
                } else {
                    id = String.format(Locale.ROOT, "demo-%04d", i);
                    value = goodValue(id, i, serde);
                    expectedOutcome.put(id, "OK");
                }
                outcomesPerId.putIfAbsent(id, new AtomicInteger());
                producer.send(new ProducerRecord<>(INPUT_TOPIC, id.getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
        } finally {
            serde.close();
        }
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (System.nanoTime() < deadline && !allAnswered()) {
            Thread.sleep(100);
        }
        Thread.sleep(500); // a duplicate, if there were one, would show up now
        return printSummary(startNanos);
    }

    private boolean allAnswered() {
        return outcomesPerId.values().stream().allMatch(n -> n.get() >= 1);
    }

    private byte[] goodValue(String id, int i, ConfluentAvroSerde<ImageEvent> serde) throws IOException {
        byte[] jpeg = jpegImages.apply(i);
        ImageEvent.Builder e = ImageEvent.newBuilder().setId(id).setSource("faceattr-demo")
                .setMetadata(Map.of("demo.index", Integer.toString(i)));
        if (i % 10 == 3) {
            Path file = Files.write(workDir.resolve("uploads").resolve(id + ".jpg"), jpeg);
            e.setUri(file.toUri().toString());
        } else {
            e.setData(ByteBuffer.wrap(jpeg)).setContentType("image/jpeg");
        }
        return serde.serializer().serialize(INPUT_TOPIC, e.build());
    }

    private byte[] badValue(BadKind kind, String id, int i, ConfluentAvroSerde<ImageEvent> serde) throws IOException {
        byte[] jpeg = jpegImages.apply(i);
        ImageEvent.Builder e = ImageEvent.newBuilder().setId(id).setSource("faceattr-demo");
        return switch (kind) {
            case CORRUPT_BYTES -> serde.serializer().serialize(INPUT_TOPIC, e
                    .setData(ByteBuffer.wrap(java.util.Arrays.copyOf(jpeg, jpeg.length / 3)))
                    .setContentType("image/jpeg").build());
            case NOT_AVRO -> ("{\"id\":\"" + id + "\",\"note\":\"JSON is not the Avro wire format\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case BOTH_URI_AND_DATA -> serde.serializer().serialize(INPUT_TOPIC, e.setData(ByteBuffer.wrap(jpeg))
                    .setUri(workDir.resolve("uploads").resolve("x.jpg").toUri().toString()).build());
            case DISALLOWED_URI -> serde.serializer().serialize(INPUT_TOPIC,
                    e.setUri("file:///etc/passwd").build());
            case NOT_AN_IMAGE -> serde.serializer().serialize(INPUT_TOPIC, e.setData(ByteBuffer.wrap(
                    "GIF? no: just text pretending to be a photo".getBytes(StandardCharsets.UTF_8))).build());
            case MISSING_FILE -> serde.serializer().serialize(INPUT_TOPIC, e.setUri(workDir.resolve("uploads")
                    .resolve("never-uploaded.jpg").toUri().toString()).build());
            case EMPTY_ID -> serde.serializer().serialize(INPUT_TOPIC, e.setId("").setData(ByteBuffer.wrap(jpeg))
                    .build());
        };
    }

    private void printResults() {
        ConfluentAvroSerde<FaceAttributes> serde = AvroSerdes.forValue(FaceAttributes.class,
                Map.of("schema.registry.url", registry.url()));
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "faceattr-demo-printer",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            printerConsumer = consumer;
            consumer.subscribe(List.of(OUTPUT_TOPIC, DLQ_TOPIC));
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String id = DeadLetterLines.text(r.key());
                    if (r.topic().equals(OUTPUT_TOPIC)) {
                        FaceAttributes fa = serde.deserializer().deserialize(r.topic(), r.value());
                        results.incrementAndGet();
                        facesFound.addAndGet(fa.getFaces().size());
                        latencySum.addAndGet(fa.getLatencyMs());
                        latencyMax.accumulateAndGet(fa.getLatencyMs(), Math::max);
                        out.println(ResultFormat.line(fa));
                        actualOutcome.put(id, "OK");
                    } else {
                        deadLetters.incrementAndGet();
                        reasons.computeIfAbsent(String.valueOf(DeadLetters.header(r.headers(), DeadLetters.REASON)),
                                k -> new AtomicInteger()).incrementAndGet();
                        out.println(DeadLetterLines.deadLetter(r.key(), r.value(), r.headers()));
                        actualOutcome.put(id, String.valueOf(DeadLetters.header(r.headers(), DeadLetters.REASON)));
                    }
                    outcomesPerId.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    lastOutcomeNanos.set(System.nanoTime());
                }
                out.flush();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("the demo's result printer failed", e);
        } finally {
            serde.close();
        }
    }

    private boolean printSummary(long startNanos) {
        int n = expectedOutcome.size();
        List<String> wrong = new ArrayList<>();
        outcomesPerId.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String expected = expectedOutcome.get(e.getKey());
            if (expected != null && e.getValue().get() != 1) {
                wrong.add(e.getKey() + " (" + e.getValue().get() + " outputs)");
            } else if (expected != null && !expected.equals(actualOutcome.get(e.getKey()))) {
                wrong.add(e.getKey() + " (" + actualOutcome.get(e.getKey()) + ", expected " + expected + ")");
            }
        });
        double seconds = Math.max(1e-3, (lastOutcomeNanos.get() - startNanos) / 1e9);
        int answered = results.get() + deadLetters.get();
        out.println();
        out.println("==== faceattr demo summary ====");
        out.printf(Locale.ROOT, "inputs produced        %d (%d deliberately bad)%n", n,
                expectedOutcome.values().stream().filter(v -> !v.equals("OK")).count());
        out.printf(Locale.ROOT, "attribute records      %d (faces found: %d, mean latency %d ms, max %d ms)%n",
                results.get(), facesFound.get(), results.get() == 0 ? 0 : latencySum.get() / results.get(),
                latencyMax.get());
        out.printf(Locale.ROOT, "dead letters           %d %s%n", deadLetters.get(), new TreeMap<>(reasons.entrySet()
                .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, x -> x.getValue().get()))));
        out.printf(Locale.ROOT, "throughput             %.1f images/s (%d outputs in %.1f s, produce to last output)%n",
                answered / seconds, answered, seconds);
        out.printf(Locale.ROOT, "exactly one output     %s%n", wrong.isEmpty() ? "yes, for every input (each as expected)"
                : "NO for " + wrong.size() + ": " + wrong.subList(0, Math.min(10, wrong.size())));
        out.flush();
        return wrong.isEmpty() && answered == n;
    }

    /** Blocks until {@link #close()} is called (Ctrl-C), serving external clients meanwhile. */
    public void serveUntilClosed() throws InterruptedException {
        out.println();
        out.println("serving: produce ImageEvents to '" + INPUT_TOPIC + "' at " + kafka.bootstrapServers()
                + " (registry " + registry.url() + "); results appear here. Ctrl-C stops.");
        out.flush();
        closed.await();
    }

    @Override
    public void close() {
        stopping = true;
        KafkaConsumer<byte[], byte[]> c = printerConsumer;
        if (c != null) {
            c.wakeup();
        }
        if (printer != null) {
            try {
                printer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(host, "service");
        closeQuietly(registry, "schema registry");
        closeQuietly(kafka, "broker");
        deleteRecursively(workDir);
        closed.countDown();
    }

    private static void closeQuietly(AutoCloseable c, String what) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.warn("closing the {} failed: {}", what, e.toString());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    /** The search index (null before {@link #start()}). */
    public SearchService search() {
        return host == null ? null : host.search();
    }

    /** The HTTP port of metrics, the search API and the gallery. */
    public int httpPort() {
        return host.httpPort();
    }

    public int resultsCount() {
        return results.get();
    }

    public int deadLetterCount() {
        return deadLetters.get();
    }

    public Map<String, Integer> reasonCounts() {
        Map<String, Integer> m = new TreeMap<>();
        reasons.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }
}
