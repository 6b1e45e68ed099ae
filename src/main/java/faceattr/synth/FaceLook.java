package faceattr.synth;

import java.awt.Color;
import java.util.SplittableRandom;

import static faceattr.synth.Shapes.mix;
import static faceattr.synth.Shapes.scale;

/**
 * What the painters of one face share: the spec, its geometry, and the colours its tags decide.
 *
 * @param detail random stream for small details (stubble dots); painters draw from it in a fixed order
 */
record FaceLook(FaceSpec face, FaceGeometry geo, Color skin, Color hair, Color brows, SplittableRandom detail) {
    private static final Color[] SKIN = {new Color(240, 204, 178), new Color(226, 174, 140), new Color(200, 142, 106),
            new Color(160, 106, 76), new Color(108, 70, 50)};
    private static final Color PALE = new Color(252, 236, 228);
    static final Color HAIR_BLACK = new Color(26, 22, 22);
    static final Color HAIR_BLOND = new Color(232, 198, 112);
    static final Color HAIR_BROWN = new Color(128, 76, 36);
    static final Color HAIR_GRAY = new Color(184, 184, 188);
    static final Color HAIR_OTHER = new Color(216, 92, 26);

    static FaceLook of(FaceSpec face) {
        Color hair = hairColour(face);
        Color brows = face.has("Bald") ? new Color(60, 45, 36)
                : mix(hair, new Color(20, 14, 12), face.has("Blond_Hair") || face.has("Gray_Hair") ? 0.3 : 0.5);
        return new FaceLook(face, FaceGeometry.of(face), skinColour(face), hair, brows,
                new SplittableRandom(face.detailSeed()));
    }

    /**
     * Skin shading by a fixed amount rather than a ratio, so lines and highlights keep the same contrast on dark and
     * light skin ({@code f} = 0.8 darkens each channel by 46 levels, 1.2 lightens by 46).
     */
    static Color tone(Color c, double f) {
        double d = (f - 1) * 230;
        return new Color(Shapes.clamp(c.getRed() + d), Shapes.clamp(c.getGreen() + d), Shapes.clamp(c.getBlue() + d));
    }

    private static Color skinColour(FaceSpec face) {
        if (face.has("Pale_Skin")) {
            return PALE;
        }
        double t = face.identity().skinShade() * (SKIN.length - 1);
        int i = Math.min(SKIN.length - 2, (int) t);
        Color c = mix(SKIN[i], SKIN[i + 1], t - i);
        return face.has("Young") ? c : mix(c, new Color(150, 140, 135), 0.12);
    }

    private static Color hairColour(FaceSpec face) {
        Color base = face.has("Black_Hair") ? HAIR_BLACK : face.has("Blond_Hair") ? HAIR_BLOND
                : face.has("Brown_Hair") ? HAIR_BROWN : face.has("Gray_Hair") ? HAIR_GRAY : HAIR_OTHER;
        return scale(base, 1 + 0.08 * face.identity().hairShade());
    }
}
