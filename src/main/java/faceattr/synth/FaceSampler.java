package faceattr.synth;

import faceattr.data.Attributes;

import java.awt.Color;
import java.util.SplittableRandom;

import static faceattr.synth.Seeds.chance;
import static faceattr.synth.Seeds.range;

/** Draws one image's tags and per-image choices for a person; the result always passes {@link AttributeRules}. */
final class FaceSampler {
    private static final Color[] LIPSTICKS = {new Color(200, 16, 40), new Color(222, 40, 96), new Color(150, 14, 50),
            new Color(232, 62, 62)};
    private static final Color[] SHADOWS = {new Color(120, 60, 170), new Color(40, 90, 200), new Color(110, 60, 40),
            new Color(200, 70, 160), new Color(30, 140, 120)};
    private static final Color[] ACCESSORIES = {new Color(200, 30, 30), new Color(20, 50, 160), new Color(30, 120, 40),
            new Color(230, 180, 20), new Color(120, 30, 140), new Color(20, 20, 20), new Color(230, 120, 20),
            new Color(240, 240, 240)};

    private FaceSampler() {
    }

    static FaceSpec sample(Identity p, SplittableRandom r) {
        boolean[] a = new boolean[Attributes.COUNT];
        set(a, "Male", p.male());
        set(a, "Young", p.young());
        set(a, "Pale_Skin", p.pale());
        set(a, "Chubby", p.chubby());
        set(a, "Oval_Face", p.oval());
        set(a, "Double_Chin", p.doubleChin());
        set(a, "Narrow_Eyes", p.narrowEyes());
        set(a, "Big_Nose", p.bigNose());
        set(a, "Pointy_Nose", p.pointyNose());
        set(a, "Big_Lips", p.bigLips());
        set(a, "Bushy_Eyebrows", p.bushyBrows());
        set(a, "Arched_Eyebrows", p.archedBrows());
        set(a, "Bags_Under_Eyes", p.bagsUnderEyes());
        set(a, "Sideburns", p.sideburns());

        boolean hat = !p.bald() && chance(r, 0.048);
        set(a, "Wearing_Hat", hat);
        set(a, "Bald", p.bald());
        set(a, "Receding_Hairline", p.receding() && !hat);
        set(a, "Bangs", p.bangs());
        set(a, "Wavy_Hair", p.wavy());
        set(a, "Straight_Hair", p.straight());
        if (!p.bald()) {
            int colour = p.hairColour();
            set(a, "Black_Hair", colour == 0);
            set(a, "Blond_Hair", colour == 1);
            set(a, "Brown_Hair", colour == 2);
            set(a, "Gray_Hair", colour == 3);
        }

        boolean goatee = p.goatee() && chance(r, 0.9);
        set(a, "Goatee", goatee);
        set(a, "Mustache", p.mustache() && chance(r, 0.9));
        set(a, "No_Beard", !goatee && !p.fullBeard());
        set(a, "5_o_Clock_Shadow", !goatee && chance(r, p.stubbleRate()));

        boolean smiling = chance(r, 0.48);
        set(a, "Smiling", smiling);
        set(a, "Mouth_Slightly_Open", chance(r, smiling ? 0.7 : 0.28));
        set(a, "High_Cheekbones", chance(r, smiling ? 0.8 : 0.12));
        set(a, "Eyeglasses", chance(r, p.glassesRate()));

        boolean lipstick = chance(r, p.male() ? 0.005 : 0.8);
        set(a, "Wearing_Lipstick", lipstick);
        set(a, "Heavy_Makeup", !p.male() && chance(r, lipstick ? 0.78 : 0.05));
        set(a, "Rosy_Cheeks", chance(r, p.male() ? 0.02 : 0.105));
        set(a, "Wearing_Earrings", chance(r, p.male() ? 0.02 : 0.32));
        set(a, "Wearing_Necklace", chance(r, p.male() ? 0.01 : 0.2));
        set(a, "Wearing_Necktie", chance(r, p.male() ? 0.16 : 0.005));
        set(a, "Blurry", chance(r, 0.05));
        boolean makeup = a[Attributes.indexOf("Heavy_Makeup")];
        set(a, "Attractive", chance(r, Math.min(0.95, p.attractiveness() + (makeup ? 0.1 : 0))));

        Color shirt = Color.getHSBColor((float) r.nextDouble(), (float) range(r, 0.1, 0.7), (float) range(r, 0.25, 0.95));
        return new FaceSpec(p, a, range(r, -0.05, 0.05), range(r, 0.6, 1.0), r.nextInt(3), chance(r, 0.25) ? 1 : 0,
                r.nextInt(2), shirt, ACCESSORIES[r.nextInt(ACCESSORIES.length)], LIPSTICKS[r.nextInt(LIPSTICKS.length)],
                SHADOWS[r.nextInt(SHADOWS.length)], r.nextLong());
    }

    /** CelebA-like prior of the one tag the renderer cannot show, as written to the manifest. */
    static double attractivePrior() {
        return 0.51;
    }

    private static void set(boolean[] a, String name, boolean value) {
        a[Attributes.indexOf(name)] = value;
    }
}
