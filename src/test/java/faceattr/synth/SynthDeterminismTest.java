package faceattr.synth;

import faceattr.data.CelebaFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same seed, same bytes (whatever the thread count); another seed, other bytes. */
class SynthDeterminismTest {
    private static final List<String> FILES = List.of(CelebaFormat.ATTR_FILE, CelebaFormat.BBOX_FILE,
            CelebaFormat.LANDMARKS_FILE, CelebaFormat.LANDMARKS_ALIGN_FILE, CelebaFormat.PARTITION_FILE,
            CelebaFormat.IDENTITY_FILE, "img_celeba/000001.jpg", "img_celeba/000017.jpg", "img_celeba/000030.jpg",
            "img_align_celeba/000001.jpg", "img_align_celeba/000030.jpg", "backgrounds/000002.jpg");

    @TempDir
    Path dir;

    private Path generate(String name, long seed, int threads) throws IOException {
        Path out = dir.resolve(name);
        new SynthGenerator(new SynthConfig(out, 30, 5, seed, false, 2, null, 0, 0, threads, false)).generate();
        return out;
    }

    @Test
    void sameSeedSameBytesAnyThreadCount() throws IOException {
        Path a = generate("a", 42, 1);
        Path b = generate("b", 42, 2);
        Path c = generate("c", 43, 2);
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        int differing = 0;
        for (String f : FILES) {
            if (!java.util.Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(c.resolve(f)))) {
                differing++;
            }
        }
        assertTrue(differing >= FILES.size() - 1, "another seed changes (nearly) every file, changed " + differing);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve(CelebaFormat.ATTR_FILE)),
                Files.readAllBytes(c.resolve(CelebaFormat.ATTR_FILE))));
    }
}
