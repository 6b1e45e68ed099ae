package faceattr.data;

import faceattr.errors.RejectedInputException;
import faceattr.image.ImageDecoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Decodes samples' images through the project's {@link ImageDecoder}, one at a time or in batches. */
public final class SampleLoader {
    private final ImageDecoder decoder;

    public SampleLoader(ImageDecoder decoder) {
        this.decoder = decoder;
    }

    /** A sample with its decoded RGB image. */
    public record Loaded(CelebaSample sample, BufferedImage image) {
    }

    /** Reads and decodes one sample's image; a missing file is a {@link MissingImagesException}. */
    public Loaded load(CelebaSample sample) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(sample.imagePath());
        } catch (NoSuchFileException e) {
            throw new MissingImagesException(List.of(sample.imagePath()));
        }
        try {
            return new Loaded(sample, decoder.decode(bytes));
        } catch (RejectedInputException e) {
            throw new IOException(sample.imagePath() + ": " + e.reason() + ": " + e.getMessage(), e);
        }
    }

    /** Batches of decoded samples in list order; I/O failures surface as {@link UncheckedIOException}. */
    public Iterator<List<Loaded>> batches(List<CelebaSample> samples, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < samples.size();
            }

            @Override
            public List<Loaded> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(samples.size(), next + batchSize);
                List<Loaded> batch = new ArrayList<>(end - next);
                try {
                    for (int i = next; i < end; i++) {
                        batch.add(load(samples.get(i)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                next = end;
                return batch;
            }
        };
    }
}
