package faceattr.cli;

import faceattr.avro.generated.Attribute;
import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.FaceBox;
import faceattr.errors.ReasonCode;
import faceattr.errors.RejectedInputException;
import faceattr.geometry.Box;
import faceattr.image.Annotator;
import faceattr.image.ImageDecoder;
import faceattr.image.ImageLimits;
import faceattr.model.Cascade;
import faceattr.model.TaggedImage;
import faceattr.report.Json;
import faceattr.result.FaceAttributesMapper;
import faceattr.result.ResultFormat;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code faceattr tag}: faces and attributes of image files, each image's answer built and printed as the service's
 * result record ({@link FaceAttributesMapper}, {@link ResultFormat}): image id = the path as given, no source, no
 * metadata, latency = reading, decoding and tagging.
 */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = {"Find faces in images and print each image's result: the line consume prints (OK, or FAIL with "
                + "a reason), or with --json one document {\"model\": VERSION, \"images\": [...]} where each image is "
                + "the FaceAttributes record as JSON (keys in the schema's order; \"annotated\" last with --annotate) "
                + "or {\"imageId\", \"error\": {\"reason\", \"message\"}}.",
                "Exit code 1 when an image could not be read."})
public final class TagCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files (JPEG, PNG, ...).")
    List<Path> images;

    @Mixin
    ModelOption model;

    @Mixin
    JsonOption json;

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
        Cascade cascade = model.load().taggingCascade();
        FaceAttributesMapper mapper = FaceAttributesMapper.of(cascade);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        int failures = 0;
        for (Path p : images) {
            String id = p.toString();
            long start = System.nanoTime();
            BufferedImage image;
            TaggedImage tagged;
            try {
                image = decoder.decode(Files.readAllBytes(p));
                tagged = cascade.tag(List.of(image)).get(0);
            } catch (RejectedInputException e) {
                failures++;
                failed(results, id, e.reason().name(), e.getMessage());
                continue;
            } catch (java.io.IOException e) {
                failures++;
                failed(results, id, ReasonCode.FETCH_FAILED.name(), String.valueOf(e.getMessage()));
                continue;
            }
            FaceAttributes r = mapper.map(id, null, Map.of(), tagged, System.currentTimeMillis(),
                    (System.nanoTime() - start) / 1_000_000);
            Path annotated = annotate == null ? null : writeAnnotated(cascade, p, image, r);
            if (json.enabled()) {
                ObjectNode o = ResultFormat.json(r);
                if (annotated != null) {
                    o.put("annotated", annotated.toString());
                }
                results.add(o);
            } else {
                System.out.println(ResultFormat.line(r));
                if (annotated != null) {
                    System.out.println("  annotated: " + annotated);
                }
            }
        }
        if (json.enabled()) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("model", cascade.modelVersion());
            root.set("images", results);
            System.out.println(Json.PRETTY.writeValueAsString(root));
        }
        return failures == 0 ? 0 : 1;
    }

    private void failed(ArrayNode results, String id, String reason, String message) {
        if (json.enabled()) {
            results.add(ResultFormat.failureJson(id, reason, message));
        } else {
            System.out.println(ResultFormat.failureLine(id, reason, message));
        }
    }

    private Path writeAnnotated(Cascade cascade, Path source, BufferedImage image, FaceAttributes r)
            throws java.io.IOException {
        List<Box> boxes = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        for (Face f : r.getFaces()) {
            FaceBox b = f.getBox();
            boxes.add(new Box(b.getX(), b.getY(), b.getWidth(), b.getHeight()));
            List<String> plate = new ArrayList<>();
            for (Attribute a : ResultFormat.presentByProbability(f, MAX_LABELS)) {
                plate.add(String.format(Locale.ROOT, "%s %.2f", a.getName(), a.getProbability()));
            }
            labels.add(plate);
        }
        float[][] map = heatmap ? cascade.responseMapOnImage(image, HEATMAP_GRID, HEATMAP_GRID) : null;
        Files.createDirectories(annotate);
        String name = source.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".png";
        Path out = annotate.resolve(name);
        Annotator.writePng(Annotator.annotate(image, boxes, labels, map), out);
        return out;
    }
}
