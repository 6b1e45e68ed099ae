package faceattr.service;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamsReadinessTest {
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final AtomicBoolean model = new AtomicBoolean(true);
    private final StreamsReadiness readiness = new StreamsReadiness(state::get, model::get);

    @Test
    void notReadyUntilTheFirstRunningThenRebalancingStaysReady() {
        assertEquals("Kafka Streams is CREATED", readiness.check().reason());
        state.set(State.REBALANCING);
        assertFalse(readiness.check().ready(), "the initial assignment is not ready");
        assertTrue(readiness.check().reason().contains("initial assignment"));
        state.set(State.RUNNING);
        assertTrue(readiness.check().ready());
        state.set(State.REBALANCING);
        assertTrue(readiness.check().ready(), "a rebalance after running keeps the pod ready");
    }

    @Test
    void errorStatesTheModelAndShutdownMakeItUnready() {
        state.set(State.RUNNING);
        assertTrue(readiness.check().ready());
        for (State s : new State[] {State.PENDING_ERROR, State.ERROR, State.PENDING_SHUTDOWN, State.NOT_RUNNING}) {
            state.set(s);
            assertEquals("Kafka Streams is " + s, readiness.check().reason());
        }
        state.set(State.RUNNING);
        model.set(false);
        assertEquals("model not loaded", readiness.check().reason());
        model.set(true);
        readiness.markStopping();
        assertEquals("shutting down", readiness.check().reason());
    }

    @Test
    void noStreamsYetIsNotReady() {
        StreamsReadiness none = new StreamsReadiness(() -> null, () -> true);
        assertEquals("Kafka Streams not created", none.check().reason());
    }
}
