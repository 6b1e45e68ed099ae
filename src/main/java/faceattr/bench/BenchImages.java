package faceattr.bench;

import faceattr.errors.RejectedInputException;
import faceattr.image.ImageDecoder;
import faceattr.image.ImageLimits;
import faceattr.synth.SynthDemoImages;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' inputs: a pool of synthetic "faces in the wild" photos (the demo's generator), as the JPEG bytes a
 * producer sends and as the pixels the decoder makes of them. Events cycle through the pool.
 */
public final class BenchImages {
    private final List<byte[]> jpegs;
    private final List<BufferedImage> pixels;

    private BenchImages(List<byte[]> jpegs, List<BufferedImage> pixels) {
        this.jpegs = jpegs;
        this.pixels = pixels;
    }

    /** Generates {@code count} photos (deterministic for the seed) and decodes them through the project's decoder. */
    public static BenchImages generate(int count, long seed) throws IOException {
        Path dir = Files.createTempDirectory("faceattr-bench-images-");
        try {
            SynthDemoImages source = SynthDemoImages.generate(dir, count, seed);
            ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
            List<byte[]> jpegs = new ArrayList<>(count);
            List<BufferedImage> pixels = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] jpeg = source.apply(i);
                jpegs.add(jpeg);
                pixels.add(decoder.decode(jpeg, "image/jpeg"));
            }
            return new BenchImages(List.copyOf(jpegs), List.copyOf(pixels));
        } catch (RejectedInputException e) {
            throw new IOException("a generated benchmark image does not decode: " + e.getMessage(), e);
        } finally {
            TempDirs.deleteRecursively(dir);
        }
    }

    public int size() {
        return jpegs.size();
    }

    public byte[] jpeg(int index) {
        return jpegs.get(index % jpegs.size());
    }

    public BufferedImage pixels(int index) {
        return pixels.get(index % pixels.size());
    }

    /** {@code n} decoded images starting at {@code from}, cycling through the pool. */
    public List<BufferedImage> batch(int from, int n) {
        List<BufferedImage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(pixels(from + i));
        }
        return out;
    }
}
