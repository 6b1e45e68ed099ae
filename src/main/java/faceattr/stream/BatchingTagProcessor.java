package faceattr.stream;

import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.errors.ReasonCode;
import faceattr.errors.RejectedInputException;
import faceattr.image.ImageLoader.LoadedImage;
import faceattr.image.ImageLoader;
import faceattr.result.FaceAttributesMapper;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates and loads each image, parks it in a changelogged store, and tags the parked images in batches: when
 * {@code batch.size} are waiting, or (wall-clock punctuator) when the oldest has waited {@code batch.max.wait.ms}.
 * Every input leaves exactly once: as a {@link FaceAttributes} record or as a dead letter. Under exactly_once_v2 the
 * records forwarded by a flush, the store deletions and the input offsets commit in one transaction; after a crash
 * the store is restored from its changelog and the parked images are flushed again. With {@code batch.size=1}
 * (batching off) each image is tagged as it arrives and never parked.
 */
final class BatchingTagProcessor implements Processor<byte[], byte[], byte[], Object> {
    private static final Logger log = LoggerFactory.getLogger(BatchingTagProcessor.class);

    private final TopologySettings settings;
    private final ImageLoader loader;
    private final BatchInference inference;
    private final FaceAttributesMapper mapper;
    private final ServiceMetrics metrics;

    private ProcessorContext<byte[], Object> context;
    private KeyValueStore<Long, PendingImage> store;
    /**
     * Most decoded pixels kept between arrival and flush (256 MiB as RGB ints); images past it are decoded again at
     * flush time, so a batch of very large photos cannot exhaust the heap.
     */
    static final long KEPT_PIXELS_BUDGET = 64L << 20;
    /**
     * Images loaded (and, within the budget, decoded) on arrival, so a flush need not fetch, deserialize or decode
     * them again; lost on restart, by design: a restored store is loaded again from its bytes.
     */
    private final Map<Long, Arrived> loaded = new HashMap<>();
    private long keptPixels;
    private int pending;
    private long oldestEnqueuedAt = Long.MAX_VALUE;

    BatchingTagProcessor(TopologySettings settings, ImageLoader loader, BatchInference inference,
                         FaceAttributesMapper mapper, ServiceMetrics metrics) {
        this.settings = settings;
        this.loader = loader;
        this.inference = inference;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
        this.store = context.getStateStore(FaceAttrTopology.PENDING_STORE);
        try (KeyValueIterator<Long, PendingImage> it = store.all()) {
            while (it.hasNext()) {
                PendingImage p = it.next().value;
                pending++;
                oldestEnqueuedAt = Math.min(oldestEnqueuedAt, p.enqueuedAt());
            }
        }
        if (pending > 0) {
            log.info("task {}: {} images restored from the batch store, flushing them first", context.taskId(),
                    pending);
        }
        long wait = settings.batchMaxWaitMs();
        Duration interval = Duration.ofMillis(Math.max(5, Math.min(1_000, wait / 4)));
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        long now = context.currentSystemTimeMs();
        PendingImage p = new PendingImage(record.key(), record.value(), new RecordHeaders(record.headers().toArray()),
                meta.topic(), meta.partition(), meta.offset(), record.timestamp(), now);
        ImageEvent event = null;
        LoadedImage image;
        BufferedImage pixels;
        try {
            event = loader.event(p.topic(), p.headers(), p.value());
            image = loader.load(event);
            pixels = loader.decode(image);
        } catch (RejectedInputException e) {
            deadLetter(p, RecordRef.of(p, event), e.reason(), e.getMessage(), e);
            return;
        }
        if (settings.batchSize() == 1 && pending == 0) {
            tagNow(p, image, pixels);
            return;
        }
        store.put(p.offset(), p);
        long size = (long) pixels.getWidth() * pixels.getHeight();
        boolean keep = keptPixels + size <= KEPT_PIXELS_BUDGET;
        keptPixels += keep ? size : 0;
        loaded.put(p.offset(), new Arrived(image, keep ? pixels : null));
        pending++;
        oldestEnqueuedAt = Math.min(oldestEnqueuedAt, now);
        if (pending >= settings.batchSize()) {
            flush();
        }
    }

    /**
     * Per-record inference ({@code batch.size=1}, the usual Kafka Streams ML shape): one forward pass inside
     * {@code process()}, so nothing is parked; the output and the input offset still commit together.
     */
    private void tagNow(PendingImage p, LoadedImage image, BufferedImage pixels) {
        RecordRef ref = RecordRef.of(p, image.event());
        long started = System.nanoTime();
        BatchInference.Outcome outcome = inference.run(List.of(pixels), List.of(ref)).get(0);
        metrics.batch(1, Duration.ofNanos(System.nanoTime() - started));
        publish(p, ref, image, outcome, context.currentSystemTimeMs());
    }

