package faceattr.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShutdownCoordinatorTest {
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void stepsRunOnceInOrder() throws Exception {
        ShutdownCoordinator c = new ShutdownCoordinator(Duration.ofSeconds(5))
                .then("unready", () -> ran.add("unready"))
                .then("streams", () -> ran.add("streams"))
                .then("http", () -> ran.add("http"));
        assertTrue(c.shutdown());
        assertTrue(c.shutdown(), "a second call waits for the first and reruns nothing");
        c.awaitShutdown();
        assertEquals(List.of("unready", "streams", "http"), ran);
        assertThrows(IllegalStateException.class, () -> c.then("late", () -> { }));
    }

    @Test
    void aHangingStepIsAbandonedAtTheDeadlineAndLaterStepsStillRun() {
        CountDownLatch never = new CountDownLatch(1);
        ShutdownCoordinator c = new ShutdownCoordinator(Duration.ofMillis(300))
                .then("streams", never::await)
                .then("http", () -> ran.add("http"));
        assertFalse(c.shutdown());
        assertEquals(List.of("http"), ran);
    }

    @Test
    void aFailingStepIsReportedAndLaterStepsStillRun() {
        ShutdownCoordinator c = new ShutdownCoordinator(Duration.ofSeconds(5))
                .then("model", () -> {
                    throw new IllegalStateException("native free failed");
                })
                .then("http", () -> ran.add("http"));
        assertFalse(c.shutdown());
        assertEquals(List.of("http"), ran);
    }
}
