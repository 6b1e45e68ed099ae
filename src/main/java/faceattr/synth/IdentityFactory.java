package faceattr.synth;

import java.util.SplittableRandom;

import static faceattr.synth.Seeds.chance;
import static faceattr.synth.Seeds.range;

/** Draws people with CelebA-like attribute frequencies (rates quoted are CelebA's overall positive rates). */
final class IdentityFactory {
    private IdentityFactory() {
    }

    static Identity create(long seed, int id) {
        SplittableRandom r = Seeds.stream(seed, Seeds.IDENTITY, id);
        boolean male = chance(r, 0.42);                                   // Male 42%
        boolean young = chance(r, male ? 0.70 : 0.83);                    // Young 77%
        boolean pale = chance(r, male ? 0.02 : 0.06);                     // Pale_Skin 4%
        double skinShade = 0.1 + 0.9 * Math.pow(r.nextDouble(), 2.2);   // mostly light, as in CelebA
        boolean bald = male && chance(r, young ? 0.02 : 0.14);            // Bald 2%
        boolean receding = !bald && chance(r, male ? (young ? 0.08 : 0.30) : 0.03);   // Receding_Hairline 8%
        int hairColour = hairColour(r, male, young);
        HairLength length = male
                ? (chance(r, 0.86) ? HairLength.SHORT : chance(r, 0.8) ? HairLength.MEDIUM : HairLength.LONG)
                : (chance(r, 0.75) ? HairLength.LONG : chance(r, 0.8) ? HairLength.MEDIUM : HairLength.SHORT);
        boolean wavy = !bald && chance(r, male ? 0.10 : 0.50);            // Wavy_Hair 32%
        boolean straight = !bald && !wavy && chance(r, male ? 0.25 : 0.42);  // Straight_Hair 21%
        boolean bangs = !bald && !receding && chance(r, male ? 0.06 : 0.24); // Bangs 15%
        boolean chubby = chance(r, male ? 0.11 : 0.025);                  // Chubby 6%
        boolean oval = !chubby && chance(r, male ? 0.2 : 0.36);           // Oval_Face 28%
        boolean doubleChin = chance(r, chubby ? 0.5 : young ? 0.01 : 0.1); // Double_Chin 5%
        boolean narrowEyes = chance(r, 0.115);                            // Narrow_Eyes 12%
        boolean bigNose = chance(r, male ? 0.40 : 0.11);                  // Big_Nose 23%
        boolean pointyNose = chance(r, male ? 0.14 : 0.38);               // Pointy_Nose 28%
        boolean bigLips = chance(r, male ? 0.16 : 0.30);                  // Big_Lips 24%
        boolean bushy = chance(r, male ? 0.26 : 0.06);                    // Bushy_Eyebrows 14%
        boolean arched = chance(r, male ? 0.06 : 0.42);                   // Arched_Eyebrows 27%
        boolean bags = chance(r, (male ? 0.28 : 0.10) + (young ? 0 : 0.15));  // Bags_Under_Eyes 20%
        boolean sideburns = male && chance(r, 0.13);                      // Sideburns 6%
        boolean fullBeard = male && chance(r, 0.15);
        boolean goatee = male && chance(r, 0.19);                         // Goatee 6%
        boolean mustache = male && chance(r, fullBeard || goatee ? 0.45 : 0.04);  // Mustache 4%
        double stubbleRate = male && !fullBeard ? range(r, 0.0, 0.55) : 0;  // 5_o_Clock_Shadow 11%
        double glassesRate = chance(r, young ? 0.07 : 0.2) ? 0.7 : 0.01;  // Eyeglasses 6.5%
        double attractiveness = young ? (male ? 0.42 : 0.78) : (male ? 0.12 : 0.3);
        return new Identity(id, male, young, pale, skinShade, hairColour, range(r, -1, 1), length, wavy, straight,
                bangs, receding, bald, chubby, oval, doubleChin, narrowEyes, bigNose, pointyNose, bigLips, bushy,
                arched, bags, sideburns, range(r, 0.19, 0.215), range(r, -0.1, -0.06), r.nextDouble(),
                range(r, 0.14, 0.17), range(r, 0.21, 0.26), fullBeard, goatee, mustache, stubbleRate, glassesRate,
                attractiveness);
    }

    /** Black 24%, blond 15%, brown 20%, gray 4%, other (red, auburn) for the rest. */
    private static int hairColour(SplittableRandom r, boolean male, boolean young) {
        double gray = young ? 0.005 : 0.28;
        double blond = male ? 0.04 : 0.24;
        double u = r.nextDouble();
        if (u < gray) {
            return 3;
        }
        u = r.nextDouble();
        if (u < blond) {
            return 1;
        }
        if (u < blond + 0.33) {
            return 0;
        }
        if (u < blond + 0.33 + 0.30) {
            return 2;
        }
        return 4;
    }
}
