package faceattr.attributes;

import faceattr.cli.Main;
import faceattr.data.Attributes;
import faceattr.model.AttributeClassifiers;
import faceattr.model.ModelBundle;
import faceattr.model.PatchLayout;
import faceattr.model.TestModels;
import faceattr.synth.SynthConfig;
import faceattr.synth.SynthGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code evaluate} and {@code concepts} against CelebA labels with a bundle whose attributes were edited: the tables
 * cover the bundle's attributes that CelebA labels (an added one has no column; a removed one is gone).
 */
class CelebaTablesWithEditedAttributesTest {

    @Test
    void evaluateAndConceptsCoverTheBundlesLabelledAttributes(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("set");
        new SynthGenerator(SynthConfig.small(data, 40, 10, 41)).generate();
        ModelBundle base = TestModels.randomBundle(PatchLayout.fivePatches(1.25), 3);
        AttributeClassifiers.Attribute first = base.classifiers().attributes().get(0);
        ModelBundle edited = BundleAttributes.add(BundleAttributes.remove(base, "Bald"),
                new AttributeClassifiers.Attribute("Mask", first.svm(), 0, first.platt()), Map.of());
        Path model = tmp.resolve("m.zip");
        edited.save(model);
        List<String> expected = new ArrayList<>(Attributes.NAMES);
        expected.remove("Bald");

        assertEquals(0, Main.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--split",
                "test", "--out", tmp.resolve("eval").toString()));
        JsonNode eval = new ObjectMapper().readTree(tmp.resolve("eval").resolve("evaluation.json").toFile());
        List<String> evaluated = new ArrayList<>();
        eval.get("attributes").fieldNames().forEachRemaining(evaluated::add);
        assertEquals(expected, evaluated);

        assertEquals(0, Main.run("concepts", "--model", model.toString(), "--data", data.toString(), "--out",
                tmp.resolve("concepts").toString(), "--clusters", "3", "--figure-neurons", "2", "--seed", "3"));
        JsonNode concepts = new ObjectMapper().readTree(tmp.resolve("concepts").resolve("concepts.json").toFile());
        List<String> analysed = new ArrayList<>();
        concepts.get("networks").get(0).get("attributes").forEach(a -> analysed.add(a.get("name").asText()));
        assertEquals(expected, analysed);
    }
}
