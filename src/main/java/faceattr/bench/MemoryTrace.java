package faceattr.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Samples {@link ProcessMemory} against a progress counter (events done) on a daemon thread, and says whether memory
 * grows with the work: least-squares slopes of resident set and of heap-after-GC over events, after a warm-up share of
 * the events (JIT, thread pools, ND4J workspaces and the heap grow to their working size first).
 */
public final class MemoryTrace implements AutoCloseable {
    /** Resident growth we still call flat, per 10,000 events (allocator and page-cache noise). */
    static final double FLAT_RSS_MB_PER_10K = 64;
    /** Heap-after-GC growth we still call flat, per 10,000 events. */
    static final double FLAT_HEAP_MB_PER_10K = 16;

    /** One sample: events done, then the memory figures. */
    public record Sample(long events, ProcessMemory memory) {
    }

    /**
     * @param rssSlopeMbPer10k     resident-set trend after warm-up, MiB per 10,000 events
     * @param heapSlopeMbPer10k    heap-after-GC trend after warm-up, MiB per 10,000 events
     * @param flat                 both trends within {@link #FLAT_RSS_MB_PER_10K} / {@link #FLAT_HEAP_MB_PER_10K}
     * @param samplesUsed          samples after warm-up that the slopes are fitted on
     */
    public record Verdict(double peakRssMb, double peakHeapMb, double rssSlopeMbPer10k, double heapSlopeMbPer10k,
                          boolean flat, int samplesUsed, long warmupEvents) {
    }

    private final LongSupplier events;
    private final long intervalMs;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public MemoryTrace(LongSupplier events, long intervalMs) {
        this.events = events;
        this.intervalMs = intervalMs;
        this.thread = new Thread(this::loop, "bench-memory-trace");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        Sample s = new Sample(events.getAsLong(), ProcessMemory.now());
        synchronized (samples) {
            samples.add(s);
        }
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Stops sampling (after one last sample). */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    /** Trends fitted on the samples taken after {@code warmupShare} of the last sample's events. */
    public Verdict verdict(double warmupShare) {
        return verdict(samples(), warmupShare);
    }

    static Verdict verdict(List<Sample> all, double warmupShare) {
        long total = all.isEmpty() ? 0 : all.get(all.size() - 1).events();
        long warmup = (long) Math.ceil(total * warmupShare);
        List<Sample> used = all.stream().filter(s -> s.events() >= warmup).toList();
        double[] x = used.stream().mapToDouble(s -> s.events() / 10_000.0).toArray();
        double rssSlope = Stats.slope(x, used.stream().mapToDouble(s -> s.memory().rssMb()).toArray());
        double heapSlope = Stats.slope(x, used.stream().mapToDouble(s -> s.memory().heapAfterGcMb()).toArray());
        double peakRss = all.stream().mapToDouble(s -> s.memory().peakRssMb()).max().orElse(Double.NaN);
        double peakHeap = all.stream().mapToDouble(s -> s.memory().heapUsedMb()).max().orElse(Double.NaN);
        boolean flat = used.size() >= 3 && rssSlope <= FLAT_RSS_MB_PER_10K && heapSlope <= FLAT_HEAP_MB_PER_10K;
        return new Verdict(peakRss, peakHeap, rssSlope, heapSlope, flat, used.size(), warmup);
    }
}
