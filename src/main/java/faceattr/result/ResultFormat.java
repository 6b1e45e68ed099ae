package faceattr.result;

import faceattr.avro.generated.Attribute;
import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.FaceBox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a result reads: one {@link FaceAttributes} record as a line for people and as JSON for programs. {@code tag},
 * {@code consume} and the demo print results only through here.
 *
 * <p>The line: {@code OK   <imageId> <width>x<height> faces=<n> latency=<ms>ms}, then for each face
 * {@code  box=[<x>,<y> <width>x<height>] score=<localizationScore> {<Name>:<probability> ...}}: its present
 * attributes, most probable first, at most {@value #MAX_ATTRIBUTES_SHOWN}; two decimals. A failure reads
 * {@code FAIL <imageId> <REASON> <message>} in the same columns.
 *
 * <p>The JSON: one object whose keys are the record's fields in the order of {@code schemas/FaceAttributes.avsc} at
 * every level: {@code imageId, source, modelVersion, processedAt, latencyMs, imageWidth, imageHeight, faces,
 * metadata}; each face {@code box, localizationScore, attributes}; each box
 * {@code x, y, width, height, left, top, relWidth, relHeight}; each attribute {@code name, probability, present}.
 * {@code processedAt} is an ISO-8601 UTC time, floats are their shortest decimal ({@link Float#toString}),
 * {@code metadata}'s keys are sorted, a missing {@code source} is {@code null}. This is Avro's own JSON rendering of
 * the record (what {@code toString()} prints) with a stable metadata order. A failure is
 * {@code {"imageId": .., "error": {"reason": .., "message": ..}}}.
 */
public final class ResultFormat {
    /** Present attributes shown per face on a line; the JSON has them all. */
    public static final int MAX_ATTRIBUTES_SHOWN = 6;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResultFormat() {
    }

    /** The result as one line. */
    public static String line(FaceAttributes r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "OK   %-22s %dx%d faces=%d latency=%dms", r.getImageId(),
                r.getImageWidth(), r.getImageHeight(), r.getFaces().size(), r.getLatencyMs()));
        for (Face f : r.getFaces()) {
            FaceBox b = f.getBox();
            sb.append(String.format(Locale.ROOT, " box=[%d,%d %dx%d] score=%.2f ", b.getX(), b.getY(), b.getWidth(),
                    b.getHeight(), f.getLocalizationScore()));
            StringBuilder attributes = new StringBuilder("{");
            for (Attribute a : presentByProbability(f, MAX_ATTRIBUTES_SHOWN)) {
                if (attributes.length() > 1) {
                    attributes.append(' ');
                }
                attributes.append(String.format(Locale.ROOT, "%s:%.2f", a.getName(), a.getProbability()));
            }
            sb.append(attributes).append('}');
        }
        return sb.toString();
    }

    /** An image that has no result, as one line in the columns of {@link #line}. */
    public static String failureLine(String imageId, String reason, String message) {
        return String.format(Locale.ROOT, "FAIL %-22s %-18s %s", imageId, reason, message);
    }

    /** The result as JSON, keys in the schema's order (see the class comment). */
    public static ObjectNode json(FaceAttributes r) {
        return record(r);
    }

    /** An image that has no result, as JSON: {@code {"imageId": .., "error": {"reason": .., "message": ..}}}. */
    public static ObjectNode failureJson(String imageId, String reason, String message) {
        ObjectNode error = NODES.objectNode();
        error.put("reason", reason);
        error.put("message", message);
        ObjectNode o = NODES.objectNode();
        o.put("imageId", imageId);
        o.set("error", error);
        return o;
    }

    /**
     * A face's present attributes, most probable first (ties in the record's order), at most {@code limit}: what a
     * line, or a label drawn on the image, shows of a face.
     */
    public static List<Attribute> presentByProbability(Face face, int limit) {
        List<Attribute> present = new ArrayList<>();
        for (Attribute a : face.getAttributes()) {
            if (a.getPresent()) {
                present.add(a);
            }
        }
        present.sort(Comparator.comparingDouble((Attribute a) -> a.getProbability()).reversed());
        return present.subList(0, Math.min(limit, present.size()));
    }

    private static ObjectNode record(IndexedRecord r) {
        ObjectNode o = NODES.objectNode();
        for (Schema.Field f : r.getSchema().getFields()) {
            o.set(f.name(), value(r.get(f.pos())));
        }
        return o;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof IndexedRecord r) {
            return record(r);
        }
        if (v instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode(list.size());
            list.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, x) -> sorted.put(k.toString(), x));
            ObjectNode o = NODES.objectNode();
            sorted.forEach((k, x) -> o.set(k, value(x)));
            return o;
        }
        if (v instanceof CharSequence || v instanceof Instant) {
            return NODES.textNode(v.toString());
        }
        if (v instanceof Float x) {
            return NODES.numberNode(x);
        }
        if (v instanceof Double x) {
            return NODES.numberNode(x);
        }
        if (v instanceof Integer x) {
            return NODES.numberNode(x);
        }
        if (v instanceof Long x) {
            return NODES.numberNode(x);
        }
        if (v instanceof Boolean x) {
            return NODES.booleanNode(x);
        }
        throw new IllegalArgumentException("no JSON form for a " + v.getClass().getName() + " in a result record");
    }
}
