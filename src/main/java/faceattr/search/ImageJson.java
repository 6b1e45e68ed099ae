package faceattr.search;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An indexed image as JSON (field names as in the Avro {@code FaceAttributes} record; {@code processedAt} as an
 * ISO-8601 time). Floats are written as their shortest decimal ({@link BigDecimal}), so an answer relayed by another
 * instance reads back to exactly the same text.
 */
public final class ImageJson {
    private ImageJson() {
    }

    /** The hit shape of {@code /search}: the record without latency and metadata, plus its score. */
    public static Map<String, Object> hit(IndexedImage image, double score, AttributeDictionary dictionary) {
        Map<String, Object> m = common(image, dictionary);
        m.put("score", BigDecimal.valueOf(score));
        return m;
    }

    /** The whole indexed record, for {@code /images/{id}}. */
    public static Map<String, Object> record(IndexedImage image, AttributeDictionary dictionary) {
        Map<String, Object> m = common(image, dictionary);
        m.put("latencyMs", image.latencyMs());
        m.put("metadata", image.metadata());
        return m;
    }

    private static Map<String, Object> common(IndexedImage image, AttributeDictionary dictionary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("imageId", image.imageId());
        m.put("source", image.source());
        m.put("modelVersion", image.modelVersion());
        m.put("processedAt", Instant.ofEpochMilli(image.processedAt()).toString());
        m.put("imageWidth", image.imageWidth());
        m.put("imageHeight", image.imageHeight());
        List<Object> faces = new ArrayList<>();
        for (IndexedFace f : image.faces()) {
            faces.add(face(f, dictionary));
        }
        m.put("faces", faces);
        return m;
    }

    private static Map<String, Object> face(IndexedFace f, AttributeDictionary dictionary) {
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("x", f.x());
        box.put("y", f.y());
        box.put("width", f.width());
        box.put("height", f.height());
        box.put("left", decimal(f.left()));
        box.put("top", decimal(f.top()));
        box.put("relWidth", decimal(f.relWidth()));
        box.put("relHeight", decimal(f.relHeight()));
        List<Object> attributes = new ArrayList<>();
        for (int id = 0; id < f.probabilities().length; id++) {
            if (f.has(id)) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("name", dictionary.name(id));
                a.put("probability", decimal(f.probability(id)));
                a.put("present", f.isPresent(id));
                attributes.add(a);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("box", box);
        m.put("localizationScore", decimal(f.faceConfidence()));
        m.put("attributes", attributes);
        return m;
    }

    static BigDecimal decimal(float f) {
        return new BigDecimal(Float.toString(f));
    }
}
