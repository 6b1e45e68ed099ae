package faceattr.synth;

/**
 * Fixed traits of one synthetic person. The booleans are the person's usual state of the identity-level attributes;
 * a single image may differ where the attribute is per-image (expression, accessories, make-up).
 *
 * @param id              1-based identity number written to {@code identity_CelebA.txt}
 * @param skinShade       0 (light) .. 1 (dark) position on the skin palette
 * @param hairColour      index into {@link FaceRenderer#HAIR_OTHER}'s palette family: 0 black, 1 blond, 2 brown,
 *                        3 gray, 4 other (red / auburn)
 * @param hairShade       small per-person variation of the hair colour, -1 .. 1
 * @param eyeSpacing      half the distance between the eye centres, in face-width units
 * @param eyeHeight       vertical eye position (negative is up), face-width units
 * @param irisHue         0..1 choosing the iris colour
 * @param mouthWidth      half the mouth width, face-width units
 * @param noseLength      nose tip offset below the eyes, face-width units
 * @param fullBeard       wears a full beard (hides the jaw; makes No_Beard false)
 * @param goatee          usually wears a goatee
 * @param mustache        usually wears a moustache
 * @param stubbleRate     chance of a 5 o'clock shadow in one image
 * @param glassesRate     chance of eyeglasses in one image
 * @param attractiveness  prior chance that a labeller tags the person Attractive (not rendered)
 */
record Identity(int id, boolean male, boolean young, boolean pale, double skinShade,
                int hairColour, double hairShade, HairLength hairLength, boolean wavy, boolean straight,
                boolean bangs, boolean receding, boolean bald,
                boolean chubby, boolean oval, boolean doubleChin, boolean narrowEyes, boolean bigNose,
                boolean pointyNose, boolean bigLips, boolean bushyBrows, boolean archedBrows, boolean bagsUnderEyes,
                boolean sideburns, double eyeSpacing, double eyeHeight, double irisHue, double mouthWidth,
                double noseLength, boolean fullBeard, boolean goatee, boolean mustache, double stubbleRate,
                double glassesRate, double attractiveness) {
}
