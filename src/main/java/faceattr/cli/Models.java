package faceattr.cli;

import faceattr.model.Cascade;
import faceattr.model.FaceTagger;
import faceattr.model.ModelBundle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Loads the tagger the commands run: a model bundle from a path, or the bundled default when the path is empty,
 * prepared for tagging; a bundle trained on synthetic faces only says so once, in the log.
 */
final class Models {
    private static final Logger LOG = LoggerFactory.getLogger(Models.class);

    private Models() {
    }

    static FaceTagger load(String path) throws Exception {
        return forTagging(ModelBundle.loadOrDefault(path == null || path.isBlank() ? null : Path.of(path)));
    }

    static Cascade forTagging(ModelBundle bundle) {
        bundle.manifest().syntheticDataNotice().ifPresent(notice -> LOG.warn("notice: {}", notice));
        return bundle.forInference().cascade();
    }
}
