package faceattr.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Graceful shutdown on SIGTERM / Ctrl-C (a JVM shutdown hook) or on request: runs the registered steps in order,
 * each in its own thread, all within one overall deadline. A step that overruns is abandoned (logged) so the later
 * steps still run and the process exits before the orchestrator's kill. Typical order: mark unready, close Kafka
 * Streams (it stops polling, finishes the batch in hand, commits; bounded by {@code shutdown.timeout.ms}), close the
 * model, stop the HTTP endpoints.
 */
public final class ShutdownCoordinator {
    private static final Logger log = LoggerFactory.getLogger(ShutdownCoordinator.class);

    /** Past the deadline, each remaining step still gets this long (closing the HTTP server, say, is instant). */
    private static final long MIN_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private record Step(String name, AutoCloseable action) {
    }

    private final Duration deadline;
    private final List<Step> steps = new ArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean clean = true;

    /** {@code deadline}: the whole shutdown; give it {@code shutdown.timeout.ms} plus a few seconds for the rest. */
    public ShutdownCoordinator(Duration deadline) {
        this.deadline = deadline;
    }

    /** Adds a step; steps run in the order added. */
    public synchronized ShutdownCoordinator then(String name, AutoCloseable action) {
        if (started.get()) {
            throw new IllegalStateException("shutdown already started; cannot add step " + name);
        }
        steps.add(new Step(name, action));
        return this;
    }

    /** Runs {@link #shutdown()} when the JVM is asked to exit (SIGTERM, SIGINT, System.exit). */
    public ShutdownCoordinator installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "faceattr-shutdown"));
        return this;
    }

    /** Runs the steps once; later calls wait for the first to finish. True when every step finished in time. */
    public boolean shutdown() {
        if (!started.compareAndSet(false, true)) {
            awaitQuietly();
            return clean;
        }
        long end = System.nanoTime() + deadline.toNanos();
        log.info("shutting down (deadline {} ms)", deadline.toMillis());
        ExecutorService runner = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "faceattr-shutdown-step");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Step> snapshot;
            synchronized (this) {
                snapshot = List.copyOf(steps);
            }
            for (Step step : snapshot) {
                runStep(runner, step, Math.max(MIN_STEP_NANOS, end - System.nanoTime()));
            }
        } finally {
            runner.shutdownNow();
            log.info("shutdown {}", clean ? "complete" : "finished with errors (see above)");
            finished.countDown();
        }
        return clean;
    }

    private void runStep(ExecutorService runner, Step step, long nanosLeft) {
        long start = System.nanoTime();
        Future<?> f = runner.submit(() -> {
            step.action().close();
            return null;
        });
        try {
            f.get(nanosLeft, TimeUnit.NANOSECONDS);
            log.info("shutdown step '{}' done in {} ms", step.name(), (System.nanoTime() - start) / 1_000_000);
        } catch (TimeoutException e) {
            clean = false;
            f.cancel(true);
            log.error("shutdown step '{}' did not finish before the deadline; abandoned", step.name());
        } catch (ExecutionException e) {
            clean = false;
            log.error("shutdown step '{}' failed", step.name(), e.getCause());
        } catch (InterruptedException e) {
            clean = false;
            Thread.currentThread().interrupt();
            log.error("shutdown interrupted during step '{}'", step.name());
        }
    }

    /** True when no step failed or overran (so far; final once {@link #awaitShutdown()} returned). */
    public boolean isClean() {
        return clean;
    }

    /** True once a shutdown has begun (by signal or by {@link #shutdown()}). */
    public boolean isStarted() {
        return started.get();
    }

    /** Blocks until a shutdown has run (for a main thread that has nothing else to do). */
    public void awaitShutdown() throws InterruptedException {
        finished.await();
    }

    /** Waits up to {@code timeout} for a shutdown to have run; true when it has. */
    public boolean awaitShutdown(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void awaitQuietly() {
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
