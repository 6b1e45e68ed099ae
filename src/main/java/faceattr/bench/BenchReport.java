package faceattr.bench;

import faceattr.report.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints the benchmarks' plain-text tables and writes their figures as Json.PRETTY. */
public final class BenchReport {

    private BenchReport() {
    }

    /** Writes {@code figures} to {@code file} (parent folders created); nothing when {@code file} is null. */
    public static void writeJson(Path file, Map<String, Object> figures) throws IOException {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Json.PRETTY.writeValue(file.toFile(), figures);
    }

    /** A left-aligned first column, right-aligned others, a dashed rule under the header. */
    public static void table(PrintStream out, List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        for (int r = 0; r < all.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < header.size(); c++) {
                String cell = all.get(r).get(c);
                line.append(c == 0 ? String.format("%-" + width[c] + "s", cell)
                        : "  " + String.format("%" + width[c] + "s", cell));
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                out.println("-".repeat(line.toString().stripTrailing().length()));
            }
        }
        out.flush();
    }

    public static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Rounds for JSON (keeps files readable; the figures are not that precise). */
    public static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double s = Math.pow(10, digits);
        return Math.round(v * s) / s;
    }
}
