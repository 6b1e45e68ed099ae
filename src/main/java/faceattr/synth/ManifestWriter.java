package faceattr.synth;

import faceattr.data.Attributes;
import faceattr.data.SynthManifest;
import faceattr.report.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code synth_manifest.json} (read back by {@link SynthManifest}). */
final class ManifestWriter {
    private ManifestWriter() {
    }

    static void write(Path out, SynthConfig config, ImageRow[] rows, int[] perSplit) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "faceattr-synth");
        m.put("generatorVersion", SynthGenerator.VERSION);
        m.put("seed", config.seed());
        m.put("count", config.count());
        m.put("identities", config.identities());
        m.put("imagesPerSplit", Map.of("train", perSplit[0], "val", perSplit[1], "test", perSplit[2]));
        m.put("backgrounds", config.backgrounds());
        if (config.objectsDir() != null) {
            m.put("objects", Map.of("dir", config.objectsDir().toString(),
                    "classes", ObjectsGenerator.CLASSES.subList(0, config.objectClasses()),
                    "perClass", config.objectsPerClass()));
        }
        m.put("alignedEyes", Map.of("left", List.of(Aligner.LEFT_EYE_X, Aligner.EYE_Y),
                "right", List.of(Aligner.RIGHT_EYE_X, Aligner.EYE_Y)));
        m.put("renderedAttributes", SynthGenerator.renderedAttributes());
        List<Map<String, Object>> notRendered = new ArrayList<>();
        for (String name : SynthGenerator.NOT_RENDERED) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("prior", FaceSampler.attractivePrior());
            entry.put("sampledFrom", "Bernoulli depending on Young, Male and Heavy_Makeup; no visual cue");
            notRendered.add(entry);
        }
        m.put("nonRenderedAttributes", notRendered);
        Map<String, Double> freq = new LinkedHashMap<>();
        for (int a = 0; a < Attributes.COUNT; a++) {
            int pos = 0;
            for (ImageRow row : rows) {
                pos += row.attributes()[a] ? 1 : 0;
            }
            freq.put(Attributes.NAMES.get(a), Math.round(10000.0 * pos / rows.length) / 10000.0);
        }
        m.put("positiveRates", freq);
        Json.PRETTY.writeValue(out.resolve(SynthManifest.FILE).toFile(), m);
    }
}
