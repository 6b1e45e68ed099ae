package faceattr.data;

import java.io.IOException;
import java.nio.file.Path;

/** An annotation file that does not follow the official CelebA format; the message names the file and line. */
public class AnnotationFormatException extends IOException {
    private final Path file;
    private final int line;

    public AnnotationFormatException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }
}
