package faceattr.model;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Image batch in, faces with attributes out: the one interface between the model and its callers (stream, CLI,
 * benchmarks). Implementations are not required to be thread-safe; use one per thread.
 */
public interface FaceTagger extends AutoCloseable {

    /** Tags a batch in one forward pass per network; the result has one entry per input, in input order. */
    List<TaggedImage> tag(List<BufferedImage> images);

    /** The version of the model bundle, as published in each output record. */
    String modelVersion();

    /**
     * The attribute names, in the order of every face's probability and decision arrays. A tagger over a model bundle
     * answers its classifiers' names (the bundle owns them: 40 for a CelebA bundle, more with attributes of your own);
     * a tagger that wraps another must delegate.
     */
    List<String> attributeNames();

    @Override
    default void close() {
    }
}