    private void onWallClock(long now) {
        if (pending > 0 && now - oldestEnqueuedAt >= settings.batchMaxWaitMs()) {
            flush();
        }
    }

    /** Tags every parked image, {@code batch.size} per forward pass, oldest first. */
    private void flush() {
        List<KeyValue<Long, PendingImage>> all = new ArrayList<>();
        try (KeyValueIterator<Long, PendingImage> it = store.all()) {
            it.forEachRemaining(all::add);
        }
        for (int from = 0; from < all.size(); from += settings.batchSize()) {
            flushBatch(all.subList(from, Math.min(all.size(), from + settings.batchSize())));
        }
        pending = 0;
        oldestEnqueuedAt = Long.MAX_VALUE;
        loaded.clear();
        keptPixels = 0;
    }

    /** An image as it arrived: loaded, and decoded unless that would pass {@link #KEPT_PIXELS_BUDGET} (then null). */
    private record Arrived(LoadedImage image, BufferedImage pixels) {
    }

    private void flushBatch(List<KeyValue<Long, PendingImage>> batch) {
        List<PendingImage> ready = new ArrayList<>(batch.size());
        List<LoadedImage> readyImages = new ArrayList<>(batch.size());
        List<RecordRef> refs = new ArrayList<>(batch.size());
        List<BufferedImage> pixels = new ArrayList<>(batch.size());
        for (KeyValue<Long, PendingImage> kv : batch) {
            PendingImage p = kv.value;
            Arrived arrived = loaded.remove(kv.key);
            LoadedImage image = arrived == null ? null : arrived.image();
            ImageEvent event = image == null ? null : image.event();
            try {
                if (image == null) {
                    event = loader.event(p.topic(), p.headers(), p.value());
                    image = loader.load(event);
                }
                pixels.add(arrived != null && arrived.pixels() != null ? arrived.pixels() : loader.decode(image));
                ready.add(p);
                readyImages.add(image);
                refs.add(RecordRef.of(p, image.event()));
            } catch (RejectedInputException e) {
                deadLetter(p, RecordRef.of(p, event), e.reason(), e.getMessage(), e);
                store.delete(kv.key);
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<BatchInference.Outcome> outcomes = inference.run(pixels, refs);
        metrics.batch(pixels.size(), java.time.Duration.ofNanos(System.nanoTime() - started));
        pixels.clear();
        long now = context.currentSystemTimeMs();
        for (int i = 0; i < ready.size(); i++) {
            PendingImage p = ready.get(i);
            BatchInference.Outcome outcome = outcomes.get(i);
            publish(p, refs.get(i), readyImages.get(i), outcome, now);
            store.delete(p.offset());
        }
    }

    private void publish(PendingImage p, RecordRef ref, LoadedImage image, BatchInference.Outcome outcome,
                         long now) {
        if (!outcome.ok()) {
            deadLetter(p, ref, ReasonCode.INFERENCE_FAILED, "model failed on this image, also alone: "
                    + outcome.error(), outcome.error());
            return;
        }
        FaceAttributes out;
        long latencyMs = Math.max(0, now - p.timestamp());
        try {
            out = mapper.map(image.event(), outcome.tagged(), now, latencyMs);
        } catch (IllegalStateException e) {
            deadLetter(p, ref, ReasonCode.INFERENCE_FAILED, e.getMessage(), e);
            return;
        }
        context.forward(new Record<>(p.key(), out, p.timestamp()), FaceAttrTopology.OUTPUT_SINK);
        metrics.tagged(latencyMs);
    }

    private void deadLetter(PendingImage p, RecordRef ref, ReasonCode reason, String message, Throwable cause) {
        LoggingEventBuilder warn = ref.addTo(log.atWarn(), reason)
                .setMessage("dead letter {}: {} {}").addArgument(ref).addArgument(reason).addArgument(message);
        if (reason == ReasonCode.INFERENCE_FAILED) {
            // a model failure is a bug to investigate, not bad input: keep the stack trace
            warn.setCause(cause);
        }
        warn.log();
        context.forward(DeadLetters.of(p, reason, message, cause), FaceAttrTopology.DLQ_SINK);
        metrics.deadLettered(reason);
    }
}
