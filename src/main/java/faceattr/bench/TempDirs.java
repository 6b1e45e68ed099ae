package faceattr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The benchmarks' scratch folders (generated images, training data, Kafka Streams state). */
final class TempDirs {
    private TempDirs() {
    }

    /** Deletes {@code dir} and everything below it; what cannot be deleted is named on stderr. */
    static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                if (!p.toFile().delete()) {
                    System.err.println("bench: could not delete " + p);
                }
            });
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e);
        }
    }
}
