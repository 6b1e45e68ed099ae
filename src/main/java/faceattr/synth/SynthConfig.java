package faceattr.synth;

import java.nio.file.Path;

/**
 * What {@link SynthGenerator} writes.
 *
 * @param out              dataset folder (created if missing)
 * @param count            number of face images
 * @param identities       number of people (at least 3, so that every split has one; at most {@code count})
 * @param seed             run seed: same seed, same bytes
 * @param preview          also write {@code preview.png}
 * @param backgrounds      number of face-free background images written to {@code backgrounds/}
 * @param objectsDir       where to write the general-objects set (folder per class), or null for none
 * @param objectClasses    number of object classes (1..{@link ObjectsGenerator#CLASSES}'s size)
 * @param objectsPerClass  images per object class
 * @param threads          worker threads
 * @param progress         print a progress bar to stderr
 */
public record SynthConfig(Path out, int count, int identities, long seed, boolean preview, int backgrounds,
                          Path objectsDir, int objectClasses, int objectsPerClass, int threads, boolean progress) {

    /** A small quiet set for tests: no preview, backgrounds or objects, two threads. */
    public static SynthConfig small(Path out, int count, int identities, long seed) {
        return new SynthConfig(out, count, identities, seed, false, 0, null, 0, 0, 2, false);
    }

    public SynthConfig {
        if (out == null) {
            throw new IllegalArgumentException("out folder is required");
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (count > 999_999) {
            throw new IllegalArgumentException("count must be at most 999999 (6-digit CelebA file names), got "
                    + count);
        }
        if (identities < 3 || identities > count) {
            throw new IllegalArgumentException("identities must be between 3 (one per split) and count (" + count
                    + "), got " + identities);
        }
        if (backgrounds < 0) {
            throw new IllegalArgumentException("backgrounds must not be negative, got " + backgrounds);
        }
        if (objectsDir != null && (objectClasses < 1 || objectClasses > ObjectsGenerator.CLASSES.size())) {
            throw new IllegalArgumentException("classes must be between 1 and " + ObjectsGenerator.CLASSES.size()
                    + ", got " + objectClasses);
        }
        if (objectsDir != null && objectsPerClass < 1) {
            throw new IllegalArgumentException("objects per class must be at least 1, got " + objectsPerClass);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }
}
