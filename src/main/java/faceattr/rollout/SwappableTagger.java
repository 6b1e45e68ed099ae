package faceattr.rollout;

import faceattr.model.FaceTagger;
import faceattr.model.TaggedImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The stream's tagger whose model can be replaced while the stream runs. {@link #tag} and {@link #swap} exclude each
 * other, so a swap happens between two batches: it waits for the batch in hand (at most one batch time) and the
 * next batch runs entirely on the new model. The old model is closed after the swap.
 * <p>
 * {@link #modelVersion()} answers, on each thread, for the model that ran that thread's latest {@link #tag} call (the
 * current model before any): the stream maps a batch's answers right after tagging it, on the same thread, so every
 * record names the model that tagged it even when a swap lands in between. (A batch whose forward pass threw is
 * retried in halves; if a swap lands between those retries, its records name the new model.)
 */
public final class SwappableTagger implements FaceTagger {
    private static final Logger log = LoggerFactory.getLogger(SwappableTagger.class);

    private volatile LoadedModel current;
    private final ThreadLocal<LoadedModel> answeredBy = new ThreadLocal<>();

    public SwappableTagger(LoadedModel initial) {
        this.current = initial;
    }

    @Override
    public synchronized List<TaggedImage> tag(List<BufferedImage> images) {
        LoadedModel model = current;
        answeredBy.set(model);
        return model.tagger().tag(images);
    }

    /** Replaces the model between two batches (waits for the batch in hand); the old model is closed. */
    public void swap(LoadedModel next) {
        LoadedModel old;
        synchronized (this) {
            old = current;
            current = next;
        }
        log.info("model swapped: {} ({}) -> {} ({}); the next batch runs on {}", old.version(), old.origin(),
                next.version(), next.origin(), next.version());
        old.tagger().close();
    }

    /** The model the next batch runs on. */
    public LoadedModel current() {
        return current;
    }

    @Override
    public String modelVersion() {
        LoadedModel m = answeredBy.get();
        return (m == null ? current : m).version();
    }

    /** The attribute names of the model {@link #modelVersion()} names, in the order of each face's probabilities. */
    public List<String> attributeNames() {
        LoadedModel m = answeredBy.get();
        return (m == null ? current : m).attributes();
    }

    @Override
    public void close() {
        current.tagger().close();
    }
}
