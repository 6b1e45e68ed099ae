package faceattr.server;

import faceattr.model.FaceTagger;
import faceattr.model.TaggedImage;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Wraps the model so that every forward pass is measured (batch size, inference time, faces found) without the
 * stream code knowing about metrics. Adds no locking: thread-safety is the caller's, as for any {@link FaceTagger}.
 */
public final class MeteredFaceTagger implements FaceTagger {
    private final FaceTagger model;
    private final ServiceMetrics metrics;

    public MeteredFaceTagger(FaceTagger model, ServiceMetrics metrics) {
        this.model = model;
        this.metrics = metrics;
        metrics.modelVersion(model.modelVersion());
    }

    @Override
    public List<TaggedImage> tag(List<BufferedImage> images) {
        long start = System.nanoTime();
        List<TaggedImage> tagged;
        try {
            tagged = model.tag(images);
        } catch (RuntimeException e) {
            metrics.recordFailedBatch(System.nanoTime() - start);
            throw e;
        }
        long elapsed = System.nanoTime() - start;
        int faces = 0;
        if (tagged != null) {
            for (TaggedImage t : tagged) {
                faces += t.faces().size();
            }
        }
        metrics.recordBatch(images.size(), faces, elapsed);
        return tagged;
    }

    @Override
    public String modelVersion() {
        return model.modelVersion();
    }

    @Override
    public void close() {
        model.close();
    }
}
