package faceattr.bench;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import faceattr.embedded.EmbeddedKafka;
import faceattr.embedded.EmbeddedSchemaRegistry;
import faceattr.model.FaceTagger;
import faceattr.model.ModelBundle;
import faceattr.stream.FaceAttrService;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * End to end through a real in-process broker and schema registry ({@link EmbeddedKafka},
 * {@link EmbeddedSchemaRegistry}, as the demo uses) with the service ({@link FaceAttrService}) on the bundled model.
 * Each leg (one service configuration, on topics of its own) runs two phases: a burst of {@code events} image events
 * produced as fast as possible (sustained throughput), then {@code latencyEvents} produced at {@code latencyLoad} times
 * that throughput (end-to-end latency: the event's timestamp to its output record's timestamp, which the broker sets on
 * append since the output topic uses {@code LogAppendTime}). In the same run: the offline throughput of the same
 * model on the same decoded images at the same batch size (measured before and after the legs; the better one counts,
 * since the first passes of a fresh JVM are slower), and memory sampled over every event.
 * {@code per-record} mode runs the per-record leg ({@code batch.size=1}) and, for the ratio, a batched leg.
 */
public final class StreamBench {
    /** How the service batches: as configured, or one forward pass per record. */
    public enum Mode {
        BATCHED, PER_RECORD;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * @param events         events in the throughput burst of each leg
     * @param latencyEvents  events in the paced latency phase of the requested mode's leg (0: none)
     * @param latencyLoad    pace of the latency phase as a share of the leg's measured throughput
     * @param imagePool      distinct synthetic photos the events cycle through
     * @param model          a bundle path, or null for the bundled default
     */
    public record Options(int events, Mode mode, int batchSize, long batchMaxWaitMs, int partitions, int streamThreads,
                          int instances, int latencyEvents, double latencyLoad, int imagePool, Duration timeout,
                          Path model) {
        public Options {
            if (events < 2 || batchSize < 1 || partitions < 1 || streamThreads < 1 || instances < 1
                    || latencyEvents < 0 || latencyLoad <= 0 || imagePool < 1) {
                throw new IllegalArgumentException("events must be at least 2; batch size, partitions, threads,"
                        + " instances and image pool at least 1; latency events at least 0; latency load above 0");
            }
        }
    }

    /** The measured figures of one leg. */
    public record Leg(String name, int batchSize, int events, double throughput, double wallThroughput,
                      int forwardPasses, int imagesTagged, int outputs, int deadLetters, double medianBatchMs,
                      double medianFullBatchMs, double[] latenciesMs, double[] visibleLatenciesMs, double latencyRate,
                      double modelThroughputInStream) {
    }

    /** Events a run needs before its memory trend is judged flat or not. */
    static final int MIN_EVENTS_FOR_MEMORY_VERDICT = 10_000;

    private final Options o;
    private final PrintStream progress;

    public StreamBench(Options options, PrintStream progress) {
        this.o = options;
        this.progress = progress;
    }

