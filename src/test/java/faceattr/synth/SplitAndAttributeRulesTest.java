package faceattr.synth;

import faceattr.data.Attributes;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splits are identity-disjoint and about 80/10/10; sampled tags are consistent and CelebA-like in frequency. */
class SplitAndAttributeRulesTest {

    @Test
    void splitsAreIdentityDisjointAndRoughly801010() {
        SplitPlan plan = SplitPlan.of(5, 4000, 200);
        Map<Integer, Integer> splitOf = new HashMap<>();
        int[] perSplit = new int[3];
        int lastSplit = 0;
        for (int i = 0; i < 4000; i++) {
            int id = plan.identityOfImage()[i];
            int split = plan.splitOfImage()[i];
            Integer before = splitOf.putIfAbsent(id, split);
            assertTrue(before == null || before == split, "identity " + id + " in two splits");
            assertTrue(split >= lastSplit, "images ordered train, val, test like CelebA");
            lastSplit = split;
            perSplit[split]++;
        }
        assertEquals(200, splitOf.size());
        assertEquals(3200, perSplit[0]);
        assertEquals(400, perSplit[1]);
        assertEquals(400, perSplit[2]);
        SplitPlan tiny = SplitPlan.of(5, 10, 3);
        assertEquals(3, java.util.Arrays.stream(tiny.splitOfImage()).distinct().count(), "every split non-empty");
    }

    @Test
    void imagesOfOnePersonKeepIdentityTraits() {
        Identity p = IdentityFactory.create(9, 4);
        for (int i = 0; i < 50; i++) {
            FaceSpec f = SynthGenerator.faceOf(9, i, p);
            assertEquals(p.male(), f.has("Male"));
            assertEquals(p.young(), f.has("Young"));
            assertEquals(p.bigNose(), f.has("Big_Nose"));
            assertEquals(p.narrowEyes(), f.has("Narrow_Eyes"));
        }
    }

    @Test
    void sampledTagsAreConsistentWithCelebaLikeFrequencies() {
        int n = 20_000;
        int[] positives = new int[Attributes.COUNT];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            Identity p = IdentityFactory.create(11, i % 1000 + 1);
            boolean[] a = FaceSampler.sample(p, r).attributes();
            List<String> broken = AttributeRules.violations(a);
            assertTrue(broken.isEmpty(), "image " + i + ": " + broken);
            for (int k = 0; k < a.length; k++) {
                positives[k] += a[k] ? 1 : 0;
            }
        }
        Map<String, double[]> expected = Map.ofEntries(Map.entry("Male", new double[] {0.36, 0.48}),
                Map.entry("Young", new double[] {0.70, 0.84}), Map.entry("Smiling", new double[] {0.42, 0.54}),
                Map.entry("No_Beard", new double[] {0.78, 0.9}), Map.entry("Eyeglasses", new double[] {0.03, 0.1}),
                Map.entry("Wearing_Lipstick", new double[] {0.4, 0.54}), Map.entry("Bald", new double[] {0.01, 0.04}),
                Map.entry("Blond_Hair", new double[] {0.1, 0.2}), Map.entry("Wearing_Hat", new double[] {0.03, 0.07}),
                Map.entry("Mouth_Slightly_Open", new double[] {0.42, 0.54}));
        expected.forEach((name, range) -> {
            double rate = positives[Attributes.indexOf(name)] / (double) n;
            assertTrue(rate >= range[0] && rate <= range[1], name + " rate " + rate);
        });
        for (int k = 0; k < Attributes.COUNT; k++) {
            assertTrue(positives[k] > 0, Attributes.NAMES.get(k) + " never positive");
        }
    }

    @Test
    void rulesCatchInconsistentTags() {
        boolean[] a = new boolean[Attributes.COUNT];
        a[Attributes.indexOf("Bald")] = true;
        a[Attributes.indexOf("Bangs")] = true;
        a[Attributes.indexOf("Goatee")] = true;
        a[Attributes.indexOf("No_Beard")] = true;
        List<String> v = AttributeRules.violations(a);
        assertTrue(v.contains("Bald with Bangs"), v.toString());
        assertTrue(v.contains("Goatee with No_Beard"), v.toString());
        assertTrue(v.contains("female with Goatee"), v.toString());
    }
}
