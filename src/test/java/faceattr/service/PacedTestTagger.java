package faceattr.service;

import faceattr.geometry.Box;
import faceattr.model.DetectedFace;
import faceattr.model.FaceTagger;
import faceattr.model.TaggedImage;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Model stand-in for the process tests: one centred face per image and a few milliseconds of "inference" per image,
 * so that batches are in flight (parked, half-published, mid-transaction) when the process is killed.
 */
final class PacedTestTagger implements FaceTagger {
    static final String VERSION = "paced-test-tagger";
    private final long millisPerImage;

    PacedTestTagger(long millisPerImage) {
        this.millisPerImage = millisPerImage;
    }

    @Override
    public List<String> attributeNames() {
        return faceattr.data.Attributes.NAMES;
    }

    @Override
    public List<TaggedImage> tag(List<BufferedImage> images) {
        try {
            Thread.sleep(millisPerImage * images.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during inference", e);
        }
        List<TaggedImage> out = new ArrayList<>();
        for (BufferedImage img : images) {
            int w = img.getWidth();
            int h = img.getHeight();
            float[] p = new float[40];
            boolean[] present = new boolean[40];
            p[20] = 0.9f;
            present[20] = true;
            out.add(new TaggedImage(w, h, List.of(new DetectedFace(new Box(w / 4.0, h / 4.0, w / 2.0, h / 2.0),
                    0.8, p, present))));
        }
        return out;
    }

    @Override
    public String modelVersion() {
        return VERSION;
    }
}
