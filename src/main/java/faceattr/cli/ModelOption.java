package faceattr.cli;

import faceattr.model.FaceTagger;
import faceattr.model.ModelBundle;
import faceattr.rollout.LoadedModel;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code --model BUNDLE}: the model bundle a command runs, the bundled model when the flag is absent. Use it as
 * {@code @Mixin ModelOption model;}.
 */
final class ModelOption {
    @Option(names = "--model", paramLabel = "BUNDLE", description = "Model bundle (zip); default: the bundled model.")
    Path path;

    /** The path given, or null for the bundled model. */
    Path path() {
        return path;
    }

    /** The bundle given, or the bundled one. */
    ModelBundle load() throws IOException {
        return ModelBundle.loadOrDefault(path);
    }

    /** The bundle's tagger, prepared for tagging and warmed up ({@link LoadedModel#load}). */
    FaceTagger tagger() throws Exception {
        return LoadedModel.load(path).tagger();
    }

    /** How reports name the model: the path given, or {@code bundled <version>}. */
    String name(ModelBundle bundle) {
        return path != null ? path.toString() : "bundled " + bundle.manifest().version();
    }
}
