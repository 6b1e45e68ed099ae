package faceattr.synth;

import faceattr.data.Attributes;

import java.util.ArrayList;
import java.util.List;

/** Logical consistency of a tag vector, in CelebA's sense. */
public final class AttributeRules {
    private static final int BALD = Attributes.indexOf("Bald");
    private static final int BANGS = Attributes.indexOf("Bangs");
    private static final int RECEDING = Attributes.indexOf("Receding_Hairline");
    private static final int STRAIGHT = Attributes.indexOf("Straight_Hair");
    private static final int WAVY = Attributes.indexOf("Wavy_Hair");
    private static final int HAT = Attributes.indexOf("Wearing_Hat");
    private static final int MALE = Attributes.indexOf("Male");
    private static final int GOATEE = Attributes.indexOf("Goatee");
    private static final int NO_BEARD = Attributes.indexOf("No_Beard");
    private static final int[] HAIR_COLOURS = {Attributes.indexOf("Black_Hair"), Attributes.indexOf("Blond_Hair"),
            Attributes.indexOf("Brown_Hair"), Attributes.indexOf("Gray_Hair")};
    private static final int[] MALE_ONLY = {Attributes.indexOf("Goatee"), Attributes.indexOf("Mustache"),
            Attributes.indexOf("5_o_Clock_Shadow"), Attributes.indexOf("Sideburns")};

    private AttributeRules() {
    }

    /** Human-readable descriptions of every rule the tags break; empty when consistent. */
    public static List<String> violations(boolean[] a) {
        List<String> v = new ArrayList<>();
        if (a[BALD]) {
            for (int i : new int[] {BANGS, RECEDING, STRAIGHT, WAVY, HAT}) {
                if (a[i]) {
                    v.add("Bald with " + Attributes.NAMES.get(i));
                }
            }
            for (int i : HAIR_COLOURS) {
                if (a[i]) {
                    v.add("Bald with " + Attributes.NAMES.get(i));
                }
            }
        }
        int colours = 0;
        for (int i : HAIR_COLOURS) {
            colours += a[i] ? 1 : 0;
        }
        if (colours > 1) {
            v.add("more than one hair colour");
        }
        if (a[STRAIGHT] && a[WAVY]) {
            v.add("Straight_Hair with Wavy_Hair");
        }
        if (a[RECEDING] && (a[BANGS] || a[HAT])) {
            v.add("Receding_Hairline with Bangs or Wearing_Hat");
        }
        if (a[GOATEE] && a[NO_BEARD]) {
            v.add("Goatee with No_Beard");
        }
        if (!a[MALE]) {
            for (int i : MALE_ONLY) {
                if (a[i]) {
                    v.add("female with " + Attributes.NAMES.get(i));
                }
            }
            if (!a[NO_BEARD]) {
                v.add("female without No_Beard");
            }
        }
        return v;
    }
}
