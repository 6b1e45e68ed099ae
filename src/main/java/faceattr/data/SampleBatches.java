package faceattr.data;

import faceattr.errors.RejectedInputException;
import faceattr.image.ImageDecoder;
import faceattr.image.ImageLimits;
import faceattr.report.ProgressBar;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** Decodes images in batches (in parallel within a batch) and hands them on; nothing decoded is kept. */
public final class SampleBatches {
    public static final ImageDecoder DECODER = new ImageDecoder(ImageLimits.defaults());
    private static final SampleLoader LOADER = new SampleLoader(DECODER);

    public interface BatchConsumer {
        void accept(int offset, List<BufferedImage> images) throws IOException;
    }

    private SampleBatches() {
    }

    public static void forEachBatch(List<CelebaSample> samples, int batchSize, String label, PrintStream err,
                             BatchConsumer consumer) throws IOException {
        ProgressBar bar = new ProgressBar(err, label, samples.size());
        for (int from = 0; from < samples.size(); from += batchSize) {
            int to = Math.min(samples.size(), from + batchSize);
            List<BufferedImage> images = decode(samples.subList(from, to));
            consumer.accept(from, images);
            bar.update(to, "");
        }
    }

    public static List<BufferedImage> decode(List<CelebaSample> samples) throws IOException {
        try {
            return IntStream.range(0, samples.size()).parallel().mapToObj(i -> {
                try {
                    return LOADER.load(samples.get(i)).image();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Image files (jpg, jpeg, png) directly in a folder, sorted by name. */
    public static List<Path> listImages(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
            }).sorted().toList();
        }
    }

    public static List<BufferedImage> decodeFiles(List<Path> files) throws IOException {
        List<BufferedImage> out = new ArrayList<>(files.size());
        for (Path p : files) {
            try {
                out.add(DECODER.decode(Files.readAllBytes(p)));
            } catch (RejectedInputException e) {
                throw new IOException(p + ": " + e.reason() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
