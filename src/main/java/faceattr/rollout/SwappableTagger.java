package faceattr.rollout;

import faceattr.model.FaceTagger;
import faceattr.model.TaggedImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The stream's tagger whose model can be replaced while the stream runs. {@link #tag} and {@link #swap} exclude each
 * other, so a swap happens between two batches: it waits for the batch in hand (at most one batch time) and the
 * next batch runs entirely on the new model. The old model is closed after the swap.
 * <p>
 * {@link #modelVersion()} answers, on each thread, for the model that ran that thread's latest {@link #tag} call (the
 * current model before any): the stream maps a batch's answers right after tagging it, on the same thread, so every
 * record names the model that tagged it even when a swap lands in between. (A batch whose forward pass threw is
 * retried in halves; if a swap lands between those retries, its records name the new model.)
 * <p>
 * The first model may still be loading ({@link #loading}): Kafka Streams then joins its group and restores its store
 * meanwhile, and the first {@link #tag} waits for the load. If the load fails, {@link #tag} throws
 * {@link ModelUnavailableError}, an {@link Error}, so the stream stops instead of dead-lettering its input.
 */
public final class SwappableTagger implements FaceTagger {
    private static final Logger log = LoggerFactory.getLogger(SwappableTagger.class);
    /** What {@link #modelVersion()} says before the first model is loaded. */
    public static final String LOADING = "loading";

    private final CompletableFuture<LoadedModel> initial;
    private volatile LoadedModel current;
    private final ThreadLocal<LoadedModel> answeredBy = new ThreadLocal<>();
    private Thread loader;

    /** The stream cannot go on: the first model did not load. */
    public static final class ModelUnavailableError extends Error {
        ModelUnavailableError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public SwappableTagger(LoadedModel initial) {
        this.initial = CompletableFuture.completedFuture(initial);
        this.current = initial;
    }

    private SwappableTagger(CompletableFuture<LoadedModel> initial) {
        this.initial = initial.whenComplete((m, e) -> {
            if (m != null) {
                current = m;
            }
        });
    }

    /**
     * A tagger whose first model is loaded on a thread of its own once {@link #startLoading()} is called;
     * {@code onLoaded} runs there once the model is in place.
     */
    public static SwappableTagger loading(Callable<LoadedModel> load, Consumer<SwappableTagger> onLoaded) {
        CompletableFuture<LoadedModel> future = new CompletableFuture<>();
        SwappableTagger tagger = new SwappableTagger(future);
        Thread t = new Thread(() -> {
            try {
                long start = System.nanoTime();
                LoadedModel m = load.call();
                log.info("model {} loaded from {} in {} ms", m.version(), m.origin(),
                        (System.nanoTime() - start) / 1_000_000);
                future.complete(m);
            } catch (Exception | Error e) {
                future.completeExceptionally(e);
                return;
            }
            try {
                future.join();
                onLoaded.accept(tagger);
            } catch (RuntimeException e) {
                log.error("after loading the model: {}", e.toString(), e);
            }
        }, "faceattr-model-load");
        t.setDaemon(true);
        tagger.loader = t;
        return tagger;
    }

    /** Starts the load of {@link #loading}; once only. */
    public synchronized void startLoading() {
        if (loader == null || loader.getState() != Thread.State.NEW) {
            throw new IllegalStateException("nothing to load, or the load has started");
        }
        loader.start();
    }

    /** True once the first model is in place. */
    public boolean isLoaded() {
        return current != null;
    }

    /** Why the first model did not load, or null (still loading, or loaded). */
    public Throwable loadFailure() {
        if (!initial.isCompletedExceptionally()) {
            return null;
        }
        try {
            initial.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    @Override
    public synchronized List<TaggedImage> tag(List<BufferedImage> images) {
        LoadedModel model = current != null ? current : awaitInitial();
        answeredBy.set(model);
        return model.tagger().tag(images);
    }

    private LoadedModel awaitInitial() {
        try {
            return initial.get();
        } catch (ExecutionException e) {
            throw new ModelUnavailableError("the model did not load: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelUnavailableError("interrupted while waiting for the model to load", e);
        }
    }

    /** Replaces the model between two batches (waits for the batch in hand); the old model is closed. */
    public void swap(LoadedModel next) {
        LoadedModel old;
        synchronized (this) {
            old = current();
            current = next;
        }
        log.info("model swapped: {} ({}) -> {} ({}); the next batch runs on {}", old.version(), old.origin(),
                next.version(), next.origin(), next.version());
        old.tagger().close();
    }

    /** The model the next batch runs on (waits for the first one to load). */
    public LoadedModel current() {
        LoadedModel m = current;
        return m != null ? m : awaitInitial();
    }

    @Override
    public String modelVersion() {
        LoadedModel m = answeredBy.get();
        if (m == null) {
            m = current;
        }
        return m == null ? LOADING : m.version();
    }

    /** The attribute names of the model {@link #modelVersion()} names, in the order of each face's probabilities. */
    public List<String> attributeNames() {
        LoadedModel m = answeredBy.get();
        return (m == null ? current() : m).attributes();
    }

    @Override
    public void close() {
        LoadedModel m = current;
        if (m != null) {
            m.tagger().close();
        }
    }
}
