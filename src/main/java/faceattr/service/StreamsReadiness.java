package faceattr.service;

import faceattr.http.Readiness;
import org.apache.kafka.streams.KafkaStreams;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Readiness of the service: the model is loaded, the service is not shutting down, and Kafka Streams has reached
 * RUNNING once and is now RUNNING or REBALANCING.
 *
 * <p>Why REBALANCING counts as ready once the instance has run: every instance rebalances whenever any instance
 * joins or leaves (each step of a rolling update). Reporting those moments as unready would mark the whole group
 * unready at once, which stalls rollouts and makes a PodDisruptionBudget refuse every eviction, while the pods are
 * healthy and resume on their own. Before the first RUNNING (initial assignment, state restoration) the instance is
 * not ready, so a rollout waits for new pods to really process.
 */
public final class StreamsReadiness {
    private final Supplier<KafkaStreams.State> streamsState;
    private final BooleanSupplier modelLoaded;
    private volatile boolean hasRun;
    private volatile boolean stopping;

    public StreamsReadiness(Supplier<KafkaStreams.State> streamsState, BooleanSupplier modelLoaded) {
        this.streamsState = streamsState;
        this.modelLoaded = modelLoaded;
    }

    /** From now on, not ready (called first on shutdown, so that probes see it before the streams close). */
    public void markStopping() {
        stopping = true;
    }

    public Readiness check() {
        if (stopping) {
            return Readiness.notReady("shutting down");
        }
        if (!modelLoaded.getAsBoolean()) {
            return Readiness.notReady("model not loaded");
        }
        KafkaStreams.State state = streamsState.get();
        if (state == null) {
            return Readiness.notReady("Kafka Streams not created");
        }
        if (state == KafkaStreams.State.RUNNING) {
            hasRun = true;
            return Readiness.ok();
        }
        if (state == KafkaStreams.State.REBALANCING && hasRun) {
            return Readiness.ok();
        }
        return Readiness.notReady("Kafka Streams is " + state
                + (state == KafkaStreams.State.REBALANCING ? " (initial assignment)" : ""));
    }
}
