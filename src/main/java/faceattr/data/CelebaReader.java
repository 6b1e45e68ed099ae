package faceattr.data;

import faceattr.geometry.Box;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the official CelebA annotation files. Each file is looked up in the root folder and in the release's
 * sub-folders ({@code Anno/}, {@code Eval/}); images in {@code <root>/<variant folder>} or
 * {@code <root>/Img/<variant folder>}. The attribute and partition files are required; box, landmark and identity
 * files are used when present and must then cover every annotated image.
 */
public final class CelebaReader {
    private static final List<String> BBOX_NAMES = List.of(CelebaFormat.BBOX_HEADER.split(" "));
    /** Share of LFW images that the paper uses to train the SVMs (6,263 of 13,233); the rest is the test set. */
    private static final double LFWA_TRAIN_SHARE = 6263.0 / 13233.0;

    private CelebaReader() {
    }

    /** Opens a CelebA-layout folder (the synthetic set, or the real release after unpacking). */
    public static CelebaDataset read(Path root, ImageVariant variant) throws IOException {
        Path attrFile = locate(root, CelebaFormat.ATTR_FILE);
        Map<String, boolean[]> attrs = readAttributes(attrFile);
        Map<String, Integer> partition = readPairs(locate(root, CelebaFormat.PARTITION_FILE), "partition", true);
        Path identityFile = find(root, CelebaFormat.IDENTITY_FILE);
        Map<String, Integer> identity = identityFile == null ? null : readPairs(identityFile, "identity", false);
        Path bboxFile = find(root, CelebaFormat.BBOX_FILE);
        Map<String, Box> boxes = bboxFile == null ? null : readBoxes(bboxFile);
        String landmarkName = variant == ImageVariant.ALIGNED
                ? CelebaFormat.LANDMARKS_ALIGN_FILE : CelebaFormat.LANDMARKS_FILE;
        Path landmarkFile = find(root, landmarkName);
        Map<String, int[]> landmarks = landmarkFile == null ? null : readLandmarks(landmarkFile);

        Path images = imageFolder(root, variant.folder());
        List<CelebaSample> samples = new ArrayList<>(attrs.size());
        for (Map.Entry<String, boolean[]> e : attrs.entrySet()) {
            String id = e.getKey();
            Integer part = require(partition, id, root, CelebaFormat.PARTITION_FILE, attrFile);
            Integer person = identity == null ? Integer.valueOf(-1) : require(identity, id, root,
                    CelebaFormat.IDENTITY_FILE, attrFile);
            Box box = boxes == null ? null : require(boxes, id, root, CelebaFormat.BBOX_FILE, attrFile);
            int[] marks = landmarks == null ? null : require(landmarks, id, root, landmarkName, attrFile);
            samples.add(new CelebaSample(id, images.resolve(id), e.getValue(), person, Split.ofCode(part), box,
                    marks));
        }
        return new CelebaDataset(root, variant, samples);
    }

    /**
     * Opens an LFWA folder (best effort; the release's file names are not verified): an attribute file in CelebA's
     * format named {@code list_attr_lfw*.txt} (root or {@code Anno/}), images under {@code lfw/} (or the root) at the
     * paths its rows name. A {@code list_eval_partition.txt} is used if present; otherwise people are split
     * identity-disjoint, in name order, into train (the paper's 6,263-of-13,233 share) and test. Identities come from
     * the LFW person name ({@code First_Last_0001.jpg} or {@code First_Last/First_Last_0001.jpg}).
     */
    public static CelebaDataset readLfwa(Path root) throws IOException {
        Path attrFile = findLfwaAttributes(root);
        Map<String, boolean[]> attrs = readAttributes(attrFile);
        Path partitionFile = find(root, CelebaFormat.PARTITION_FILE);
        Map<String, Integer> partition = partitionFile == null ? null : readPairs(partitionFile, "partition", true);
        Path images = Files.isDirectory(root.resolve("lfw")) ? root.resolve("lfw") : root;

        TreeMap<String, Integer> imagesPerPerson = new TreeMap<>();
        for (String id : attrs.keySet()) {
            imagesPerPerson.merge(lfwPerson(id), 1, Integer::sum);
        }
        Map<String, Integer> personId = new HashMap<>();
        Map<String, Split> personSplit = new HashMap<>();
        int seen = 0;
        for (Map.Entry<String, Integer> p : imagesPerPerson.entrySet()) {
            personId.put(p.getKey(), personId.size() + 1);
            personSplit.put(p.getKey(), seen < LFWA_TRAIN_SHARE * attrs.size() ? Split.TRAIN : Split.TEST);
            seen += p.getValue();
        }
        List<CelebaSample> samples = new ArrayList<>(attrs.size());
        for (Map.Entry<String, boolean[]> e : attrs.entrySet()) {
            String id = e.getKey();
            String person = lfwPerson(id);
            Split split = partition == null ? personSplit.get(person)
                    : Split.ofCode(require(partition, id, root, CelebaFormat.PARTITION_FILE, attrFile));
            samples.add(new CelebaSample(id, images.resolve(id), e.getValue(), personId.get(person), split, null,
                    null));
        }
        return new CelebaDataset(root, ImageVariant.IN_THE_WILD, samples);
    }

