package faceattr.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sidecar {@code synth_manifest.json} of a synthetic dataset: which attributes are drawn (evaluation reports them
 * separately from the ones only sampled from priors). A real CelebA folder has no manifest.
 *
 * @param nonRenderedPriors name to prior positive rate of each attribute that has no visual cue
 */
public record SynthManifest(String generatorVersion, long seed, int count, int identities,
                            List<String> renderedAttributes, Map<String, Double> nonRenderedPriors) {
    public static final String FILE = "synth_manifest.json";

    /** Reads {@code root/synth_manifest.json}; empty when the folder has none (e.g. the real CelebA). */
    public static Optional<SynthManifest> read(Path root) throws IOException {
        Path file = root.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new AnnotationFormatException(file, 0, "not valid JSON: " + e.getMessage());
        }
        for (String field : List.of("generatorVersion", "seed", "count", "identities", "renderedAttributes",
                "nonRenderedAttributes")) {
            if (!m.hasNonNull(field)) {
                throw new AnnotationFormatException(file, 0, "missing field '" + field + "'");
            }
        }
        List<String> rendered = new ArrayList<>();
        for (JsonNode n : m.get("renderedAttributes")) {
            rendered.add(known(file, n.asText()));
        }
        Map<String, Double> priors = new LinkedHashMap<>();
        for (JsonNode n : m.get("nonRenderedAttributes")) {
            priors.put(known(file, n.path("name").asText()), n.path("prior").asDouble());
        }
        return Optional.of(new SynthManifest(m.get("generatorVersion").asText(), m.get("seed").asLong(),
                m.get("count").asInt(), m.get("identities").asInt(), List.copyOf(rendered), Map.copyOf(priors)));
    }

    /** Whether the named attribute is drawn in the images. */
    public boolean isRendered(String attribute) {
        return renderedAttributes.contains(attribute);
    }

    private static String known(Path file, String name) throws AnnotationFormatException {
        if (!Attributes.NAMES.contains(name)) {
            throw new AnnotationFormatException(file, 0, "unknown attribute '" + name + "'");
        }
        return name;
    }
}
