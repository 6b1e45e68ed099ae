package faceattr.rollout;

import faceattr.model.BundleManifest;
import faceattr.model.FaceTagger;
import faceattr.model.ModelBundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A model ready to tag: its tagger and the manifest the checks of a successor compare against.
 *
 * @param origin the bundle's path, or {@code classpath:...} for the bundled default
 */
public record LoadedModel(FaceTagger tagger, BundleManifest manifest, String origin) {

    public String version() {
        return manifest.version();
    }

    public List<String> attributes() {
        return manifest.attributes();
    }

    /** The bundle at {@code path}, or the bundled default when {@code path} is null. */
    public static LoadedModel load(Path path) throws IOException {
        ModelBundle bundle = ModelBundle.loadOrDefault(path);
        return new LoadedModel(bundle.taggingCascade(), bundle.manifest(),
                path == null ? "classpath:" + ModelBundle.DEFAULT_RESOURCE : path.toString());
    }
}