    static String lfwPerson(String imageId) {
        String name = imageId.substring(imageId.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        int underscore = stem.lastIndexOf('_');
        return underscore > 0 && stem.substring(underscore + 1).chars().allMatch(Character::isDigit)
                ? stem.substring(0, underscore) : stem;
    }

    static Map<String, boolean[]> readAttributes(Path file) throws IOException {
        AnnotationFile f = AnnotationFile.read(file);
        f.checkCount(2);
        f.checkHeader(2, Attributes.NAMES, "attribute");
        Map<String, boolean[]> out = new LinkedHashMap<>();
        for (int n = 3; n <= f.lineCount(); n++) {
            String[] t = f.row(n, Attributes.COUNT + 1);
            boolean[] tags = new boolean[Attributes.COUNT];
            for (int i = 0; i < tags.length; i++) {
                int v = f.parseInt(t[i + 1], n, Attributes.NAMES.get(i) + " value");
                if (v != 1 && v != -1) {
                    throw f.error(n, Attributes.NAMES.get(i) + " value " + v + " is neither 1 nor -1");
                }
                tags[i] = v == 1;
            }
            putUnique(f, n, out, t[0], tags);
        }
        return out;
    }

    static Map<String, Box> readBoxes(Path file) throws IOException {
        AnnotationFile f = AnnotationFile.read(file);
        f.checkCount(2);
        f.checkHeader(2, BBOX_NAMES, "bounding-box");
        Map<String, Box> out = new HashMap<>();
        for (int n = 3; n <= f.lineCount(); n++) {
            String[] t = f.row(n, 5);
            int[] v = new int[4];
            for (int i = 0; i < 4; i++) {
                v[i] = f.parseInt(t[i + 1], n, BBOX_NAMES.get(i + 1));
            }
            if (v[2] <= 0 || v[3] <= 0) {
                throw f.error(n, "box width and height must be positive, found " + v[2] + "x" + v[3]);
            }
            putUnique(f, n, out, t[0], new Box(v[0], v[1], v[2], v[3]));
        }
        return out;
    }

    static Map<String, int[]> readLandmarks(Path file) throws IOException {
        AnnotationFile f = AnnotationFile.read(file);
        f.checkCount(2);
        f.checkHeader(2, CelebaFormat.LANDMARK_NAMES, "landmark");
        Map<String, int[]> out = new HashMap<>();
        for (int n = 3; n <= f.lineCount(); n++) {
            String[] t = f.row(n, 11);
            int[] v = new int[10];
            for (int i = 0; i < 10; i++) {
                v[i] = f.parseInt(t[i + 1], n, CelebaFormat.LANDMARK_NAMES.get(i));
            }
            putUnique(f, n, out, t[0], v);
        }
        return out;
    }

    /** Partition or identity file: no header, rows of image id and one integer. */
    static Map<String, Integer> readPairs(Path file, String what, boolean partition) throws IOException {
        AnnotationFile f = AnnotationFile.read(file);
        if (f.lineCount() == 0) {
            throw f.error(0, "file is empty");
        }
        Map<String, Integer> out = new HashMap<>();
        for (int n = 1; n <= f.lineCount(); n++) {
            String[] t = f.row(n, 2);
            int v = f.parseInt(t[1], n, what);
            if (partition && Split.ofCode(v) == null) {
                throw f.error(n, "unknown partition value " + v + " (expected 0 = train, 1 = val, 2 = test)");
            }
            putUnique(f, n, out, t[0], v);
        }
        return out;
    }

    private static <V> void putUnique(AnnotationFile f, int line, Map<String, V> map, String id, V value)
            throws AnnotationFormatException {
        if (map.put(id, value) != null) {
            throw f.error(line, "image " + id + " is listed twice");
        }
    }

    private static <V> V require(Map<String, V> map, String id, Path root, String fileName, Path attrFile)
            throws IOException {
        V v = map.get(id);
        if (v == null) {
            throw new AnnotationFormatException(locate(root, fileName), 0,
                    "has no row for image " + id + " (listed in " + attrFile.getFileName() + ")");
        }
        return v;
    }

    private static Path findLfwaAttributes(Path root) throws IOException {
        for (Path dir : List.of(root, root.resolve("Anno"), root.resolve("anno"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var files = Files.list(dir)) {
                var hit = files.filter(p -> p.getFileName().toString().matches("list_attr_lfw.*\\.txt"))
                        .sorted().findFirst();
                if (hit.isPresent()) {
                    return hit.get();
                }
            }
        }
        throw new AnnotationFormatException(root, 0, "no LFWA attribute file (list_attr_lfw*.txt) in " + root
                + " or its Anno/ folder");
    }

    /** The path of an annotation file in the root or the release sub-folders, or null when absent. */
    static Path find(Path root, String name) {
        for (Path candidate : List.of(root.resolve(name), root.resolve("Anno").resolve(name),
                root.resolve("Eval").resolve(name))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Path locate(Path root, String name) throws AnnotationFormatException {
        Path p = find(root, name);
        if (p == null) {
            throw new AnnotationFormatException(root.resolve(name), 0,
                    "required file not found (also looked in Anno/ and Eval/ under " + root + ")");
        }
        return p;
    }

    private static Path imageFolder(Path root, String folder) {
        Path inImg = root.resolve("Img").resolve(folder);
        return Files.isDirectory(inImg) ? inImg : root.resolve(folder);
    }
}
