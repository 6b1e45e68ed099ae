package faceattr.concepts;

import faceattr.cli.Main;
import faceattr.model.ModelBundle;
import faceattr.model.Networks;
import faceattr.model.PatchLayout;
import faceattr.model.Profile;
import faceattr.model.TestModels;
import faceattr.report.LineChart;
import faceattr.synth.SynthConfig;
import faceattr.synth.SynthGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code faceattr concepts} end to end on a small synthetic set with a small model whose bundle carries the
 * identity-pre-trained ANet: both networks analysed, the report's finding agrees with its own numbers, the PNGs
 * have the expected sizes.
 */
class ConceptsCommandTest {

    @Test
    void reportsBothNetworksConsistentlyWithPictures(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("set");
        new SynthGenerator(SynthConfig.small(data, 40, 10, 41)).generate();
        ModelBundle plain = TestModels.randomBundle(PatchLayout.fivePatches(1.25), 3);
        Path model = tmp.resolve("m.zip");
        new ModelBundle(plain.manifest(), plain.lnets(), plain.anet(), plain.classifiers(),
                Networks.anet(Profile.COMPACT, 7, 1e-3, 0, 5)).save(model);
        assertTrue(ModelBundle.load(model).pretrainedAnet().isPresent(), "anet-pretrain.zip round trip");
        Path out = tmp.resolve("concepts");

        int code = Main.run("concepts", "--model", model.toString(), "--data", data.toString(), "--out",
                out.toString(), "--clusters", "3", "--figure-neurons", "2", "--seed", "3");
        assertEquals(0, code);

        JsonNode json = new ObjectMapper().readTree(out.resolve("concepts.json").toFile());
        assertEquals(40, json.get("images").asInt());
        assertEquals(40, json.get("fitImages").asInt() + json.get("calibrationImages").asInt()
                + json.get("measureImages").asInt(), "three disjoint parts cover the images");
        assertTrue(json.get("identityDisjoint").asBoolean());
        JsonNode networks = json.get("networks");
        assertEquals(2, networks.size());
        assertEquals(Concepts.TUNED, networks.get(0).get("network").asText());
        assertEquals(Concepts.PRETRAINED, networks.get(1).get("network").asText());
        assertTrue(json.get("pretrainedSource").asText().endsWith(ModelBundle.PRETRAINED_ANET));

        JsonNode tuned = networks.get(0);
        int k10 = java.util.Arrays.binarySearch(ConceptAnalysis.PERCENTS, 10);
        double minGain = json.get("options").get("minGain").asDouble();
        double kept = 0;
        double full = 0;
        int eligible = 0;
        for (JsonNode a : tuned.get("attributes")) {
            double gain = a.get("accuracyAll").asDouble() - a.get("majority").asDouble();
            assertEquals(!a.get("constant").asBoolean() && gain >= minGain, a.get("eligible").asBoolean());
            if (a.get("eligible").asBoolean()) {
                eligible++;
                full += gain;
                kept += a.get("accuracyTop").get(k10).asDouble() - a.get("majority").asDouble();
            }
            for (JsonNode acc : a.get("accuracyTop")) {
                assertTrue(acc.asDouble() >= 0 && acc.asDouble() <= 1);
            }
        }
        JsonNode finding = json.get("finding");
        String statement = finding.get("statement").asText();
        assertEquals(eligible, finding.get("eligibleAttributes").asInt());
        if (eligible == 0) {
            assertTrue(statement.contains("undefined"), statement);
            assertTrue(!finding.get("meetsPaper").asBoolean());
        } else {
            double share = kept / full;
            assertEquals(share, finding.get("keptGainTopTen").asDouble(), 1e-9);
            assertEquals(share >= 0.9, finding.get("meetsPaper").asBoolean());
            assertTrue(statement.contains(String.format(Locale.ROOT, "keep %.1f%%", 100 * share)), statement);
            assertTrue(statement.contains(share >= 0.9 ? "holds" : "points short"), statement);
        }
        String md = Files.readString(out.resolve("concepts.md"));
        assertTrue(md.contains(statement), "the Markdown report states the finding");
        assertTrue(md.contains("| 5_o_Clock_Shadow |") && md.contains("k-means"), md);
        assertEquals(3, tuned.get("clusters").size());

        BufferedImage faces = ImageIO.read(out.resolve(ConceptCharts.FACES_PNG).toFile());
        assertEquals(3 * ConceptCharts.FACE_CELL, faces.getWidth(), "high, medium, low");
        assertEquals(2 * (ConceptCharts.FACE_CELL + 14), faces.getHeight(), "two neurons with captions");
        assertTrue(Files.exists(out.resolve(ConceptCharts.FACES_PRETRAINED_PNG)));
        for (String chart : new String[]{ConceptCharts.TOPK_PNG, ConceptCharts.ACCURACY_PNG}) {
            BufferedImage png = ImageIO.read(out.resolve(chart).toFile());
            assertEquals(LineChart.WIDTH, png.getWidth(), chart);
            assertEquals(LineChart.HEIGHT, png.getHeight(), chart);
        }
        BufferedImage heat = ImageIO.read(out.resolve(ConceptCharts.HEATMAP_PNG).toFile());
        assertEquals(64 + 40 * 15 + 44, heat.getHeight(), "one 15-px row per attribute plus header and footer");
        assertTrue(heat.getWidth() > 300);
    }

    @Test
    void aMissingPretrainedFileIsAUsageErrorAndBundlesWithoutThePretrainedAnetStillLoad(@TempDir Path tmp) throws Exception {
        int code = Main.run("concepts", "--data", tmp.toString(), "--out", tmp.resolve("o").toString(),
                "--pretrained", tmp.resolve("nope.zip").toString());
        assertEquals(2, code, "picocli's usage-error exit code");
        ModelBundle shipped = ModelBundle.loadDefault();
        assertTrue(shipped.pretrainedAnet().isPresent(), "the shipped bundle carries anet-pretrain.zip");
        Path without = tmp.resolve("without-pretrain.zip");
        new ModelBundle(shipped.manifest(), shipped.lnets(), shipped.anet(), shipped.classifiers()).save(without);
        ModelBundle old = ModelBundle.load(without);
        assertTrue(old.pretrainedAnet().isEmpty(), "bundles without anet-pretrain.zip load as before");
        assertEquals(shipped.manifest().version(), old.cascade().modelVersion());
    }
}
