package faceattr.search;

/** A {@link SearchQuery} with attribute names resolved to dictionary ids, and the exact per-image check. */
record CompiledQuery(SearchQuery query, int[] presentIds, int[] absentIds) {

    /** Null when the query names an attribute this instance has never seen (so nothing here can match). */
    static CompiledQuery of(SearchQuery query, AttributeDictionary dictionary) {
        int[] present = query.present().stream().mapToInt(dictionary::find).toArray();
        int[] absent = query.absent().stream().mapToInt(dictionary::find).toArray();
        for (int id : present) {
            if (id < 0) {
                return null;
            }
        }
        for (int id : absent) {
            if (id < 0) {
                return null;
            }
        }
        return new CompiledQuery(query, present, absent);
    }

    /** The image's score when it is a hit (see {@link Ranking}), else -1. */
    double score(IndexedImage image) {
        if (query.source() != null && !query.source().equals(image.source())
                || query.modelVersion() != null && !query.modelVersion().equals(image.modelVersion())
                || query.facesMin() >= 0 && (image.faces().size() < query.facesMin()
                || image.faces().size() > query.facesMax())
                || !inTime(image.processedAt())) {
            return -1;
        }
        double best = query.hasFaceConditions() ? -1 : 0;
        for (IndexedFace face : image.faces()) {
            best = Math.max(best, faceScore(face));
        }
        return best < 0 ? -1 : Ranking.round(best);
    }

    private boolean inTime(long processedAt) {
        return (query.since() == null || processedAt >= query.since().toEpochMilli())
                && (query.until() == null || processedAt < query.until().toEpochMilli());
    }

    /** The face's score when it meets every face condition, else -1. */
    private double faceScore(IndexedFace face) {
        double weakest = 1;
        Double t = query.minProbability();
        for (int id : presentIds) {
            float p = face.probability(id);
            if (Float.isNaN(p) || (t == null ? !face.isPresent(id) : p < t)) {
                return -1;
            }
            weakest = Math.min(weakest, p);
        }
        for (int id : absentIds) {
            float p = face.probability(id);
            if (Float.isNaN(p) || (t == null ? face.isPresent(id) : p >= t)) {
                return -1;
            }
            weakest = Math.min(weakest, 1 - p);
        }
        return face.faceConfidence() * weakest;
    }
}