    /** Runs the benchmark; returns the figures (the JSON file's content). */
    public Map<String, Object> run() throws Exception {
        progress.printf("bench stream: generating %d synthetic photos ...%n", o.imagePool());
        BenchImages images = BenchImages.generate(o.imagePool(), 2015);
        progress.println("bench stream: loading the model ...");
        ModelBundle bundle = ModelBundle.loadOrDefault(o.model());
        FaceTagger model = bundle.forInference().cascade();
        int offlineBatch = o.mode() == Mode.PER_RECORD ? 1 : o.batchSize();
        double[] offlineBefore = offline(model, images, offlineBatch);

        Path work = Files.createTempDirectory("faceattr-bench-stream-");
        long[] eventsDone = {0};
        Legs legs = new Legs(images, model, work, eventsDone);
        MemoryTrace.Verdict memory;
        List<Leg> done = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0);
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder().host("127.0.0.1").port(0).start()) {
            legs.kafka = kafka;
            legs.registry = registry;
            try (MemoryTrace trace = new MemoryTrace(legs::eventsDone, 500)) {
                if (o.mode() == Mode.PER_RECORD) {
                    done.add(legs.run("batched", o.batchSize(), 0));
                    done.add(legs.run("per-record", 1, o.latencyEvents()));
                } else {
                    done.add(legs.run("batched", o.batchSize(), o.latencyEvents()));
                }
                trace.close();
                memory = trace.verdict(0.2);
            }
        } finally {
            TempDirs.deleteRecursively(work);
        }
        // offline again in the now warm JVM (JIT, ND4J workspaces): the better of the two is the model's limit
        double[] offlineAfter = offline(model, images, offlineBatch);
        Leg main = done.get(done.size() - 1);
        Leg batched = done.get(0);
        return figures(main, batched, offlineBefore, offlineAfter, memory, ProcessMemory.now());
    }

    /**
     * Offline images/s of the cascade on the same decoded images, every image of the pool once (at least 3 passes):
     * at the run's batch size and, in per-record mode, also at the batched leg's.
     */
    private double[] offline(FaceTagger model, BenchImages images, int offlineBatch) {
        double atRunBatch = offlineAt(model, images, offlineBatch);
        double atBatchSize = offlineBatch == o.batchSize() ? atRunBatch : offlineAt(model, images, o.batchSize());
        return new double[]{atRunBatch, atBatchSize};
    }

    private double offlineAt(FaceTagger model, BenchImages images, int batch) {
        int passes = Math.max(3, (images.size() + batch - 1) / batch);
        return new ModelBench(1, passes, progress).cascade(model, images, List.of(batch)).get(0).imagesPerSecond();
    }

    private Map<String, Object> figures(Leg main, Leg batched, double[] offlineBefore, double[] offlineAfter,
                                        MemoryTrace.Verdict memory, ProcessMemory end) {
        double offline = Math.max(offlineBefore[0], offlineAfter[0]);
        double offlineBatched = Math.max(offlineBefore[1], offlineAfter[1]);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", o.mode().label());
        m.put("events", o.events());
        m.put("batchSize", main.batchSize());
        m.put("batchMaxWaitMs", o.batchMaxWaitMs());
        m.put("partitions", o.partitions());
        m.put("streamThreads", o.streamThreads());
        m.put("instances", o.instances());
        m.put("throughput", BenchReport.round(main.throughput(), 2));
        m.put("wallThroughput", BenchReport.round(main.wallThroughput(), 2));
        m.put("offlineThroughput", BenchReport.round(offline, 2));
        m.put("offlineThroughputBefore", BenchReport.round(offlineBefore[0], 2));
        m.put("offlineThroughputAfter", BenchReport.round(offlineAfter[0], 2));
        // the same ratio with the model timed inside the stream, in the same seconds: robust to a load that changes
        // between the offline and the stream measurements (the share of the stream's time spent in the model)
        m.put("modelThroughputInStream", BenchReport.round(main.modelThroughputInStream(), 2));
        m.put("streamModelRatio", BenchReport.round(main.throughput() / main.modelThroughputInStream(), 3));
        m.put("streamOfflineRatio", BenchReport.round(main.throughput() / offline, 3));
        double[] lat = main.latenciesMs();
        boolean latencyMeasured = lat.length > 0;
        m.put("latencyEvents", lat.length);
        m.put("latencyRate", BenchReport.round(main.latencyRate(), 2));
        m.put("p50LatencyMs", latencyMeasured ? Stats.percentile(lat, 50) : null);
        m.put("p95LatencyMs", latencyMeasured ? Stats.percentile(lat, 95) : null);
        m.put("p99LatencyMs", latencyMeasured ? Stats.percentile(lat, 99) : null);
        m.put("p99VisibleLatencyMs", latencyMeasured ? Stats.percentile(main.visibleLatenciesMs(), 99) : null);
        double target = o.batchMaxWaitMs() + 2 * batched.medianFullBatchMs();
        m.put("medianBatchInferenceMs", BenchReport.round(batched.medianFullBatchMs(), 1));
        m.put("latencyTargetMs", BenchReport.round(target, 1));
        m.put("latencyTargetMet", latencyMeasured ? Stats.percentile(lat, 99) <= target : null);
        m.put("forwardPasses", main.forwardPasses());
        m.put("imagesTagged", main.imagesTagged());
        m.put("outputs", main.outputs());
        m.put("deadLetters", main.deadLetters());
        if (o.mode() == Mode.PER_RECORD) {
            m.put("perRecordThroughput", BenchReport.round(main.throughput(), 2));
            m.put("batchedThroughput", BenchReport.round(batched.throughput(), 2));
            m.put("batchedPerRecordRatio", BenchReport.round(batched.throughput() / main.throughput(), 3));
            m.put("offlineBatchedThroughput", BenchReport.round(offlineBatched, 2));
            m.put("batchedStreamOfflineRatio", BenchReport.round(batched.throughput() / offlineBatched, 3));
            m.put("batchedForwardPasses", batched.forwardPasses());
            m.put("batchedImagesTagged", batched.imagesTagged());
        }
        m.put("peakRssMb", BenchReport.round(Math.max(end.peakRssMb(), memory.peakRssMb()), 1));
        m.put("peakHeapMb", BenchReport.round(memory.peakHeapMb(), 1));
        m.put("rssSlopeMbPer10kEvents", BenchReport.round(memory.rssSlopeMbPer10k(), 2));
        m.put("heapAfterGcSlopeMbPer10kEvents", BenchReport.round(memory.heapSlopeMbPer10k(), 2));
        m.put("memoryWarmupEvents", memory.warmupEvents());
        // a trend over a short run is the warm-up itself; the check is over at least 10,000 events
        m.put("memoryFlat", memory.warmupEvents() * 5 >= MIN_EVENTS_FOR_MEMORY_VERDICT ? memory.flat() : null);
        m.put("machine", MachineInfo.describe());
        return m;
    }

    public static void print(PrintStream out, Map<String, Object> f) {
        out.println("faceattr bench stream (" + f.get("mode") + ", " + f.get("events") + " events, batch.size "
                + f.get("batchSize") + ", batch.max.wait.ms " + f.get("batchMaxWaitMs") + ", partitions "
                + f.get("partitions") + ", num.stream.threads " + f.get("streamThreads") + ", instances "
                + f.get("instances") + ")");
        @SuppressWarnings("unchecked") Map<String, Object> machine = (Map<String, Object>) f.get("machine");
        out.println(MachineInfo.line(machine));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("stream throughput (images/s, after 10 % warm-up)", String.valueOf(f.get("throughput"))));
        rows.add(List.of("offline model throughput, same images and batch (best of before/after)",
                f.get("offlineThroughput") + " (" + f.get("offlineThroughputBefore") + " / "
                        + f.get("offlineThroughputAfter") + ")"));
        rows.add(List.of("stream/offline throughput ratio", String.valueOf(f.get("streamOfflineRatio"))));
        rows.add(List.of("model throughput inside the stream (images / forward-pass time)",
                String.valueOf(f.get("modelThroughputInStream"))));
        rows.add(List.of("stream/in-stream model ratio (share of time in the model)",
                String.valueOf(f.get("streamModelRatio"))));
        if (f.containsKey("batchedPerRecordRatio")) {
            rows.add(List.of("batched stream throughput (images/s)", String.valueOf(f.get("batchedThroughput"))));
            rows.add(List.of("batched/per-record throughput ratio", String.valueOf(f.get("batchedPerRecordRatio"))));
        }
        rows.add(List.of("latency p50 / p95 / p99 (ms) at " + f.get("latencyRate") + " events/s",
                f.get("p99LatencyMs") == null ? "not measured (--latency-events 0)"
                        : f.get("p50LatencyMs") + " / " + f.get("p95LatencyMs") + " / " + f.get("p99LatencyMs")));
        rows.add(List.of("p99 target: batch.max.wait.ms + 2 x median batch (ms)", f.get("latencyTargetMs")
                + (f.get("latencyTargetMet") == null ? "" : Boolean.TRUE.equals(f.get("latencyTargetMet"))
                ? " (met)" : " (missed)")));
        rows.add(List.of("p99 as a consumer sees it (after commit, ms)", String.valueOf(f.get("p99VisibleLatencyMs"))));
        rows.add(List.of("forward passes / images tagged", f.get("forwardPasses") + " / " + f.get("imagesTagged")));
        rows.add(List.of("peak RSS / peak heap (MiB)", f.get("peakRssMb") + " / " + f.get("peakHeapMb")));
        rows.add(List.of("RSS / heap-after-GC trend (MiB per 10k events)", f.get("rssSlopeMbPer10kEvents") + " / "
                + f.get("heapAfterGcSlopeMbPer10kEvents") + (f.get("memoryFlat") == null ? " (no verdict under "
                + MIN_EVENTS_FOR_MEMORY_VERDICT + " events)" : Boolean.TRUE.equals(f.get("memoryFlat")) ? " (flat)"
                : " (not flat)")));
        BenchReport.table(out, List.of("figure", "value"), rows);
    }

    /** Runs legs on the one broker and registry; each leg has its own topics, application id and state. */
    private final class Legs {
        private final BenchImages images;
        private final FaceTagger model;
        private final Path work;
        private final long[] finishedBefore;
        private EmbeddedKafka kafka;
        private EmbeddedSchemaRegistry registry;
        private volatile OutcomeCollector current;

        Legs(BenchImages images, FaceTagger model, Path work, long[] finishedBefore) {
            this.images = images;
            this.model = model;
            this.work = work;
            this.finishedBefore = finishedBefore;
        }

        long eventsDone() {
            OutcomeCollector c = current;
            return finishedBefore[0] + (c == null ? 0 : c.count());
        }

        Leg run(String name, int batchSize, int latencyEvents) throws Exception {
            String in = name + "-images";
            String out = name + "-face-attributes";
            String dlq = name + "-images.dlq";
            kafka.createTopics(List.of(new NewTopic(in, o.partitions(), (short) 1),
                    new NewTopic(out, o.partitions(), (short) 1).configs(Map.of("message.timestamp.type",
                            "LogAppendTime")),
                    new NewTopic(dlq, 1, (short) 1)));
            List<CountingFaceTagger> taggers = new ArrayList<>();
            List<FaceAttrService> services = new ArrayList<>();
            try (OutcomeCollector collector = new OutcomeCollector(kafka.bootstrapServers(), "bench-" + name, out,
                    dlq)) {
                current = collector;
                for (int k = 0; k < o.instances(); k++) {
                    // a cascade is not thread-safe and shares its bundle's networks: one loaded bundle per instance
                    FaceTagger tagger = k == 0 ? model : ModelBundle.loadOrDefault(o.model()).forInference().cascade();
                    CountingFaceTagger counting = new CountingFaceTagger(tagger);
                    taggers.add(counting);
                    FaceAttrService service = FaceAttrService.create(config(name, k, in, out, dlq, batchSize),
                            counting);
                    services.add(service);
                    service.start();
                }
                for (FaceAttrService s : services) {
                    if (!s.awaitRunning(Duration.ofSeconds(120))) {
                        throw new IllegalStateException("leg " + name + ": the service did not reach RUNNING ("
                                + s.state() + ")");
                    }
                }
                progress.printf("bench stream: leg %s (batch.size %d): producing %d events as fast as possible%n",
                        name, batchSize, o.events());
                try (Producer producer = new Producer(in)) {
                    producer.burst(name + "-t", o.events(), collector);
                    collector.await(o.events(), o.timeout(), progress, name);
                    List<CountingFaceTagger.Pass> burstPasses = passes(taggers);
                    double throughput = collector.sustainedThroughput(0.1);
                    double wall = collector.wallThroughput();
                    double rate = o.latencyLoad() * throughput;
                    double[] latencies = new double[0];
                    double[] visible = new double[0];
                    if (latencyEvents > 0) {
                        progress.printf(Locale.ROOT, "bench stream: leg %s: %d events paced at %.1f events/s"
                                + " (%.0f %% of %.1f)%n", name, latencyEvents, rate, 100 * o.latencyLoad(), throughput);
                        OutcomeCollector.Mark mark = collector.mark();
                        producer.paced(name + "-l", latencyEvents, rate, collector);
                        collector.await(o.events() + latencyEvents, o.timeout(), progress, name);
                        latencies = collector.latenciesSince(mark, false);
                        visible = collector.latenciesSince(mark, true);
                    }
                    List<CountingFaceTagger.Pass> all = passes(taggers);
                    int images = all.stream().mapToInt(CountingFaceTagger.Pass::images).sum();
                    double[] batchMs = burstPasses.stream().mapToDouble(p -> p.nanos() / 1e6).toArray();
                    // the model's own speed inside the stream: images over the time spent in forward passes, after
                    // the same 10 % warm-up share as the throughput
                    List<CountingFaceTagger.Pass> steady = burstPasses.subList(burstPasses.size() / 10,
                            burstPasses.size());
                    double inStream = steady.stream().mapToInt(CountingFaceTagger.Pass::images).sum() * 1e9
                            / steady.stream().mapToLong(CountingFaceTagger.Pass::nanos).sum();
                    double[] fullMs = burstPasses.stream().filter(p -> p.images() == batchSize)
                            .mapToDouble(p -> p.nanos() / 1e6).toArray();
                    Leg leg = new Leg(name, batchSize, o.events(), throughput, wall, all.size(), images,
                            collector.outputs(), collector.deadLetters(), Stats.median(batchMs),
                            fullMs.length > 0 ? Stats.median(fullMs) : Stats.median(batchMs), latencies, visible, rate,
                            inStream);
                    progress.printf(Locale.ROOT, "bench stream: leg %s: %.1f images/s, %d forward passes for %d"
                            + " images%n", name, throughput, leg.forwardPasses(), leg.imagesTagged());
                    return leg;
                }
            } finally {
                for (FaceAttrService s : services) {
                    s.close();
                }
                OutcomeCollector c = current;
                finishedBefore[0] += c == null ? 0 : c.count();
                current = null;
            }
        }

        private List<CountingFaceTagger.Pass> passes(List<CountingFaceTagger> taggers) {
            List<CountingFaceTagger.Pass> all = new ArrayList<>();
            taggers.forEach(t -> all.addAll(t.passes()));
            return all;
        }

        private ServiceConfig config(String name, int instance, String in, String out, String dlq, int batchSize)
                throws IOException {
            return ServiceConfig.builder()
                    .set(ServiceConfig.APPLICATION_ID, "faceattr-bench-" + name)
                    .set(ServiceConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                    .set(ServiceConfig.SCHEMA_REGISTRY_URL, registry.url())
                    .set(ServiceConfig.INPUT_TOPIC, in)
                    .set(ServiceConfig.OUTPUT_TOPIC, out)
                    .set(ServiceConfig.DLQ_TOPIC, dlq)
                    .set(ServiceConfig.BATCH_SIZE, batchSize)
                    .set(ServiceConfig.BATCH_MAX_WAIT_MS, o.batchMaxWaitMs())
                    .set(ServiceConfig.NUM_STREAM_THREADS, o.streamThreads())
                    .set("state.dir", Files.createDirectories(work.resolve(name + "-" + instance)).toString())
                    .build();
        }

        /** Sends image events (inline JPEG, Avro through the registry); remembers each event's timestamp. */
        private final class Producer implements AutoCloseable {
            private final String topic;
            private final ConfluentAvroSerde<ImageEvent> serde;
            private final KafkaProducer<byte[], byte[]> producer;
            private int sent;

            Producer(String topic) {
                this.topic = topic;
                this.serde = AvroSerdes.forValue(ImageEvent.class, Map.of("schema.registry.url", registry.url()));
                this.producer = new KafkaProducer<>(Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, 1), new ByteArraySerializer(), new ByteArraySerializer());
            }

            void burst(String prefix, int n, OutcomeCollector collector) {
                for (int i = 0; i < n; i++) {
                    send(prefix, i, collector);
                }
                producer.flush();
            }

            void paced(String prefix, int n, double perSecond, OutcomeCollector collector) {
                long interval = (long) (1e9 / perSecond);
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long wait = start + i * interval - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    send(prefix, i, collector);
                }
                producer.flush();
            }

            private void send(String prefix, int i, OutcomeCollector collector) {
                String id = String.format(Locale.ROOT, "%s-%07d", prefix, i);
                ImageEvent event = ImageEvent.newBuilder().setId(id).setSource("faceattr-bench")
                        .setData(ByteBuffer.wrap(images.jpeg(sent))).setContentType("image/jpeg")
                        .setMetadata(Map.of()).build();
                byte[] value = serde.serializer().serialize(topic, event);
                long timestamp = System.currentTimeMillis();
                collector.sent(id, timestamp);
                producer.send(new ProducerRecord<>(topic, null, timestamp, id.getBytes(StandardCharsets.UTF_8),
                        value));
                sent++;
            }

            @Override
            public void close() {
                producer.close(Duration.ofSeconds(10));
                serde.close();
            }
        }
    }
}
