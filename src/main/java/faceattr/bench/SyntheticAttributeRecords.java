package faceattr.bench;

import faceattr.avro.generated.Attribute;
import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.FaceBox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Attribute records made up directly, without images or a model (for the search benchmark and tests): deterministic
 * per seed and index; 0–3 faces (mostly one), each attribute's probability drawn per face with an attribute-specific
 * base rate, the decision at 0.5; three sources, two model versions, one second apart.
 */
public final class SyntheticAttributeRecords {
    public static final long START_MILLIS = 1_780_000_000_000L;
    public static final List<String> SOURCES = List.of("camera-a", "camera-b", "phone");
    public static final List<String> MODEL_VERSIONS = List.of("model-1", "model-2");

    private final List<String> attributes;
    private final long seed;

    public SyntheticAttributeRecords(List<String> attributes, long seed) {
        this.attributes = List.copyOf(attributes);
        this.seed = seed;
    }

    public static String id(int i) {
        return String.format(java.util.Locale.ROOT, "img-%06d", i);
    }

    /** Record {@code i} (version {@code version}: a later version of the same image id differs). */
    public FaceAttributes record(int i, int version) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i * 31L + version);
        int roll = r.nextInt(20);
        int faces = roll < 2 ? 0 : roll < 16 ? 1 : roll < 19 ? 2 : 3;
        int width = 320 + 16 * r.nextInt(20);
        int height = 240 + 16 * r.nextInt(20);
        List<Face> list = new ArrayList<>(faces);
        for (int f = 0; f < faces; f++) {
            int w = 40 + r.nextInt(60);
            int h = w + r.nextInt(20);
            int x = r.nextInt(width - w);
            int y = r.nextInt(height - h);
            FaceBox box = new FaceBox(x, y, w, h, (float) x / width, (float) y / height, (float) w / width,
                    (float) h / height);
            List<Attribute> attrs = new ArrayList<>(attributes.size());
            for (int a = 0; a < attributes.size(); a++) {
                double base = 0.1 + 0.8 * ((a * 7919) % 97) / 96.0;
                float p = (float) Math.min(1, Math.max(0, base + (r.nextDouble() - 0.5) * 0.9));
                attrs.add(new Attribute(attributes.get(a), p, p >= 0.5f));
            }
            list.add(new Face(box, (float) (0.5 + 0.5 * r.nextDouble()), attrs));
        }
        return FaceAttributes.newBuilder()
                .setImageId(id(i))
                .setSource(SOURCES.get(i % SOURCES.size()))
                .setModelVersion(MODEL_VERSIONS.get((i / 7 + version) % MODEL_VERSIONS.size()))
                .setProcessedAt(Instant.ofEpochMilli(START_MILLIS + i * 1000L + version))
                .setLatencyMs(100 + r.nextInt(900))
                .setImageWidth(width)
                .setImageHeight(height)
                .setFaces(list)
                .setMetadata(Map.of("seq", Integer.toString(i)))
                .build();
    }
}
