package faceattr.attributes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link PhotoFeatures} on disk, so a measurement that reuses the same photos (the learning curve) runs the networks
 * once. A cache holds the model version and the photo files it was made for; it is used only when both match.
 */
final class FeatureCache {
    private static final String MAGIC = "faceattr-photo-features-2";

    private FeatureCache() {
    }

    static Optional<PhotoFeatures> read(Path file, String modelVersion, List<LabelledPhoto> photos) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF()) || !modelVersion.equals(in.readUTF()) || in.readInt() != photos.size()) {
                return Optional.empty();
            }
            List<LabelledPhoto> kept = new ArrayList<>();
            List<float[]> rows = new ArrayList<>();
            List<Boolean> faces = new ArrayList<>();
            List<PhotoFeatures.Skipped> skipped = new ArrayList<>();
            int next = 0;
            for (int i = 0; i < photos.size(); i++) {
                String file0 = in.readUTF();
                boolean ok = in.readBoolean();
                LabelledPhoto p = photos.get(next++);
                if (!p.file().toString().equals(file0)) {
                    return Optional.empty();
                }
                if (ok) {
                    kept.add(p);
                    faces.add(in.readBoolean());
                    float[] row = new float[in.readInt()];
                    for (int d = 0; d < row.length; d++) {
                        row[d] = in.readFloat();
                    }
                    rows.add(row);
                } else {
                    skipped.add(new PhotoFeatures.Skipped(p.file(), in.readUTF()));
                }
            }
            boolean[] isFace = new boolean[faces.size()];
            for (int i = 0; i < isFace.length; i++) {
                isFace[i] = faces.get(i);
            }
            return Optional.of(new PhotoFeatures(kept, rows.toArray(new float[0][]), isFace, skipped));
        }
    }

    /** @param photos the photos the features were extracted from, in that order */
    static void write(Path file, String modelVersion, List<LabelledPhoto> photos, PhotoFeatures f) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeUTF(MAGIC);
            out.writeUTF(modelVersion);
            out.writeInt(photos.size());
            int k = 0;
            int s = 0;
            for (LabelledPhoto p : photos) {
                out.writeUTF(p.file().toString());
                boolean ok = k < f.photos().size() && f.photos().get(k).file().equals(p.file());
                out.writeBoolean(ok);
                if (ok) {
                    out.writeBoolean(f.isFace()[k]);
                    float[] row = f.features()[k++];
                    out.writeInt(row.length);
                    for (float v : row) {
                        out.writeFloat(v);
                    }
                } else {
                    out.writeUTF(f.skipped().get(s++).reason());
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
