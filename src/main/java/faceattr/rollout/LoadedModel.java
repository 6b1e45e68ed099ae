package faceattr.rollout;

import faceattr.model.BundleManifest;
import faceattr.model.Cascade;
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

    /**
     * The bundle at {@code path}, or the bundled default when {@code path} is null, prepared for tagging and warmed
     * up: the smoke pass a hot-swapped bundle must pass ({@link BundleCheck}) runs once here too, so the first real
     * batch does not pay for the JIT and oneDNN's first primitives, and a broken bundle fails at load.
     */
    public static LoadedModel load(Path path) throws IOException {
        ModelBundle bundle = ModelBundle.loadOrDefault(path);
        Cascade cascade = bundle.taggingCascade();
        BundleCheck.smokePass(cascade, bundle.manifest().attributes().size());
        return new LoadedModel(cascade, bundle.manifest(),
                path == null ? "classpath:" + ModelBundle.DEFAULT_RESOURCE : path.toString());
    }
}
