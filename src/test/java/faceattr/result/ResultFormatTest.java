package faceattr.result;

import faceattr.avro.generated.Attribute;
import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.FaceBox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResultFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Face face(int x, float score, Object... nameProbabilityPresent) {
        List<Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < nameProbabilityPresent.length; i += 3) {
            attributes.add(new Attribute((String) nameProbabilityPresent[i], (Float) nameProbabilityPresent[i + 1],
                    (Boolean) nameProbabilityPresent[i + 2]));
        }
        return Face.newBuilder()
                .setBox(FaceBox.newBuilder().setX(x).setY(17).setWidth(87).setHeight(109).setLeft(x / 344f)
                        .setTop(17 / 270f).setRelWidth(87 / 344f).setRelHeight(109 / 270f).build())
                .setLocalizationScore(score)
                .setAttributes(attributes)
                .build();
    }

    static FaceAttributes record(Map<String, String> metadata, Face... faces) {
        return FaceAttributes.newBuilder().setImageId("demo-0003").setSource(null).setModelVersion("compact-1")
                .setProcessedAt(Instant.ofEpochMilli(1_700_000_000_123L)).setLatencyMs(2750).setImageWidth(344)
                .setImageHeight(270).setFaces(List.of(faces)).setMetadata(metadata).build();
    }

    @Test
    void aLineShowsEachFaceWithItsMostProbablePresentAttributes() {
        Face one = face(153, 0.912f, "Young", 0.99f, true, "Bald", 0.7f, false, "Man", 1f, true, "Male", 0.996f,
                true, "A", 0.6f, true, "B", 0.6f, true, "C", 0.55f, true, "D", 0.51f, true);
        assertEquals("OK   demo-0003              344x270 faces=1 latency=2750ms box=[153,17 87x109] score=0.91 "
                + "{Man:1.00 Male:1.00 Young:0.99 A:0.60 B:0.60 C:0.55}", ResultFormat.line(record(Map.of(), one)));

        Face two = face(20, 0.6f, "Smiling", 0.8f, true);
        assertEquals("OK   demo-0003              344x270 faces=2 latency=2750ms box=[153,17 87x109] score=0.91 "
                        + "{Man:1.00 Male:1.00 Young:0.99 A:0.60 B:0.60 C:0.55} box=[20,17 87x109] score=0.60 "
                        + "{Smiling:0.80}",
                ResultFormat.line(record(Map.of(), one, two)));
        assertEquals("OK   demo-0003              344x270 faces=0 latency=2750ms",
                ResultFormat.line(record(Map.of())));
        assertEquals("FAIL b.jpg                  UNSUPPORTED_FORMAT not an image",
                ResultFormat.failureLine("b.jpg", "UNSUPPORTED_FORMAT", "not an image"));
    }

    @Test
    void jsonKeysFollowTheSchemaAtEveryLevel() {
        FaceAttributes r = record(Map.of("k", "v"), face(153, 0.9f, "Smiling", 0.8f, true));
        JsonNode json = ResultFormat.json(r);
        assertEquals(List.of("imageId", "source", "modelVersion", "processedAt", "latencyMs", "imageWidth",
                "imageHeight", "faces", "metadata"), keys(json));
        assertEquals(fieldNames(FaceAttributes.getClassSchema()), keys(json));
        JsonNode face = json.get("faces").get(0);
        assertEquals(List.of("box", "localizationScore", "attributes"), keys(face));
        assertEquals(List.of("x", "y", "width", "height", "left", "top", "relWidth", "relHeight"),
                keys(face.get("box")));
        assertEquals(List.of("name", "probability", "present"), keys(face.get("attributes").get(0)));
        assertEquals(fieldNames(Attribute.getClassSchema()), keys(face.get("attributes").get(0)));
    }

    @Test
    void jsonIsAvrosOwnRenderingWithMetadataSorted() throws Exception {
        Map<String, String> metadata = new HashMap<>();
        for (String k : List.of("zeta", "alpha", "mid", "Beta", "10", "2")) {
            metadata.put(k, k.toUpperCase());
        }
        FaceAttributes r = record(metadata, face(153, 0.912345f, "Smiling", 1 / 3f, false),
                face(0, 0.5f, "Smiling", 0.75f, true));
        JsonNode json = ResultFormat.json(r);
        String text = JSON.writeValueAsString(json);
        assertEquals(JSON.readTree(r.toString()), JSON.readTree(text), "the same values as Avro's toString");
        assertEquals(List.of("10", "2", "Beta", "alpha", "mid", "zeta"), keys(json.get("metadata")));
        assertEquals(true, text.startsWith("{\"imageId\":\"demo-0003\",\"source\":null,\"modelVersion\":\"compact-1\","
                + "\"processedAt\":\"2023-11-14T22:13:20.123Z\",\"latencyMs\":2750,"), text);
        assertEquals(true, text.contains("\"localizationScore\":0.912345,"), text);
        assertEquals(true, text.contains("{\"name\":\"Smiling\",\"probability\":0.33333334,\"present\":false}"), text);
    }

    @Test
    void aFailureIsItsImageIdAndAnError() {
        JsonNode json = ResultFormat.failureJson("b.jpg", "CORRUPT_IMAGE", "truncated");
        assertEquals(List.of("imageId", "error"), keys(json));
        assertEquals(List.of("reason", "message"), keys(json.get("error")));
        assertEquals("CORRUPT_IMAGE", json.get("error").get("reason").asText());
    }

    @Test
    void presentAttributesAreRankedByProbabilityTiesInRecordOrder() {
        Face f = face(0, 0.9f, "A", 0.6f, true, "B", 0.9f, true, "C", 0.6f, true, "D", 0.95f, false);
        assertEquals(List.of("B", "A", "C"),
                ResultFormat.presentByProbability(f, 8).stream().map(Attribute::getName).toList());
        assertEquals(List.of("B"), ResultFormat.presentByProbability(f, 1).stream().map(Attribute::getName).toList());
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> fieldNames(Schema schema) {
        return schema.getFields().stream().map(Schema.Field::name).toList();
    }
}
