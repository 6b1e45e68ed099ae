package faceattr.search;

import java.util.List;
import java.util.Map;

/**
 * One page of a search over some partitions: {@code total} hits and the {@code facets} (per attribute, how many hits
 * have it present) over all hits of the filter; {@code hits} the best ones after the cursor, ranked; and
 * {@code remaining}, how many hits rank after the cursor in all (so a merge knows whether a next page exists).
 */
public record SearchPage(long total, Map<String, Long> facets, List<Hit> hits, long remaining) {

    /**
     * A ranked hit: its image id and score (the rank key), and either its JSON body (from another instance) or the
     * indexed image (from this one; turned into JSON only if it makes the merged page).
     */
    public record Hit(String imageId, double score, Map<String, Object> json, IndexedImage image) {
        public Map<String, Object> json(AttributeDictionary dictionary) {
            return json != null ? json : ImageJson.hit(image, score, dictionary);
        }
    }
}
