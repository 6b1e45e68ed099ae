package faceattr.service;

import faceattr.model.FaceTagger;
import faceattr.model.ForwardingFaceTagger;
import faceattr.model.TaggedImage;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Wraps the model to count what only the model sees: faces found and forward passes that threw; it also publishes
 * the model version. (Batch size and time are measured by the stream's processor.) Adds no locking: thread-safety
 * is the caller's, as for any {@link FaceTagger}.
 */
public final class MeteredFaceTagger extends ForwardingFaceTagger {
    private final PrometheusMetrics metrics;

    public MeteredFaceTagger(FaceTagger model, PrometheusMetrics metrics) {
        super(model);
        this.metrics = metrics;
        metrics.modelVersion(model.modelVersion());
    }

    @Override
    public List<TaggedImage> tag(List<BufferedImage> images) {
        List<TaggedImage> tagged;
        try {
            tagged = model.tag(images);
        } catch (RuntimeException e) {
            metrics.inferenceFailed();
            throw e;
        }
        if (tagged != null) {
            metrics.facesFound(tagged.stream().mapToInt(t -> t.faces().size()).sum());
        }
        return tagged;
    }
}
