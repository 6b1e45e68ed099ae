package faceattr.cli;

import faceattr.model.FaceTagger;

/** Loads the tagger the commands run: a model bundle from a path, or the bundled default when the path is empty. */
final class Models {
    private Models() {
    }

    static FaceTagger load(String path) throws Exception {
        throw new UnsupportedOperationException("the model bundle loader is not merged into this branch yet");
    }
}
