package faceattr.search;

import java.time.Instant;
import java.util.List;

/**
 * A checked search: face conditions ({@code present}, {@code absent}, judged by the record's decision, or by
 * probability against {@code minProbability} when it is set) and image conditions (face count range, source, model
 * version, processing time range), with the page wanted.
 *
 * @param minProbability null: use each record's own decisions
 * @param facesMin       -1 when no face-count condition
 * @param cursor         null for the first page
 */
public record SearchQuery(List<String> present, List<String> absent, Double minProbability, int facesMin,
                          int facesMax, String source, String modelVersion, Instant since, Instant until, int limit,
                          Cursor cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** No condition at all: every image of the index. */
    public static SearchQuery all(int limit) {
        return new SearchQuery(List.of(), List.of(), null, -1, -1, null, null, null, null, limit, null);
    }

    public boolean hasFaceConditions() {
        return !present.isEmpty() || !absent.isEmpty();
    }

    public SearchQuery withCursor(Cursor next) {
        return new SearchQuery(present, absent, minProbability, facesMin, facesMax, source, modelVersion, since,
                until, limit, next);
    }
}
