package faceattr.result;

import faceattr.avro.generated.Attribute;
import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.FaceBox;
import faceattr.avro.generated.ImageEvent;
import faceattr.geometry.Box;
import faceattr.model.DetectedFace;
import faceattr.model.FaceTagger;
import faceattr.model.TaggedImage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The cascade's answer for one image as the result record, {@link FaceAttributes}: the one place a
 * {@link TaggedImage} becomes a result. The stream publishes what it builds; {@code tag} prints it with
 * {@link ResultFormat}. Boxes are clipped to the image and rounded to whole pixels; a face's
 * {@link DetectedFace#faceConfidence()} is the record's {@code localizationScore}.
 */
public final class FaceAttributesMapper {
    private final Supplier<String> modelVersion;
    private final Supplier<List<String>> attributeNames;
    private final int maxFaces;

    /**
     * @param modelVersion   asked for each record, on the thread that tagged it: a tagger whose model is swapped while
     *                       the stream runs answers for the model that tagged that thread's latest batch
     * @param attributeNames asked likewise: the names of that model's attributes, in the order of each face's
     *                       probabilities (a swapped-in bundle may have added attributes)
     * @param maxFaces       the most faces a record carries (the strongest ones)
     */
    public FaceAttributesMapper(Supplier<String> modelVersion, Supplier<List<String>> attributeNames, int maxFaces) {
        this.modelVersion = modelVersion;
        this.attributeNames = attributeNames;
        this.maxFaces = maxFaces;
    }

    /** A mapper for the tagger's model: its version and attribute names, asked for each record. */
    public static FaceAttributesMapper of(FaceTagger tagger, int maxFaces) {
        return new FaceAttributesMapper(tagger::modelVersion, tagger::attributeNames, maxFaces);
    }

    /** A mapper for the tagger's model that keeps every face found. */
    public static FaceAttributesMapper of(FaceTagger tagger) {
        return of(tagger, Integer.MAX_VALUE);
    }

    /**
     * The record answering an image event: its id, source and metadata passed through.
     *
     * @throws IllegalStateException when the tagger's answer is malformed (not one value per attribute name, empty
     *                               image)
     */
    public FaceAttributes map(ImageEvent event, TaggedImage tagged, long processedAt, long latencyMs) {
        return map(event.getId(), event.getSource(), event.getMetadata(), tagged, processedAt, latencyMs);
    }

    /**
     * The record for an image known by {@code imageId}.
     *
     * @param source      where the image came from, or null
     * @param metadata    passed through; null reads as empty
     * @param processedAt epoch milliseconds when the answer was ready
     * @param latencyMs   milliseconds from the image's arrival to {@code processedAt}
     * @throws IllegalStateException when the tagger's answer is malformed (not one value per attribute name, empty
     *                               image)
     */
    public FaceAttributes map(String imageId, String source, Map<String, String> metadata, TaggedImage tagged,
                              long processedAt, long latencyMs) {
        if (tagged == null || tagged.width() <= 0 || tagged.height() <= 0 || tagged.faces() == null) {
            throw new IllegalStateException("tagger returned no usable answer for image " + imageId);
        }
        List<String> names = attributeNames.get();
        List<Face> faces = new ArrayList<>();
        for (DetectedFace face : tagged.faces()) {
            if (faces.size() == maxFaces) {
                break;
            }
            faces.add(face(face, names, tagged.width(), tagged.height()));
        }
        return FaceAttributes.newBuilder()
                .setImageId(imageId)
                .setSource(source)
                .setModelVersion(modelVersion.get())
                .setProcessedAt(Instant.ofEpochMilli(processedAt))
                .setLatencyMs(latencyMs)
                .setImageWidth(tagged.width())
                .setImageHeight(tagged.height())
                .setFaces(faces)
                .setMetadata(metadata == null ? Map.of() : metadata)
                .build();
    }

    private static Face face(DetectedFace face, List<String> attributeNames, int imageWidth, int imageHeight) {
        int k = attributeNames.size();
        if (face.probabilities() == null || face.present() == null
                || face.probabilities().length != k || face.present().length != k) {
            throw new IllegalStateException("tagger returned a face without exactly " + k
                    + " attributes (the model's " + k + " names)");
        }
        List<Attribute> attributes = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            float p = face.probabilities()[i];
            if (!(p >= 0f && p <= 1f)) {
                throw new IllegalStateException("attribute " + attributeNames.get(i) + " has probability " + p);
            }
            attributes.add(new Attribute(attributeNames.get(i), p, face.present()[i]));
        }
        return Face.newBuilder()
                .setBox(box(face.box(), imageWidth, imageHeight))
                .setLocalizationScore((float) face.faceConfidence())
                .setAttributes(attributes)
                .build();
    }

    static FaceBox box(Box box, int imageWidth, int imageHeight) {
        Box b = box.clip(imageWidth, imageHeight);
        int x = (int) Math.round(b.x());
        int y = (int) Math.round(b.y());
        int w = (int) Math.min(Math.round(b.width()), imageWidth - x);
        int h = (int) Math.min(Math.round(b.height()), imageHeight - y);
        return FaceBox.newBuilder()
                .setX(x).setY(y).setWidth(w).setHeight(h)
                .setLeft((float) x / imageWidth)
                .setTop((float) y / imageHeight)
                .setRelWidth((float) w / imageWidth)
                .setRelHeight((float) h / imageHeight)
                .build();
    }
}
