package faceattr.attributes;

import faceattr.model.AttributeClassifiers;
import faceattr.model.BundleManifest;
import faceattr.model.ModelBundle;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Adds and removes attributes of a model bundle. Each edit gives the bundle a new version (the profile and the UTC
 * time, like a trained bundle) and appends a record to the manifest's {@code training.attributeEdits} list: what was
 * done, to which version, and the measures the edit was made with.
 */
public final class BundleAttributes {
    /** Key of the edit history in the manifest's {@code training} map. */
    public static final String EDITS = "attributeEdits";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private BundleAttributes() {
    }

    /** @throws IllegalArgumentException unless the name is 1-64 letters, digits, '_' or '-', starting with a letter or digit */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("attribute name \"" + name + "\" must be 1-64 letters, digits, '_' or "
                    + "'-', starting with a letter or digit");
        }
    }

    /** The bundle with the attribute appended to its outputs, under a new version. */
    public static ModelBundle add(ModelBundle bundle, AttributeClassifiers.Attribute attribute, Map<String, Object> record) {
        checkName(attribute.name());
        AttributeClassifiers classifiers = bundle.classifiers().with(attribute);
        return edited(bundle, classifiers, "add", attribute.name(), record);
    }

    /** The bundle without the named attribute, under a new version. */
    public static ModelBundle remove(ModelBundle bundle, String name) {
        AttributeClassifiers classifiers = bundle.classifiers().without(name);
        if (classifiers.attributes().isEmpty()) {
            throw new IllegalArgumentException(name + " is the model's last attribute; a model needs at least one");
        }
        return edited(bundle, classifiers, "remove", name, Map.of());
    }

    /** The edit records of the bundle's manifest, oldest first (empty for a bundle as trained). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> edits(BundleManifest manifest) {
        Object edits = manifest.training() == null ? null : manifest.training().get(EDITS);
        return edits instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static ModelBundle edited(ModelBundle bundle, AttributeClassifiers classifiers, String action, String name,
                                      Map<String, Object> record) {
        BundleManifest m = bundle.manifest();
        String version = newVersion(m);
        Map<String, Object> edit = new LinkedHashMap<>();
        edit.put("action", action);
        edit.put("attribute", name);
        edit.put("from", m.version());
        edit.put("version", version);
        edit.putAll(record);
        List<Map<String, Object>> edits = new ArrayList<>(edits(m));
        edits.add(edit);
        Map<String, Object> training = new LinkedHashMap<>(m.training() == null ? Map.of() : m.training());
        training.put(EDITS, edits);
        BundleManifest next = new BundleManifest(m.formatVersion(), version, m.profile(), m.attributes(), m.lnetInputs(),
                m.anetInput(), m.featureSize(), m.localizer(), m.calibration(), m.patchLayout(), m.thresholds(),
                training, m.metrics());
        return bundle.withClassifiers(classifiers, next);
    }

    /** The profile and the UTC time to the second; never the version it replaces. */
    static String newVersion(BundleManifest m) {
        String version = m.profile() + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        return version.equals(m.version()) ? version + "-2" : version;
    }
}
