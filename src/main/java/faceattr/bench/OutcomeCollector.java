package faceattr.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a leg's output and dead-letter topics (read_committed, as a downstream consumer would) and keeps, per event
 * id, when it was sent, its output record's timestamp (set by the broker on append) and when it was received.
 */
final class OutcomeCollector implements AutoCloseable {
    /** One answered event. */
    record Outcome(String id, long sentMs, long outputTimestampMs, long receivedMs, boolean deadLetter) {
    }

    /** A position in the arrival order: outcomes after it belong to a later phase. */
    record Mark(int index) {
    }

    private final String outputTopic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile RuntimeException failure;

    OutcomeCollector(String bootstrapServers, String group, String outputTopic, String dlqTopic) {
        this.outputTopic = outputTopic;
        this.consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(outputTopic, dlqTopic));
        this.thread = new Thread(this::loop, "bench-outcome-collector");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void sent(String id, long timestampMs) {
        sentAt.put(id, timestampMs);
    }

    private void loop() {
        try {
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    String id = new String(r.key(), StandardCharsets.UTF_8);
                    Long sent = sentAt.get(id);
                    if (sent == null) {
                        failure = new IllegalStateException("an output for an event this run did not send: " + id);
                        continue;
                    }
                    synchronized (outcomes) {
                        outcomes.add(new Outcome(id, sent, r.timestamp(), now, !r.topic().equals(outputTopic)));
                        outcomes.notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            if (!stopping) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    int count() {
        synchronized (outcomes) {
            return outcomes.size();
        }
    }

    Mark mark() {
        return new Mark(count());
    }

    /** Waits until {@code n} outcomes arrived; fails with the counts on timeout or on a consumer failure. */
    void await(int n, Duration timeout, PrintStream progress, String leg) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime() + 10_000_000_000L;
        synchronized (outcomes) {
            while (outcomes.size() < n) {
                if (failure != null) {
                    throw new IllegalStateException("leg " + leg + ": reading the outputs failed", failure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("leg " + leg + ": only " + outcomes.size() + " of " + n
                            + " events answered within " + timeout.toSeconds() + " s");
                }
                outcomes.wait(Math.min(1_000, Math.max(1, left / 1_000_000)));
                if (System.nanoTime() > nextReport) {
                    ProcessMemory m = ProcessMemory.now();
                    progress.printf(java.util.Locale.ROOT, "bench stream: leg %s: %d of %d answered (RSS %.0f MiB,"
                            + " heap after GC %.0f MiB)%n", leg, outcomes.size(), n, m.rssMb(), m.heapAfterGcMb());
                    nextReport = System.nanoTime() + 10_000_000_000L;
                }
            }
        }
        if (failure != null) {
            throw new IllegalStateException("leg " + leg + ": reading the outputs failed", failure);
        }
    }

    private List<Outcome> snapshot() {
        synchronized (outcomes) {
            return new ArrayList<>(outcomes);
        }
    }

    /**
     * Outputs per second over the output timestamps of the first phase's outcomes, after dropping the first
     * {@code warmupShare} of them (JIT, first batches, first transactions).
     */
    double sustainedThroughput(double warmupShare) {
        long[] ts = snapshot().stream().mapToLong(Outcome::outputTimestampMs).sorted().toArray();
        int from = (int) Math.floor(ts.length * warmupShare);
        if (ts.length - from < 2 || ts[ts.length - 1] == ts[from]) {
            return Double.NaN;
        }
        return (ts.length - 1 - from) * 1000.0 / (ts[ts.length - 1] - ts[from]);
    }

    /** Outcomes per second from the first event sent to the last output (start-up included, as the demo reports). */
    double wallThroughput() {
        List<Outcome> all = snapshot();
        long first = all.stream().mapToLong(Outcome::sentMs).min().orElse(0);
        long last = all.stream().mapToLong(Outcome::outputTimestampMs).max().orElse(0);
        return last > first ? all.size() * 1000.0 / (last - first) : Double.NaN;
    }

    /** Latencies (ms) of the attribute outputs after {@code mark}: to the output timestamp, or to receipt. */
    double[] latenciesSince(Mark mark, boolean visible) {
        List<Outcome> all = snapshot();
        return all.subList(mark.index(), all.size()).stream().filter(x -> !x.deadLetter())
                .mapToDouble(x -> (visible ? x.receivedMs() : x.outputTimestampMs()) - x.sentMs()).toArray();
    }

    int outputs() {
        return (int) snapshot().stream().filter(x -> !x.deadLetter()).count();
    }

    int deadLetters() {
        return (int) snapshot().stream().filter(Outcome::deadLetter).count();
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
