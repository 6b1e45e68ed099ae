package faceattr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import faceattr.errors.RejectedInputException;
import faceattr.image.Annotator;
import faceattr.image.ImageDecoder;
import faceattr.image.ImageLimits;
import faceattr.geometry.Box;
import faceattr.model.Cascade;
import faceattr.model.DetectedFace;
import faceattr.model.ModelBundle;
import faceattr.model.TaggedImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code faceattr tag}: faces and attributes of image files. */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Find faces in images and print their boxes and the model's attributes.")
public final class TagCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files (JPEG, PNG, ...).")
    List<Path> images;

    @Option(names = "--model", description = "Model bundle (default: the bundled compact model).")
    Path model;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Option(names = "--annotate", paramLabel = "DIR",
            description = "Also write DIR/<image name>.png with the face boxes and present attributes drawn on it.")
    Path annotate;

    @Option(names = "--heatmap", description = "With --annotate: overlay LNet's averaged response map.")
    boolean heatmap;

    /** Resolution of the heat map grid laid over the image (the map itself is coarser; this only samples it). */
    private static final int HEATMAP_GRID = 64;
    /** Labels per face: the most probable present attributes, so the plate stays readable. */
    private static final int MAX_LABELS = 8;

    @Override
    public Integer call() throws Exception {
        Cascade cascade = ModelBundle.loadOrDefault(model).taggingCascade();
        ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
        List<Map<String, Object>> results = new ArrayList<>();
        int failures = 0;
        for (Path p : images) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("image", p.toString());
            try {
                BufferedImage image = decoder.decode(Files.readAllBytes(p));
                TaggedImage tagged = cascade.tag(List.of(image)).get(0);
                r.put("width", tagged.width());
                r.put("height", tagged.height());
                List<Map<String, Object>> faces = new ArrayList<>();
                for (DetectedFace f : tagged.faces()) {
                    faces.add(face(cascade.attributeNames(), f));
                }
                r.put("faces", faces);
                if (annotate != null) {
                    r.put("annotated", writeAnnotated(cascade, p, image, tagged).toString());
                }
            } catch (RejectedInputException e) {
                failures++;
                r.put("error", Map.of("reason", e.reason().name(), "message", e.getMessage()));
            } catch (java.io.IOException e) {
                failures++;
                r.put("error", Map.of("reason", "FETCH_FAILED", "message", String.valueOf(e.getMessage())));
            }
            results.add(r);
        }
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
                    Map.of("model", cascade.modelVersion(), "images", results)));
        } else {
            for (Map<String, Object> r : results) {
                printText(r);
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private Path writeAnnotated(Cascade cascade, Path source, BufferedImage image, TaggedImage tagged)
            throws java.io.IOException {
        List<Box> boxes = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        for (DetectedFace f : tagged.faces()) {
            boxes.add(f.box());
            labels.add(presentLabels(cascade.attributeNames(), f));
        }
        float[][] map = heatmap ? cascade.responseMapOnImage(image, HEATMAP_GRID, HEATMAP_GRID) : null;
        Files.createDirectories(annotate);
        String name = source.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".png";
        Path out = annotate.resolve(name);
        Annotator.writePng(Annotator.annotate(image, boxes, labels, map), out);
        return out;
    }

    private static List<String> presentLabels(List<String> names, DetectedFace f) {
        List<Integer> present = new ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
            if (f.present()[a]) {
                present.add(a);
            }
        }
        present.sort((x, y) -> Float.compare(f.probabilities()[y], f.probabilities()[x]));
        List<String> labels = new ArrayList<>();
        for (int a : present.subList(0, Math.min(MAX_LABELS, present.size()))) {
            labels.add(String.format(Locale.ROOT, "%s %.2f", names.get(a), f.probabilities()[a]));
        }
        return labels;
    }

    private static Map<String, Object> face(List<String> names, DetectedFace f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("box", Map.of("x", round(f.box().x()), "y", round(f.box().y()), "width", round(f.box().width()),
                "height", round(f.box().height())));
        m.put("localizationScore", round(f.faceConfidence()));
        Map<String, Object> attrs = new LinkedHashMap<>();
        List<String> present = new ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
            attrs.put(names.get(a), round(f.probabilities()[a]));
            if (f.present()[a]) {
                present.add(names.get(a));
            }
        }
        m.put("present", present);
        m.put("probabilities", attrs);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void printText(Map<String, Object> r) {
        if (r.containsKey("error")) {
            Map<String, Object> e = (Map<String, Object>) r.get("error");
            System.out.println(r.get("image") + ": " + e.get("reason") + ": " + e.get("message"));
            return;
        }
        List<Map<String, Object>> faces = (List<Map<String, Object>>) r.get("faces");
        System.out.printf(Locale.ROOT, "%s (%sx%s): %d face(s)%n", r.get("image"), r.get("width"), r.get("height"),
                faces.size());
        int i = 1;
        for (Map<String, Object> f : faces) {
            Map<String, Object> b = (Map<String, Object>) f.get("box");
            System.out.printf(Locale.ROOT, "  face %d: box x=%s y=%s w=%s h=%s, localization %s%n", i++, b.get("x"),
                    b.get("y"), b.get("width"), b.get("height"), f.get("localizationScore"));
            System.out.println("    " + String.join(", ", (List<String>) f.get("present")));
        }
        if (r.containsKey("annotated")) {
            System.out.println("  annotated: " + r.get("annotated"));
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
