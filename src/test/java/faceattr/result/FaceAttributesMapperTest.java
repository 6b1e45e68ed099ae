package faceattr.result;

import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.FaceBox;
import faceattr.avro.generated.ImageEvent;
import faceattr.geometry.Box;
import faceattr.model.DetectedFace;
import faceattr.model.TaggedImage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceAttributesMapperTest {
    private static final List<String> NAMES = List.of("Smiling", "Male", "Young");

    private static DetectedFace face(Box box, double confidence, float... probabilities) {
        boolean[] present = new boolean[probabilities.length];
        for (int i = 0; i < present.length; i++) {
            present[i] = probabilities[i] >= 0.5f;
        }
        return new DetectedFace(box, confidence, probabilities, present);
    }

    private static FaceAttributesMapper mapper(int maxFaces) {
        return new FaceAttributesMapper(() -> "v7", () -> NAMES, maxFaces);
    }

    @Test
    void anImageEventsIdSourceAndMetadataPassThroughAndTheFaceIsTheRecordsFace() {
        ImageEvent event = ImageEvent.newBuilder().setId("img-1").setSource("cam").setMetadata(Map.of("k", "v"))
                .build();
        TaggedImage tagged = new TaggedImage(200, 100, List.of(face(new Box(10.4, 20.6, 50, 40), 0.875, 0.9f, 0.2f,
                0.5f)));
        FaceAttributes r = mapper(5).map(event, tagged, 1_700_000_000_000L, 42);

        assertEquals("img-1", r.getImageId());
        assertEquals("cam", r.getSource());
        assertEquals(Map.of("k", "v"), r.getMetadata());
        assertEquals("v7", r.getModelVersion());
        assertEquals(1_700_000_000_000L, r.getProcessedAt().toEpochMilli());
        assertEquals(42, r.getLatencyMs());
        assertEquals(200, r.getImageWidth());
        assertEquals(100, r.getImageHeight());
        assertEquals(0.875f, r.getFaces().get(0).getLocalizationScore(), "the face confidence, as localizationScore");
        FaceBox b = r.getFaces().get(0).getBox();
        assertEquals(List.of(10, 21, 50, 40), List.of(b.getX(), b.getY(), b.getWidth(), b.getHeight()));
        assertEquals(0.05f, b.getLeft());
        assertEquals(0.25f, b.getRelWidth());
        var attributes = r.getFaces().get(0).getAttributes();
        assertEquals(NAMES, attributes.stream().map(a -> a.getName()).toList());
        assertEquals(List.of(0.9f, 0.2f, 0.5f), attributes.stream().map(a -> a.getProbability()).toList());
        assertEquals(List.of(true, false, true), attributes.stream().map(a -> a.getPresent()).toList());
    }

    @Test
    void boxesAreClippedToTheImageAndFacesCappedStrongestFirst() {
        TaggedImage tagged = new TaggedImage(100, 80, List.of(
                face(new Box(-10, 60, 50, 40), 0.9, 0.1f, 0.2f, 0.3f),
                face(new Box(70, 0, 20, 20), 0.8, 0.1f, 0.2f, 0.3f),
                face(new Box(0, 0, 10, 10), 0.7, 0.1f, 0.2f, 0.3f)));
        FaceAttributes r = mapper(2).map("a.png", null, null, tagged, 0, 0);

        assertNull(r.getSource());
        assertEquals(Map.of(), r.getMetadata());
        assertEquals(2, r.getFaces().size());
        FaceBox b = r.getFaces().get(0).getBox();
        assertEquals(List.of(0, 60, 40, 20), List.of(b.getX(), b.getY(), b.getWidth(), b.getHeight()));
        assertEquals(0.8f, r.getFaces().get(1).getLocalizationScore());
    }

    @Test
    void aMalformedAnswerIsAnIllegalStateNotARecord() {
        FaceAttributesMapper m = mapper(5);
        assertThrows(IllegalStateException.class, () -> m.map("x", null, null, null, 0, 0));
        assertThrows(IllegalStateException.class, () -> m.map("x", null, null, new TaggedImage(0, 10, List.of()),
                0, 0));
        IllegalStateException tooFew = assertThrows(IllegalStateException.class, () -> m.map("x", null, null,
                new TaggedImage(10, 10, List.of(face(new Box(0, 0, 5, 5), 0.9, 0.1f, 0.2f))), 0, 0));
        assertTrue(tooFew.getMessage().contains("3 attributes"), tooFew.getMessage());
        IllegalStateException nan = assertThrows(IllegalStateException.class, () -> m.map("x", null, null,
                new TaggedImage(10, 10, List.of(face(new Box(0, 0, 5, 5), 0.9, 0.1f, Float.NaN, 0.3f))), 0, 0));
        assertTrue(nan.getMessage().contains("Male"), nan.getMessage());
    }
}
