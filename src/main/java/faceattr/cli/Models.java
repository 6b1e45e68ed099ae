package faceattr.cli;

import faceattr.model.FaceTagger;
import faceattr.rollout.LoadedModel;

import java.nio.file.Path;

/**
 * Loads the tagger the commands run: a model bundle from a path, or the bundled default when the path is empty,
 * prepared for tagging and warmed up ({@link LoadedModel#load}).
 */
final class Models {
    private Models() {
    }

    static FaceTagger load(String path) throws Exception {
        return LoadedModel.load(path == null || path.isBlank() ? null : Path.of(path)).tagger();
    }
}
