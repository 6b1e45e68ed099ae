package faceattr.search;

import org.roaringbitmap.RoaringBitmap;

import java.util.HashMap;
import java.util.Map;

/** Postings of an image-level value (source, model version, face count): the images having each value. */
final class ValuePostings<V> {
    private static final RoaringBitmap EMPTY = new RoaringBitmap();
    private final Map<V, RoaringBitmap> byValue = new HashMap<>();

    void add(V value, int doc) {
        byValue.computeIfAbsent(value, v -> new RoaringBitmap()).add(doc);
    }

    void remove(V value, int doc) {
        RoaringBitmap b = byValue.get(value);
        if (b != null) {
            b.remove(doc);
            if (b.isEmpty()) {
                byValue.remove(value);
            }
        }
    }

    /** The images with {@code value} (do not modify). */
    RoaringBitmap get(V value) {
        return byValue.getOrDefault(value, EMPTY);
    }

    Map<V, RoaringBitmap> all() {
        return byValue;
    }

    long sizeInBytes() {
        return byValue.values().stream().mapToLong(RoaringBitmap::getLongSizeInBytes).sum();
    }
}
