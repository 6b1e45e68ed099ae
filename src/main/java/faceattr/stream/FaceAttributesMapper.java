package faceattr.stream;

import faceattr.avro.generated.Attribute;
import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.FaceBox;
import faceattr.avro.generated.ImageEvent;
import faceattr.data.Attributes;
import faceattr.model.Box;
import faceattr.model.DetectedFace;
import faceattr.model.TaggedImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The cascade's answer for one image as the public {@link FaceAttributes} record. */
public final class FaceAttributesMapper {
    private final Supplier<String> modelVersion;
    private final int maxFaces;

    public FaceAttributesMapper(String modelVersion, int maxFaces) {
        this(() -> modelVersion, maxFaces);
    }

    /**
     * @param modelVersion asked for each record, on the thread that tagged it: a tagger whose model is swapped while
     *                     the stream runs answers for the model that tagged that thread's latest batch
     */
    public FaceAttributesMapper(Supplier<String> modelVersion, int maxFaces) {
        this.modelVersion = modelVersion;
        this.maxFaces = maxFaces;
    }

    /**
     * @throws IllegalStateException when the tagger's answer is malformed (wrong number of attributes, empty image)
     */
    public FaceAttributes map(ImageEvent event, TaggedImage tagged, long processedAt, long latencyMs) {
        if (tagged == null || tagged.width() <= 0 || tagged.height() <= 0 || tagged.faces() == null) {
            throw new IllegalStateException("tagger returned no usable answer for image " + event.getId());
        }
        List<Face> faces = new ArrayList<>();
        for (DetectedFace face : tagged.faces()) {
            if (faces.size() == maxFaces) {
                break;
            }
            faces.add(face(face, tagged.width(), tagged.height()));
        }
        return FaceAttributes.newBuilder()
                .setImageId(event.getId())
                .setSource(event.getSource())
                .setModelVersion(modelVersion.get())
                .setProcessedAt(java.time.Instant.ofEpochMilli(processedAt))
                .setLatencyMs(latencyMs)
                .setImageWidth(tagged.width())
                .setImageHeight(tagged.height())
                .setFaces(faces)
                .setMetadata(event.getMetadata() == null ? Map.of() : event.getMetadata())
                .build();
    }

    private static Face face(DetectedFace face, int imageWidth, int imageHeight) {
        if (face.probabilities() == null || face.present() == null
                || face.probabilities().length != Attributes.COUNT || face.present().length != Attributes.COUNT) {
            throw new IllegalStateException("tagger returned a face without exactly " + Attributes.COUNT
                    + " attributes");
        }
        List<Attribute> attributes = new ArrayList<>(Attributes.COUNT);
        for (int i = 0; i < Attributes.COUNT; i++) {
            float p = face.probabilities()[i];
            if (!(p >= 0f && p <= 1f)) {
                throw new IllegalStateException("attribute " + Attributes.NAMES.get(i) + " has probability " + p);
            }
            attributes.add(new Attribute(Attributes.NAMES.get(i), p, face.present()[i]));
        }
        return Face.newBuilder()
                .setBox(box(face.box(), imageWidth, imageHeight))
                .setLocalizationScore((float) face.localizationScore())
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
