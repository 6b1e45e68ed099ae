package faceattr.synth;

import faceattr.data.Attributes;
import faceattr.geometry.Box;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rendered tag changes pixels of the face: the same face and scene rendered with the tag on and off. */
class RenderedAttributesTest {
    /** Below the chin, so compared over the head-and-shoulders region (the face box grown 1.8x downwards). */
    private static final Set<String> BELOW_FACE = Set.of("Wearing_Necktie", "Wearing_Necklace");
    /** Changed-pixel share of the face box required (0.5% is about 20 pixels of a 64x64 face crop). */
    private static final double MIN_CHANGED = 0.005;
    private static final Set<String> HAIR_COLOURS = Set.of("Blond_Hair", "Brown_Hair", "Gray_Hair");

    @Test
    void atLeastThirtyTagsAreRendered() {
        List<String> rendered = SynthGenerator.renderedAttributes();
        assertTrue(rendered.size() >= 30, "rendered " + rendered.size());
        assertEquals(Attributes.COUNT, rendered.size() + SynthGenerator.NOT_RENDERED.size());
    }

    @Test
    void eachRenderedTagChangesTheFaceRegionOnLightSkin() {
        assertEveryTagChangesPixels(baseFace(IdentityFactory.create(1, 1)));
    }

    @Test
    void eachRenderedTagChangesTheFaceRegionOnDarkSkin() {
        Identity dark = null;
        for (int id = 1; dark == null; id++) {
            Identity p = IdentityFactory.create(1, id);
            dark = p.skinShade() > 0.85 ? p : null;
        }
        assertEveryTagChangesPixels(baseFace(dark));
    }

    private static void assertEveryTagChangesPixels(FaceSpec base) {
        List<String> rendered = SynthGenerator.renderedAttributes();
        SceneSpec scene = new SceneSpec(256, 320, 128, 150, 120, Math.toRadians(8), 77, 0,
                new double[] {1, 1, 1}, 1, 1, 0, 0, 0, 90);
        RenderedFace off = WildRenderer.render(base, scene);
        List<String> weak = new ArrayList<>();
        for (String tag : rendered) {
            FaceSpec toggled = base.with(tag, !base.has(tag));
            if (tag.equals("Bald") || HAIR_COLOURS.contains(tag)) {
                toggled = toggled.with("Black_Hair", false).with("Straight_Hair", !tag.equals("Bald"));
            }
            RenderedFace on = WildRenderer.render(toggled, scene);
            Box region = BELOW_FACE.contains(tag)
                    ? new Box(off.box().x(), off.box().y(), off.box().width(), off.box().height() * 1.8)
                    : off.box();
            double changed = changedShare(off.image(), on.image(), region);
            if (changed < MIN_CHANGED) {
                weak.add(tag + "=" + changed);
            }
        }
        assertTrue(weak.isEmpty(), "tags that barely change the face: " + weak);
    }

    @Test
    void notRenderedTagChangesNothing() {
        FaceSpec base = baseFace(IdentityFactory.create(1, 1));
        SceneSpec scene = new SceneSpec(200, 200, 100, 100, 80, 0, 5, 0, new double[] {1, 1, 1}, 1, 1, 0, 0, 0, 90);
        RenderedFace a = WildRenderer.render(base, scene);
        RenderedFace b = WildRenderer.render(base.with("Attractive", !base.has("Attractive")), scene);
        assertEquals(0.0, changedShare(a.image(), b.image(), a.box()));
    }

    /** A young man with straight black hair, no beard and nothing worn: every tag has something to change. */
    private static FaceSpec baseFace(Identity p) {
        FaceSpec f = SynthGenerator.faceOf(1, 0, p);
        for (String tag : Attributes.NAMES) {
            f = f.with(tag, false);
        }
        return f.with("Male", true).with("Young", true).with("Black_Hair", true).with("Straight_Hair", true)
                .with("No_Beard", true);
    }

    private static double changedShare(BufferedImage a, BufferedImage b, Box region) {
        Box r = region.clip(a.getWidth(), a.getHeight());
        int changed = 0;
        int total = 0;
        for (int y = (int) r.y(); y < (int) (r.y() + r.height()); y++) {
            for (int x = (int) r.x(); x < (int) (r.x() + r.width()); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 255) - ((q >> 16) & 255)) + Math.abs(((p >> 8) & 255) - ((q >> 8) & 255))
                        + Math.abs((p & 255) - (q & 255));
                changed += d > 30 ? 1 : 0;
                total++;
            }
        }
        return changed / (double) total;
    }
}
