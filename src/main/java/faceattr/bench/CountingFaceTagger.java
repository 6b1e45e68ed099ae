package faceattr.bench;

import faceattr.model.FaceTagger;
import faceattr.model.ForwardingFaceTagger;
import faceattr.model.TaggedImage;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps the model to count forward passes (calls of {@link #tag}) and images, and to time each call: what the stream
 * benchmark needs to prove per-record mode really makes one pass per record, and the median batch time the latency
 * target is stated in. Adds no locking around the model: the stream serializes calls to it already.
 */
public final class CountingFaceTagger extends ForwardingFaceTagger {
    /** One forward pass: how many images, how long it took. */
    public record Pass(int images, long nanos) {
    }

    private final List<Pass> passes = new ArrayList<>();

    public CountingFaceTagger(FaceTagger model) {
        super(model);
    }

    @Override
    public List<TaggedImage> tag(List<BufferedImage> images) {
        long started = System.nanoTime();
        List<TaggedImage> tagged = model.tag(images);
        Pass pass = new Pass(images.size(), System.nanoTime() - started);
        synchronized (passes) {
            passes.add(pass);
        }
        return tagged;
    }

    /** The passes so far, in call order. */
    public List<Pass> passes() {
        synchronized (passes) {
            return new ArrayList<>(passes);
        }
    }
}
