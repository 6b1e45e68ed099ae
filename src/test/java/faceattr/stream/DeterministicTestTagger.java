package faceattr.stream;

import faceattr.data.Attributes;
import faceattr.model.Box;
import faceattr.model.DetectedFace;
import faceattr.model.FaceTagger;
import faceattr.model.TaggedImage;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Topology-mechanics stand-in for the cascade (used only until the bundled model is merged): one face in the
 * central half of the image, attribute probabilities from the image's mean colour.
 */
public final class DeterministicTestTagger implements FaceTagger {
    @Override
    public List<TaggedImage> tag(List<BufferedImage> images) {
        List<TaggedImage> out = new ArrayList<>();
        for (BufferedImage img : images) {
            int w = img.getWidth();
            int h = img.getHeight();
            long sum = 0;
            for (int y = 0; y < h; y += 4) {
                for (int x = 0; x < w; x += 4) {
                    int rgb = img.getRGB(x, y);
                    sum += ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
                }
            }
            double mean = sum / (3.0 * ((w + 3) / 4) * ((h + 3) / 4) * 255.0);
            float[] p = new float[Attributes.COUNT];
            boolean[] present = new boolean[Attributes.COUNT];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (1 / (1 + Math.exp(-(mean - 0.5) * (i + 1))));
                present[i] = p[i] >= 0.5f;
            }
            out.add(new TaggedImage(w, h, List.of(new DetectedFace(new Box(w / 4.0, h / 4.0, w / 2.0, h / 2.0),
                    1.0, p, present))));
        }
        return out;
    }

    @Override
    public String modelVersion() {
        return "test-double";
    }
}
