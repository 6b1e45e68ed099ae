package faceattr.attributes;

import java.nio.file.Path;

/** A user's photo and whether it shows the attribute. */
public record LabelledPhoto(Path file, boolean positive) {
}
