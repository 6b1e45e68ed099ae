package faceattr.search;

import faceattr.avro.generated.FaceAttributes;
import faceattr.bench.SyntheticAttributeRecords;
import faceattr.data.Attributes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index's candidates from postings, face-by-face checks, facets and cursor pages against the brute-force oracle,
 * over random queries (decisions and probability thresholds at bucket edges and between), before and after records
 * are replaced and removed.
 */
class PartitionIndexTest {
    private final SyntheticAttributeRecords generator = new SyntheticAttributeRecords(Attributes.NAMES, 9);

    @Test
    void randomQueriesMatchTheOracleThroughReplacementsAndRemovals() throws Exception {
        AttributeDictionary dictionary = new AttributeDictionary(Attributes.NAMES);
        PartitionIndex index = new PartitionIndex(dictionary);
        Map<String, FaceAttributes> records = new TreeMap<>();
        for (int i = 0; i < 1500; i++) {
            put(index, dictionary, records, generator.record(i, 0));
        }
        Random random = new Random(4);
        check(index, records, random, 50);
        for (int i = 0; i < 1500; i += 3) {
            put(index, dictionary, records, generator.record(i, 1));
        }
        for (int i = 1; i < 1500; i += 4) {
            String id = SyntheticAttributeRecords.id(i);
            assertEquals(records.remove(id) != null, index.remove(id));
        }
        assertTrue(!index.remove("never-indexed"));
        for (int i = 1500; i < 1700; i++) {
            put(index, dictionary, records, generator.record(i, 0)); // reuses freed document numbers
        }
        assertEquals(records.size(), index.size());
        check(index, records, random, 50);
    }

    private static void put(PartitionIndex index, AttributeDictionary dictionary, Map<String, FaceAttributes> records,
                            FaceAttributes r) {
        records.put(r.getImageId(), r);
        index.put(IndexedImage.of(r.getImageId(), r, dictionary));
    }

    private static void check(PartitionIndex index, Map<String, FaceAttributes> records, Random random, int queries)
            throws BadQueryException {
        for (int q = 0; q < queries; q++) {
            List<String> present = pick(random, random.nextInt(3), List.of());
            List<String> absent = pick(random, random.nextInt(2), present);
            Double t = random.nextBoolean() ? null
                    : random.nextBoolean() ? random.nextInt(11) / 10.0 : random.nextDouble();
            int min = random.nextInt(4) == 0 ? random.nextInt(3) : -1;
            int max = min < 0 ? -1 : min + random.nextInt(2);
            SearchQuery query = new SearchQuery(present, absent, t, min, max, null, null, null, null, 40, null);
            Set<String> expected = BruteForce.hits(records.values(), present, absent, t, min, max, null);
            SearchPage first = index.search(query);
            String what = present + " " + absent + " t=" + t + " faces=" + min + "-" + max;
            assertEquals(expected.size(), first.total(), what);
            assertEquals(BruteForce.facets(records.values(), expected, Attributes.NAMES, t),
                    new TreeMap<>(first.facets()), what);
            List<String> seen = new ArrayList<>();
            SearchPage page = first;
            while (true) {
                page.hits().forEach(h -> seen.add(h.imageId()));
                String next = PageMerger.nextCursor(page);
                if (next == null) {
                    break;
                }
                page = index.search(query.withCursor(Cursor.decode(next)));
            }
            assertEquals(expected.size(), seen.size(), "every hit once: " + what);
            assertEquals(expected, new HashSet<>(seen), what);
        }
    }

    private static List<String> pick(Random random, int n, List<String> not) {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String a = Attributes.NAMES.get(random.nextInt(Attributes.COUNT));
            if (!out.contains(a) && !not.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }
}
