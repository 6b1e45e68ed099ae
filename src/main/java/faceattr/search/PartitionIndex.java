package faceattr.search;

import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The search index of one partition: the latest record of each image id (a new record replaces the old, a removal
 * forgets it), numbered as documents, with {@link AttributePostings} per attribute and {@link ValuePostings} for the
 * source, model version and face count. One writer (the partition's stream task) and any number of readers (HTTP
 * threads), under a read-write lock.
 */
public final class PartitionIndex {
    /** The source key of images without a source (a control character: no query can name it). */
    private static final String NO_SOURCE = "\u0000";
    private final AttributeDictionary dictionary;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<IndexedImage> docs = new ArrayList<>();
    private final ArrayDeque<Integer> freeDocs = new ArrayDeque<>();
    private final Map<String, Integer> docOfId = new HashMap<>();
    private final RoaringBitmap live = new RoaringBitmap();
    private final List<AttributePostings> attributes = new ArrayList<>();
    private final ValuePostings<String> sources = new ValuePostings<>();
    private final ValuePostings<String> models = new ValuePostings<>();
    private final ValuePostings<Integer> faceCounts = new ValuePostings<>();

    public PartitionIndex(AttributeDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** Indexes {@code image} under its id, replacing the image's previous record. */
    public void put(IndexedImage image) {
        lock.writeLock().lock();
        try {
            removeLocked(image.imageId());
            int doc = freeDocs.isEmpty() ? docs.size() : freeDocs.pop();
            if (doc == docs.size()) {
                docs.add(image);
            } else {
                docs.set(doc, image);
            }
            docOfId.put(image.imageId(), doc);
            live.add(doc);
            while (attributes.size() < dictionary.size()) {
                attributes.add(new AttributePostings(attributes.size()));
            }
            for (AttributePostings a : attributes) {
                a.add(doc, image.faces());
            }
            sources.add(sourceKey(image.source()), doc);
            models.add(image.modelVersion(), doc);
            faceCounts.add(image.faces().size(), doc);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets image {@code imageId}; false when it was not indexed. */
    public boolean remove(String imageId) {
        lock.writeLock().lock();
        try {
            return removeLocked(imageId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean removeLocked(String imageId) {
        Integer doc = docOfId.remove(imageId);
        if (doc == null) {
            return false;
        }
        IndexedImage old = docs.get(doc);
        for (AttributePostings a : attributes) {
            a.remove(doc, old.faces());
        }
        sources.remove(sourceKey(old.source()), doc);
        models.remove(old.modelVersion(), doc);
        faceCounts.remove(old.faces().size(), doc);
        live.remove(doc);
        docs.set(doc, null);
        freeDocs.push(doc);
        return true;
    }

    private static String sourceKey(String source) {
        return source == null ? NO_SOURCE : source;
    }

    public Optional<IndexedImage> get(String imageId) {
        lock.readLock().lock();
        try {
            Integer doc = docOfId.get(imageId);
            return doc == null ? Optional.empty() : Optional.of(docs.get(doc));
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return docOfId.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every indexed image id (for checks and tests). */
    public List<String> imageIds() {
        lock.readLock().lock();
        try {
            return List.copyOf(docOfId.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bytes the postings take (bitmaps only; the records are counted by the benchmark's heap measurement). */
    public long postingsBytes() {
        lock.readLock().lock();
        try {
            return live.getLongSizeInBytes() + attributes.stream().mapToLong(AttributePostings::sizeInBytes).sum()
                    + sources.sizeInBytes() + models.sizeInBytes() + faceCounts.sizeInBytes();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Compresses runs in the postings (after a bulk load). */
    public void optimize() {
        lock.writeLock().lock();
        try {
            live.runOptimize();
            attributes.forEach(AttributePostings::optimize);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs {@code query} over this partition; see {@link SearchPage}. */
    public SearchPage search(SearchQuery query) {
        lock.readLock().lock();
        try {
            CompiledQuery q = CompiledQuery.of(query, dictionary);
            RoaringBitmap candidates = q == null ? new RoaringBitmap() : candidates(q);
            RoaringBitmapWriter<RoaringBitmap> hitWriter = RoaringBitmapWriter.writer().get();
            PriorityQueue<SearchPage.Hit> best = new PriorityQueue<>(Ranking.ORDER.reversed());
            long[] remaining = {0};
            if (q != null) {
                candidates.forEach((int doc) -> {
                    IndexedImage image = docs.get(doc);
                    double score = q.score(image);
                    if (score < 0) {
                        return;
                    }
                    hitWriter.add(doc);
                    if (query.cursor() != null && !query.cursor().isBefore(score, image.imageId())) {
                        return;
                    }
                    remaining[0]++;
                    if (best.size() == query.limit()) {
                        SearchPage.Hit worst = best.peek();
                        if (score < worst.score() || score == worst.score()
                                && image.imageId().compareTo(worst.imageId()) > 0) {
                            return;
                        }
                        best.poll();
                    }
                    best.add(new SearchPage.Hit(image.imageId(), score, null, image));
                });
            }
            RoaringBitmap hits = hitWriter.get();
            List<SearchPage.Hit> page = new ArrayList<>(best);
            page.sort(Ranking.ORDER);
            return new SearchPage(hits.getLongCardinality(), facets(hits, query.minProbability()), page,
                    remaining[0]);
        } finally {
            lock.readLock().unlock();
        }
    }

    private RoaringBitmap candidates(CompiledQuery q) {
        RoaringBitmap c = live.clone();
        if (q.query().source() != null) {
            c.and(sources.get(q.query().source()));
        }
        if (q.query().modelVersion() != null) {
            c.and(models.get(q.query().modelVersion()));
        }
        if (q.query().facesMin() >= 0) {
            RoaringBitmap counts = new RoaringBitmap();
            faceCounts.all().forEach((n, docsWithN) -> {
                if (n >= q.query().facesMin() && n <= q.query().facesMax()) {
                    counts.or(docsWithN);
                }
            });
            c.and(counts);
        }
        Double t = q.query().minProbability();
        for (int id : q.presentIds()) {
            AttributePostings a = postings(id);
            c.and(a == null ? new RoaringBitmap() : t == null ? a.presentOnSomeFace() : a.candidatesAtLeast(t));
        }
        for (int id : q.absentIds()) {
            AttributePostings a = postings(id);
            c.and(a == null ? new RoaringBitmap() : t == null ? a.candidatesAbsent(live) : a.candidatesBelow(t));
        }
        return c;
    }

    private AttributePostings postings(int id) {
        return id < attributes.size() ? attributes.get(id) : null;
    }

    /** Per known attribute, how many hits have it present (by decision, or by probability ≥ minProbability). */
    private Map<String, Long> facets(RoaringBitmap hits, Double minProbability) {
        Map<String, Long> facets = new LinkedHashMap<>();
        for (int id = 0; id < dictionary.size(); id++) {
            AttributePostings a = postings(id);
            long n = 0;
            if (a != null && !hits.isEmpty()) {
                n = minProbability == null ? RoaringBitmap.andCardinality(hits, a.presentOnSomeFace())
                        : a.countAtLeast(hits, minProbability, docs::get);
            }
            facets.put(dictionary.name(id), n);
        }
        return facets;
    }
}
