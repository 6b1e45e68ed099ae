package faceattr.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One annotation file split into whitespace-separated tokens per line, with the checks every CelebA file shares. */
final class AnnotationFile {
    private static final String[] NO_TOKENS = new String[0];

    private final Path path;
    private final List<String[]> lines;

    private AnnotationFile(Path path, List<String[]> lines) {
        this.path = path;
        this.lines = lines;
    }

    /** Reads a file, tolerating CRLF line ends and trailing blank lines. */
    static AnnotationFile read(Path path) throws IOException {
        List<String> raw;
        try {
            raw = Files.readAllLines(path, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new AnnotationFormatException(path, 0, "file not found");
        }
        int end = raw.size();
        while (end > 0 && raw.get(end - 1).isBlank()) {
            end--;
        }
        List<String[]> tokens = new ArrayList<>(end);
        for (int i = 0; i < end; i++) {
            String line = raw.get(i).strip();
            tokens.add(line.isEmpty() ? NO_TOKENS : line.split("\\s+"));
        }
        return new AnnotationFile(path, tokens);
    }

    Path path() {
        return path;
    }

    int lineCount() {
        return lines.size();
    }

    /** Tokens of 1-based line {@code n}. */
    String[] tokens(int n) {
        return lines.get(n - 1);
    }

    /** Checks line 1 is a single count equal to the number of rows after {@code headerLines} lines. */
    void checkCount(int headerLines) throws AnnotationFormatException {
        if (lines.isEmpty()) {
            throw error(0, "file is empty, expected a count line");
        }
        String[] first = tokens(1);
        if (first.length != 1) {
            throw error(1, "expected a single image count, found " + first.length + " values");
        }
        int declared = parseInt(first[0], 1, "image count");
        int rows = lines.size() - headerLines;
        if (declared != rows) {
            throw error(1, "count line says " + declared + " images but the file has " + rows + " rows");
        }
    }

    /** Checks that line {@code n} holds exactly the expected header names. */
    void checkHeader(int n, List<String> expected, String what) throws AnnotationFormatException {
        if (lines.size() < n) {
            throw error(n, "missing " + what + " header line");
        }
        String[] found = tokens(n);
        for (int i = 0; i < Math.max(found.length, expected.size()); i++) {
            String want = i < expected.size() ? expected.get(i) : "(nothing)";
            String got = i < found.length ? found[i] : "(nothing)";
            if (!want.equals(got)) {
                throw error(n, what + " header is not the official " + expected.size() + " names: column " + (i + 1)
                        + " should be '" + want + "' but is '" + got + "'");
            }
        }
    }

    /** Tokens of a data row, checked to have {@code columns} values including the image id. */
    String[] row(int n, int columns) throws AnnotationFormatException {
        String[] t = tokens(n);
        if (t.length != columns) {
            throw error(n, "expected " + columns + " columns (image id and " + (columns - 1) + " values), found "
                    + t.length);
        }
        return t;
    }

    int parseInt(String token, int line, String what) throws AnnotationFormatException {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw error(line, what + " '" + token + "' is not an integer");
        }
    }

    AnnotationFormatException error(int line, String problem) {
        return new AnnotationFormatException(path, line, problem);
    }
}
