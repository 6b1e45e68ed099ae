package faceattr.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An opened CelebA-layout dataset: all samples in file order, and their splits. */
public final class CelebaDataset {
    private final Path root;
    private final ImageVariant variant;
    private final List<CelebaSample> samples;

    CelebaDataset(Path root, ImageVariant variant, List<CelebaSample> samples) {
        this.root = root;
        this.variant = variant;
        this.samples = List.copyOf(samples);
    }

    public Path root() {
        return root;
    }

    public ImageVariant variant() {
        return variant;
    }

    public List<CelebaSample> samples() {
        return samples;
    }

    /** The samples of one partition, in file order. */
    public List<CelebaSample> split(Split split) {
        return samples.stream().filter(s -> s.split() == split).toList();
    }

    public List<CelebaSample> train() {
        return split(Split.TRAIN);
    }

    public List<CelebaSample> validation() {
        return split(Split.VAL);
    }

    public List<CelebaSample> test() {
        return split(Split.TEST);
    }

    /** Whether {@code identity_CelebA.txt} was present (needed for identity pre-training). */
    public boolean hasIdentities() {
        return !samples.isEmpty() && samples.get(0).identity() >= 0;
    }

    /** Annotated images whose file does not exist, in file order. */
    public List<Path> missingImages() {
        List<Path> missing = new ArrayList<>();
        for (CelebaSample s : samples) {
            if (!Files.isRegularFile(s.imagePath())) {
                missing.add(s.imagePath());
            }
        }
        return missing;
    }

    /** Fails, listing them, when any annotated image is missing. */
    public CelebaDataset requireImages() throws MissingImagesException {
        List<Path> missing = missingImages();
        if (!missing.isEmpty()) {
            throw new MissingImagesException(missing);
        }
        return this;
    }

    /** At most {@code max} samples spread evenly over the list (all identities represented). */
    public static List<CelebaSample> spread(List<CelebaSample> samples, int max) {
        if (samples.size() <= max) {
            return samples;
        }
        List<CelebaSample> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(samples.get((int) ((long) i * samples.size() / max)));
        }
        return out;
    }
}
