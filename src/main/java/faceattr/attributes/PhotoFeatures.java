package faceattr.attributes;

import faceattr.errors.RejectedInputException;
import faceattr.image.ImageDecoder;
import faceattr.image.ImageLimits;
import faceattr.model.Cascade;
import faceattr.report.ProgressBar;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundle's own features of labelled photos: each photo's dominant LNet window, its patch-averaged ANet features
 * (exactly what the built-in attribute SVMs were trained on) and whether the window passes the face threshold.
 * Photos that cannot be read are kept in {@link #skipped}.
 *
 * @param photos   the readable photos, in input order
 * @param features one row per photo (raw, not standardized)
 * @param isFace   whether the photo's dominant window passed the model's face threshold
 * @param skipped  photos left out, with the reason
 */
public record PhotoFeatures(List<LabelledPhoto> photos, float[][] features, boolean[] isFace, List<Skipped> skipped) {

    /** A photo left out and why ("no face found", "unreadable: ..."). */
    public record Skipped(Path file, String reason) {
    }

    public static final String NO_FACE = "no face found";

    public static PhotoFeatures extract(Cascade cascade, List<LabelledPhoto> photos, int batch, String label,
                                        PrintStream err) throws IOException {
        ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
        List<LabelledPhoto> kept = new ArrayList<>();
        List<float[]> features = new ArrayList<>();
        List<Boolean> faces = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        ProgressBar bar = new ProgressBar(err, label, photos.size());
        for (int from = 0; from < photos.size(); from += batch) {
            List<LabelledPhoto> chunk = photos.subList(from, Math.min(photos.size(), from + batch));
            List<LabelledPhoto> decodedPhotos = new ArrayList<>();
            List<BufferedImage> images = new ArrayList<>();
            for (LabelledPhoto p : chunk) {
                try {
                    images.add(decoder.decode(Files.readAllBytes(p.file())));
                    decodedPhotos.add(p);
                } catch (RejectedInputException e) {
                    skipped.add(new Skipped(p.file(), "unreadable: " + e.reason() + ": " + e.getMessage()));
                } catch (IOException e) {
                    skipped.add(new Skipped(p.file(), "unreadable: " + e.getMessage()));
                }
            }
            if (!images.isEmpty()) {
                List<Cascade.Window> windows = cascade.dominantWindows(images);
                for (int i = 0; i < windows.size(); i++) {
                    kept.add(decodedPhotos.get(i));
                    features.add(windows.get(i).features());
                    faces.add(cascade.isFace(windows.get(i)));
                }
            }
            bar.update(from + chunk.size(), "");
        }
        boolean[] isFace = new boolean[faces.size()];
        for (int i = 0; i < isFace.length; i++) {
            isFace[i] = faces.get(i);
        }
        return new PhotoFeatures(List.copyOf(kept), features.toArray(new float[0][]), isFace, List.copyOf(skipped));
    }

    /** Only the photos where a face was found; the others move to {@link #skipped} as "no face found". */
    public PhotoFeatures facesOnly() {
        List<LabelledPhoto> kept = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        List<Skipped> left = new ArrayList<>(skipped);
        for (int i = 0; i < photos.size(); i++) {
            if (isFace[i]) {
                kept.add(photos.get(i));
                rows.add(features[i]);
            } else {
                left.add(new Skipped(photos.get(i).file(), NO_FACE));
            }
        }
        boolean[] all = new boolean[kept.size()];
        java.util.Arrays.fill(all, true);
        return new PhotoFeatures(List.copyOf(kept), rows.toArray(new float[0][]), all, List.copyOf(left));
    }

    public boolean[] labels() {
        boolean[] y = new boolean[photos.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = photos.get(i).positive();
        }
        return y;
    }

    public int positives() {
        return (int) photos.stream().filter(LabelledPhoto::positive).count();
    }

    public int negatives() {
        return photos.size() - positives();
    }
}
