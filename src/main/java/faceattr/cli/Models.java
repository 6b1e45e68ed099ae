package faceattr.cli;

import faceattr.model.FaceTagger;
import faceattr.model.ModelBundle;

import java.nio.file.Path;

/**
 * Loads the tagger the commands run: a model bundle from a path, or the bundled default when the path is empty,
 * prepared for tagging ({@link ModelBundle#taggingCascade()}).
 */
final class Models {
    private Models() {
    }

    static FaceTagger load(String path) throws Exception {
        return ModelBundle.loadOrDefault(path == null || path.isBlank() ? null : Path.of(path)).taggingCascade();
    }
}
