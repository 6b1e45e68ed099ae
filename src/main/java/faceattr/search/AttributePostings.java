package faceattr.search;

import org.roaringbitmap.RoaringBitmap;

import java.util.List;
import java.util.function.IntFunction;

/**
 * One attribute's postings over the documents (images) of a partition, as compressed bitmaps: images where some face
 * has the attribute present (the record's decision), images where every face has it, and the images by the bucket
 * (tenths) of their highest and of their lowest face probability. A query takes its candidates from these and checks
 * only the candidates face by face.
 */
final class AttributePostings {
    static final int BUCKETS = 10;

    private final int id;
    private final RoaringBitmap presentAny = new RoaringBitmap();
    private final RoaringBitmap presentAll = new RoaringBitmap();
    private final RoaringBitmap[] maxBucket = newBuckets();
    private final RoaringBitmap[] minBucket = newBuckets();

    AttributePostings(int id) {
        this.id = id;
    }

    private static RoaringBitmap[] newBuckets() {
        RoaringBitmap[] b = new RoaringBitmap[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            b[i] = new RoaringBitmap();
        }
        return b;
    }

    static int bucket(double p) {
        return Math.max(0, Math.min(BUCKETS - 1, (int) Math.floor(p * BUCKETS)));
    }

    void add(int doc, List<IndexedFace> faces) {
        update(doc, faces, true);
    }

    void remove(int doc, List<IndexedFace> faces) {
        update(doc, faces, false);
    }

    private void update(int doc, List<IndexedFace> faces, boolean add) {
        boolean any = false;
        boolean all = !faces.isEmpty();
        float max = Float.NaN;
        float min = Float.NaN;
        for (IndexedFace f : faces) {
            boolean present = f.isPresent(id);
            any |= present;
            all &= present;
            float p = f.probability(id);
            if (!Float.isNaN(p)) {
                max = Float.isNaN(max) ? p : Math.max(max, p);
                min = Float.isNaN(min) ? p : Math.min(min, p);
            }
        }
        set(presentAny, doc, any && add);
        set(presentAll, doc, all && add);
        if (!Float.isNaN(max)) {
            set(maxBucket[bucket(max)], doc, add);
            set(minBucket[bucket(min)], doc, add);
        }
    }

    private static void set(RoaringBitmap bitmap, int doc, boolean on) {
        if (on) {
            bitmap.add(doc);
        } else {
            bitmap.remove(doc);
        }
    }

    /** Images with a face that has the attribute present by the record's decision (exact). */
    RoaringBitmap presentOnSomeFace() {
        return presentAny;
    }

    /** A superset of the images with a face that does not have the attribute present by decision. */
    RoaringBitmap candidatesAbsent(RoaringBitmap live) {
        return RoaringBitmap.andNot(live, presentAll);
    }

    /** A superset of the images with a face whose probability is at least {@code t}. */
    RoaringBitmap candidatesAtLeast(double t) {
        return RoaringBitmap.or(java.util.Arrays.copyOfRange(maxBucket, bucket(t), BUCKETS));
    }

    /** A superset of the images with a face whose probability is below {@code t}. */
    RoaringBitmap candidatesBelow(double t) {
        return RoaringBitmap.or(java.util.Arrays.copyOfRange(minBucket, 0, bucket(t) + 1));
    }

    /**
     * How many of {@code images} have a face whose probability is at least {@code t}: those in the buckets above
     * {@code t}'s count whole, those in its own bucket are checked face by face.
     */
    long countAtLeast(RoaringBitmap images, double t, IntFunction<IndexedImage> docs) {
        int b = bucket(t);
        long n = 0;
        for (int above = b + 1; above < BUCKETS; above++) {
            n += RoaringBitmap.andCardinality(images, maxBucket[above]);
        }
        long[] boundary = {0};
        RoaringBitmap.and(images, maxBucket[b]).forEach((int doc) -> {
            for (IndexedFace f : docs.apply(doc).faces()) {
                if (f.probability(id) >= t) {
                    boundary[0]++;
                    return;
                }
            }
        });
        return n + boundary[0];
    }

    /** Bytes the bitmaps take. */
    long sizeInBytes() {
        long n = presentAny.getLongSizeInBytes() + presentAll.getLongSizeInBytes();
        for (int i = 0; i < BUCKETS; i++) {
            n += maxBucket[i].getLongSizeInBytes() + minBucket[i].getLongSizeInBytes();
        }
        return n;
    }

    void optimize() {
        presentAny.runOptimize();
        presentAll.runOptimize();
    }
}
