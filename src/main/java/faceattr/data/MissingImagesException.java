package faceattr.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Annotated images that are not on disk; lists them (the first few in the message, all in {@link #missing()}). */
public class MissingImagesException extends IOException {
    private static final int SHOWN = 10;
    private final List<Path> missing;

    public MissingImagesException(List<Path> missing) {
        super(missing.size() + " annotated image(s) missing, e.g. "
                + missing.subList(0, Math.min(SHOWN, missing.size())));
        this.missing = List.copyOf(missing);
    }

    public List<Path> missing() {
        return missing;
    }
}
