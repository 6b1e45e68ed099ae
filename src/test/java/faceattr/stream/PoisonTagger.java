package faceattr.stream;

import faceattr.model.FaceTagger;
import faceattr.model.TaggedImage;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a real tagger and throws, as a broken model would, on any batch that holds a poison image
 * ({@link TestImages#POISON_RGB} in the top-left corner); records the size of every batch it was asked to tag.
 */
final class PoisonTagger implements FaceTagger {
    private final FaceTagger delegate;
    final List<Integer> batchSizes = new ArrayList<>();

    PoisonTagger(FaceTagger delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<TaggedImage> tag(List<BufferedImage> images) {
        batchSizes.add(images.size());
        for (BufferedImage img : images) {
            if ((img.getRGB(0, 0) & 0xFFFFFF) == TestImages.POISON_RGB
                    && (img.getRGB(1, 0) & 0xFFFFFF) == TestImages.POISON_RGB) {
                throw new IllegalStateException("simulated model failure on a poison image");
            }
        }
        return delegate.tag(images);
    }

    @Override
    public String modelVersion() {
        return delegate.modelVersion();
    }

    @Override
    public List<String> attributeNames() {
        return delegate.attributeNames();
    }
}
