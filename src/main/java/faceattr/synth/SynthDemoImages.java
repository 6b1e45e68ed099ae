package faceattr.synth;

import faceattr.data.ImageVariant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/** The demo's photos: the synthetic "faces in the wild" generator's JPEGs, made once into a folder. */
public final class SynthDemoImages implements IntFunction<byte[]> {
    private final List<Path> files;

    private SynthDemoImages(List<Path> files) {
        this.files = files;
    }

    /** Generates {@code count} in-the-wild images (deterministic for the seed) under {@code dir}. */
    public static SynthDemoImages generate(Path dir, int count, long seed) throws IOException {
        int n = Math.max(3, count);
        new SynthGenerator(SynthConfig.small(dir, n, Math.max(3, n / 4), seed)).generate();
        try (Stream<Path> s = Files.list(dir.resolve(ImageVariant.IN_THE_WILD.folder()))) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
            if (files.isEmpty()) {
                throw new IOException("the synthetic generator wrote no images under " + dir);
            }
            return new SynthDemoImages(files);
        }
    }

    @Override
    public byte[] apply(int index) {
        try {
            return Files.readAllBytes(files.get(index % files.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
