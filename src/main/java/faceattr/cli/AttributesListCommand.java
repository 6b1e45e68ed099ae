package faceattr.cli;

import faceattr.attributes.BundleAttributes;
import faceattr.model.AttributeClassifiers;
import faceattr.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code faceattr attributes list}: the model's attributes in output order, and how the added ones were learned. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Print the model's attributes in output order; for attributes added with 'attributes add', the "
                + "photos and the cross-validated accuracy they were learned with.")
final class AttributesListCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = model.load();
        Map<String, Map<String, Object>> added = new HashMap<>();
        for (Map<String, Object> edit : BundleAttributes.edits(bundle.manifest())) {
            String name = String.valueOf(edit.get("attribute"));
            if ("add".equals(edit.get("action"))) {
                added.put(name, edit);
            } else {
                added.remove(name);
            }
        }
        List<AttributeClassifiers.Attribute> attributes = bundle.classifiers().attributes();
        System.out.printf("model %s: %d attributes%n", bundle.manifest().version(), attributes.size());
        for (AttributeClassifiers.Attribute a : attributes) {
            Map<String, Object> edit = added.get(a.name());
            String how = edit == null ? "trained with the model"
                    : String.format(Locale.ROOT, "added in %s from %s positive + %s negative photos, cross-validated "
                            + "accuracy %.1f%%", edit.get("version"), edit.get("positives"), edit.get("negatives"),
                    100 * ((Number) edit.get("cvAccuracy")).doubleValue());
            System.out.printf(Locale.ROOT, "%-24s threshold %7.3f  %s%n", a.name(), a.threshold(), how);
        }
        return 0;
    }
}
