package faceattr.attributes;

import faceattr.data.SampleBatches;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the labelled photos of one attribute: a folder of photos that show it and a folder of photos that do not, or
 * a CSV of {@code file,label} rows. Mistakes (a missing folder, an empty one, a bad row, a file that is not there)
 * are {@link IOException}s or {@link IllegalArgumentException}s that name the problem.
 */
public final class LabelledPhotos {
    private LabelledPhotos() {
    }

    /** The image files (jpg, jpeg, png) of both folders, positives first, each folder in name order. */
    public static List<LabelledPhoto> fromFolders(Path positive, Path negative) throws IOException {
        List<LabelledPhoto> out = new ArrayList<>();
        for (Path p : images(positive, "--positive")) {
            out.add(new LabelledPhoto(p, true));
        }
        for (Path p : images(negative, "--negative")) {
            out.add(new LabelledPhoto(p, false));
        }
        return out;
    }

    /**
     * Rows {@code file,label}: the file relative to the CSV's folder (or absolute), the label 1/0, true/false,
     * yes/no, positive/negative or +1/-1. A first row {@code file,label} is a header; blank lines and lines starting
     * with {@code #} are skipped.
     */
    public static List<LabelledPhoto> fromCsv(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new IOException("--labels " + csv + ": no such file");
        }
        Path base = csv.toAbsolutePath().getParent();
        List<String> lines = Files.readAllLines(csv);
        List<LabelledPhoto> out = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")
                    || (n == 0 && line.toLowerCase(Locale.ROOT).replace(" ", "").equals("file,label"))) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            if (comma <= 0) {
                throw new IOException(csv + " line " + (n + 1) + ": expected file,label, got \"" + line + "\"");
            }
            Path file = base.resolve(line.substring(0, comma).strip());
            boolean positive = label(line.substring(comma + 1).strip(), csv, n + 1);
            if (!Files.isRegularFile(file)) {
                throw new IOException(csv + " line " + (n + 1) + ": no such file " + file);
            }
            out.add(new LabelledPhoto(file, positive));
        }
        return out;
    }

    /** @throws IllegalArgumentException unless there are photos of both labels */
    public static void requireBothLabels(List<LabelledPhoto> photos, String what) {
        long positives = photos.stream().filter(LabelledPhoto::positive).count();
        if (positives == 0 || positives == photos.size()) {
            throw new IllegalArgumentException(what + " has " + positives + " positive and "
                    + (photos.size() - positives) + " negative photos; both are needed");
        }
    }

    private static boolean label(String v, Path csv, int line) throws IOException {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "+1", "true", "yes", "positive" -> true;
            case "0", "-1", "false", "no", "negative" -> false;
            default -> throw new IOException(csv + " line " + line + ": label \"" + v
                    + "\" is none of 1/0, true/false, yes/no, positive/negative, +1/-1");
        };
    }

    private static List<Path> images(Path dir, String option) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(option + " " + dir + ": no such folder");
        }
        List<Path> files = SampleBatches.listImages(dir);
        if (files.isEmpty()) {
            throw new IOException(option + " " + dir + ": no images (jpg, jpeg, png) in the folder");
        }
        return files;
    }
}
