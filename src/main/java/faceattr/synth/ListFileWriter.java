package faceattr.synth;

import faceattr.data.CelebaFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes the six CelebA annotation files of a generated set. */
final class ListFileWriter {
    private ListFileWriter() {
    }

    static void write(Path out, ImageRow[] rows, SplitPlan plan) throws IOException {
        int n = rows.length;
        List<String> attr = new ArrayList<>(n + 2);
        List<String> bbox = new ArrayList<>(n + 2);
        List<String> marks = new ArrayList<>(n + 2);
        List<String> aligned = new ArrayList<>(n + 2);
        List<String> partition = new ArrayList<>(n);
        List<String> identity = new ArrayList<>(n);
        for (List<String> withHeader : List.of(attr, bbox, marks, aligned)) {
            withHeader.add(Integer.toString(n));
        }
        attr.add(CelebaFormat.ATTR_HEADER);
        bbox.add(CelebaFormat.BBOX_HEADER);
        marks.add(CelebaFormat.LANDMARKS_HEADER);
        aligned.add(CelebaFormat.LANDMARKS_HEADER);
        for (int i = 0; i < n; i++) {
            String name = CelebaFormat.imageName(i + 1);
            ImageRow row = rows[i];
            attr.add(CelebaFormat.attrRow(name, row.attributes()));
            bbox.add(CelebaFormat.bboxRow(name, row.box()[0], row.box()[1], row.box()[2], row.box()[3]));
            marks.add(CelebaFormat.landmarksRow(name, row.landmarks()));
            aligned.add(CelebaFormat.landmarksRow(name, row.alignedLandmarks()));
            partition.add(CelebaFormat.pairRow(name, plan.splitOfImage()[i]));
            identity.add(CelebaFormat.pairRow(name, plan.identityOfImage()[i]));
        }
        writeLines(out.resolve(CelebaFormat.ATTR_FILE), attr);
        writeLines(out.resolve(CelebaFormat.BBOX_FILE), bbox);
        writeLines(out.resolve(CelebaFormat.LANDMARKS_FILE), marks);
        writeLines(out.resolve(CelebaFormat.LANDMARKS_ALIGN_FILE), aligned);
        writeLines(out.resolve(CelebaFormat.PARTITION_FILE), partition);
        writeLines(out.resolve(CelebaFormat.IDENTITY_FILE), identity);
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder(lines.size() * 64);
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.US_ASCII);
    }
}
