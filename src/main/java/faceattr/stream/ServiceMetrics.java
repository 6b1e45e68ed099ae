package faceattr.stream;

import faceattr.errors.ReasonCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** What the service counts: outcomes (tagged, dead-lettered by reason), batch sizes and times, end-to-end latency. */
public final class ServiceMetrics {
    private final MeterRegistry registry;
    private final Counter tagged;
    private final Map<ReasonCode, Counter> deadLettered = new EnumMap<>(ReasonCode.class);
    private final DistributionSummary batchSize;
    private final Timer inference;
    private final DistributionSummary latency;

    public ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.tagged = Counter.builder("faceattr.images.tagged").description("Attribute records published")
                .register(registry);
        for (ReasonCode r : ReasonCode.values()) {
            deadLettered.put(r, Counter.builder("faceattr.images.dead.lettered").tag("reason", r.name())
                    .description("Inputs sent to the dead-letter topic").register(registry));
        }
        this.batchSize = DistributionSummary.builder("faceattr.batch.size").description("Images per forward pass")
                .register(registry);
        this.inference = Timer.builder("faceattr.batch.inference").description("Model time per batch")
                .register(registry);
        this.latency = DistributionSummary.builder("faceattr.latency").baseUnit("milliseconds")
                .description("Input record timestamp to published result").register(registry);
    }

    /** Counts into a private registry (tests, or when nobody scrapes). */
    public static ServiceMetrics unregistered() {
        return new ServiceMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    void tagged(long latencyMs) {
        tagged.increment();
        latency.record(latencyMs);
    }

    void deadLettered(ReasonCode reason) {
        deadLettered.get(reason).increment();
    }

    void batch(int size, Duration took) {
        batchSize.record(size);
        inference.record(took);
    }

    public double taggedCount() {
        return tagged.count();
    }

    public double deadLetteredCount(ReasonCode reason) {
        return deadLettered.get(reason).count();
    }
}
