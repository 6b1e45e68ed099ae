package faceattr.rollout;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Rolls a new bundle at {@code model.path} into the running service: polls the file every
 * {@code model.watch.interval.ms} (modification time and size, links followed, so a Kubernetes volume's symlink
 * flip counts) and, on request, re-reads it at once ({@link #reload}). A changed file is loaded once it has stayed
 * the same for one interval (so a copy in progress is not read half-written); a reload does not wait. Loading and
 * {@link BundleCheck checking} run on this watcher's one thread, never on a stream thread; a candidate that passes
 * is {@link SwappableTagger#swap swapped in} at the next batch boundary, one that fails is refused (logged, counted)
 * and the running model stays. A refused file is not tried again until it changes.
 */
public final class ModelWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelWatcher.class);

    /** What a reload or a poll did. */
    public enum Status { SWAPPED, UNCHANGED, REFUSED }

    /**
     * @param version  the model running after the attempt
     * @param previous the model running before it
     * @param reason   why the candidate was refused (REFUSED only)
     * @param message  what happened, for people
     */
    public record Result(Status status, String version, String previous, RefusalReason reason, String message) {
    }

    /** Told about every swap and refusal (metrics). */
    public interface Events {
        void swapped(LoadedModel previous, LoadedModel next);

        void refused(RefusalReason reason, String message);
    }

    /** The file as the watcher saw it; null when it does not exist. */
    record Fingerprint(long modifiedMillis, long size) {
        static Fingerprint of(Path path) throws IOException {
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                return new Fingerprint(a.lastModifiedTime().toMillis(), a.size());
            } catch (NoSuchFileException e) {
                return null;
            }
        }
    }

    private final Path path;
    private final SwappableTagger tagger;
    private final BundleCheck check;
    private final Events events;
    private final ScheduledExecutorService executor;
    /** The fingerprint last loaded or refused (only the watcher thread touches these two). */
    private Fingerprint settled;
    /** A change seen by the last poll, loaded when the next poll sees the same. */
    private Fingerprint changing;

    /**
     * @param path        the bundle file ({@code model.path}); the running model was loaded from it
     * @param intervalMs  poll period; 0 = no polling, only {@link #reload}
     */
    public ModelWatcher(Path path, SwappableTagger tagger, BundleCheck check, Events events, long intervalMs)
            throws IOException {
        this.path = path;
        this.tagger = tagger;
        this.check = check;
        this.events = events;
        this.settled = Fingerprint.of(path);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "faceattr-model-watcher");
            t.setDaemon(true);
            return t;
        });
        if (intervalMs > 0) {
            executor.scheduleWithFixedDelay(this::poll, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
            log.info("watching {} for a new model bundle every {} ms", path, intervalMs);
        }
    }

    public Path path() {
        return path;
    }

    /** Re-reads the bundle now (after any load in progress) and waits up to {@code timeout} for the outcome. */
    public Result reload(Duration timeout) throws InterruptedException, TimeoutException {
        Future<Result> f = executor.submit(() -> attempt("reload request"));
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // attempt() turns every failure of the candidate into a refusal; anything else is a bug worth a trace
            throw new IllegalStateException("model reload failed: " + e.getCause(), e.getCause());
        }
    }

    private void poll() {
        try {
            Fingerprint now = Fingerprint.of(path);
            if (now == null || now.equals(settled)) {
                changing = null;
                return;
            }
            if (!now.equals(changing)) {
                changing = now; // changed since the last look: wait one more interval for the copy to finish
                return;
            }
            attempt("file change");
        } catch (RuntimeException | IOException e) {
            log.error("watching {} failed; the running model stays: {}", path, e.toString(), e);
        }
    }

    private Result attempt(String trigger) throws IOException {
        changing = null;
        Fingerprint seen = Fingerprint.of(path);
        LoadedModel running = tagger.current();
        if (seen == null) {
            String message = path + " does not exist; " + running.version() + " keeps running";
            log.warn("model reload ({}): {}", trigger, message);
            return new Result(Status.REFUSED, running.version(), running.version(), RefusalReason.UNREADABLE,
                    message);
        }
        if (seen.equals(settled) && trigger.equals("file change")) {
            return new Result(Status.UNCHANGED, running.version(), running.version(), null, "unchanged");
        }
        long start = System.nanoTime();
        try {
            LoadedModel next = check.check(path, running);
            settled = seen;
            tagger.swap(next);
            events.swapped(running, next);
            long ms = (System.nanoTime() - start) / 1_000_000;
            log.info("model bundle {} accepted ({}): {} -> {}, loaded and checked in {} ms", path, trigger,
                    running.version(), next.version(), ms);
            return new Result(Status.SWAPPED, next.version(), running.version(), null,
                    "swapped " + running.version() + " -> " + next.version());
        } catch (BundleRefusedException e) {
            settled = seen;
            if (e.reason() == RefusalReason.SAME_VERSION && trigger.equals("reload request")) {
                log.info("model reload: {}", e.getMessage());
                return new Result(Status.UNCHANGED, running.version(), running.version(), null, e.getMessage());
            }
            events.refused(e.reason(), e.getMessage());
            log.atWarn().addKeyValue("reason", e.reason().name())
                    .log("model bundle refused ({}, {}): {}; {} keeps running", e.reason(), trigger, e.getMessage(),
                            running.version());
            return new Result(Status.REFUSED, running.version(), running.version(), e.reason(), e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
