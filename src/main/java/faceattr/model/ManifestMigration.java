package faceattr.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

/**
 * The one place where older {@code manifest.json} shapes become the current one. A manifest's {@code formatVersion}
 * names its shape; {@link #toCurrent} applies one step per version, each turning version v into v + 1, until the
 * manifest has the shape of {@link ModelBundle#FORMAT_VERSION} that {@link BundleManifest} reads. A step fills what its
 * version lacks with the values that reproduce how bundles of that version behaved, so a migrated bundle tags exactly
 * as it was evaluated and calibrated; the current classes carry no defaults for old manifests.
 *
 * <p>Versions:
 * <ol>
 *   <li>The localizer settings are one flat object. Its fields {@code upsample}, {@code minSide}, {@code aspects},
 *   {@code surround}, {@code stride}, {@code maxFaces}, {@code peakMinRho}, {@code peakMinSigma}, {@code nmsIou} and
 *   {@code flipAverage} are always present; each of the others may be absent, and its absence means: {@code sizing}
 *   CONTRAST (the contrast window is the box; {@code regionThreshold} and {@code boxAspect} 0), {@code response} MEAN
 *   (the channel-averaged map), {@code scoring} WINDOW (the threshold is on the window's contrast score),
 *   {@code refinePasses} 0, {@code averageLooks} false, {@code regressorRepeats} 0. Whether the bundle learned from
 *   synthetic faces is the {@code training.syntheticData} flag when present, else whether the recorded
 *   {@code training.generateCommand} ran {@code faceattr synth}.</li>
 *   <li>The localizer settings are grouped as {@link Localizer.Settings} ({@code response}, {@code windows},
 *   {@code peaks}, {@code scoring}, {@code sizing}, {@code looks}), every field present; {@code training.syntheticData}
 *   alone says whether the bundle learned from synthetic faces.</li>
 * </ol>
 */
final class ManifestMigration {
    /** {@code STEPS.get(v - 1)} turns a version-v manifest into a version v + 1 one. */
    private static final List<Step> STEPS = List.of(ManifestMigration::groupLocalizerSettings);

    static {
        if (STEPS.size() != ModelBundle.FORMAT_VERSION - 1) {
            throw new IllegalStateException("one migration step per format version below " + ModelBundle.FORMAT_VERSION);
        }
    }

    private interface Step {
        void apply(ObjectNode manifest, String origin) throws IOException;
    }

    private ManifestMigration() {
    }

    /**
     * {@code manifest} (modified in place) upgraded to {@link ModelBundle#FORMAT_VERSION}.
     *
     * @throws IOException when it is not an object, has no format version, or is newer than this build reads
     */
    static ObjectNode toCurrent(JsonNode manifest, String origin) throws IOException {
        if (!(manifest instanceof ObjectNode m) || !m.path("formatVersion").canConvertToExactIntegral()) {
            throw new IOException(origin + ": manifest.json is not a bundle manifest (no formatVersion)");
        }
        int version = m.get("formatVersion").intValue();
        if (version < 1 || version > ModelBundle.FORMAT_VERSION) {
            throw new IOException(origin + ": bundle format " + version + ", this build reads 1 to "
                    + ModelBundle.FORMAT_VERSION);
        }
        for (int v = version; v < ModelBundle.FORMAT_VERSION; v++) {
            STEPS.get(v - 1).apply(m, origin);
            m.put("formatVersion", v + 1);
        }
        return m;
    }

    /** Version 1 to 2: the flat localizer settings grouped, absent fields given their version-1 meaning. */
    private static void groupLocalizerSettings(ObjectNode manifest, String origin) throws IOException {
        JsonNode flat = manifest.get("localizer");
        if (!(flat instanceof ObjectNode old)) {
            throw new IOException(origin + ": manifest (format 1) has no localizer settings");
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode grouped = f.objectNode();
        ObjectNode response = f.objectNode();
        response.put("kind", textOr(old, "response", Localizer.ResponseKind.MEAN.name()));
        response.set("flipAverage", required(old, "flipAverage", origin));
        grouped.set("response", response);
        ObjectNode windows = f.objectNode();
        for (String field : List.of("upsample", "minSide", "aspects", "surround", "stride")) {
            windows.set(field, required(old, field, origin));
        }
        grouped.set("windows", windows);
        ObjectNode peaks = f.objectNode();
        peaks.set("maxFaces", required(old, "maxFaces", origin));
        peaks.set("minRho", required(old, "peakMinRho", origin));
        peaks.set("minSigma", required(old, "peakMinSigma", origin));
        peaks.set("nmsIou", required(old, "nmsIou", origin));
        grouped.set("peaks", peaks);
        grouped.put("scoring", textOr(old, "scoring", Localizer.Scoring.WINDOW.name()));
        ObjectNode sizing = f.objectNode();
        sizing.put("method", textOr(old, "sizing", Localizer.Sizing.CONTRAST.name()));
        sizing.set("regionThreshold", or(old, "regionThreshold", f.numberNode(0.0)));
        sizing.set("boxAspect", or(old, "boxAspect", f.numberNode(0.0)));
        grouped.set("sizing", sizing);
        ObjectNode looks = f.objectNode();
        looks.set("refinePasses", or(old, "refinePasses", f.numberNode(0)));
        looks.set("average", or(old, "averageLooks", f.booleanNode(false)));
        looks.set("regressorRepeats", or(old, "regressorRepeats", f.numberNode(0)));
        grouped.set("looks", looks);
        manifest.set("localizer", grouped);

        if (manifest.get("training") instanceof ObjectNode training && !training.hasNonNull(BundleManifest.SYNTHETIC_DATA)) {
            JsonNode command = training.get("generateCommand");
            training.put(BundleManifest.SYNTHETIC_DATA,
                    command != null && command.isTextual() && command.asText().startsWith("faceattr synth"));
        }
    }

    private static JsonNode required(ObjectNode node, String field, String origin) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IOException(origin + ": manifest (format 1) localizer settings have no " + field);
        }
        return v;
    }

    private static JsonNode or(ObjectNode node, String field, JsonNode absent) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? absent : v;
    }

    private static String textOr(ObjectNode node, String field, String absent) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? absent : v.asText();
    }
}
