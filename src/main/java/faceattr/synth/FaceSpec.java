package faceattr.synth;

import faceattr.data.Attributes;

import java.awt.Color;

/**
 * Everything that decides how one face looks: the person, the 40 tags of this image (the renderer draws exactly what
 * they say), and per-image choices that no tag names.
 *
 * @param attributes    40 tags in official order; the renderer reads them, so toggling one changes the picture
 * @param yaw           horizontal shift of the inner features (a slight head turn), face-width units
 * @param expression    0..1 strength of the smile when Smiling
 * @param hatStyle      0 brimmed hat, 1 beanie, 2 cap
 * @param glassesStyle  0 dark frames, 1 sunglasses
 * @param earringStyle  0 hoops, 1 drops
 */
record FaceSpec(Identity identity, boolean[] attributes, double yaw, double expression, int hatStyle,
                       int glassesStyle, int earringStyle, Color shirt, Color accessory, Color lipstick,
                       Color eyeShadow, long detailSeed) {

    public boolean has(String name) {
        return attributes[Attributes.indexOf(name)];
    }

    /** A copy with one tag set, everything else unchanged (used to show what a tag changes). */
    public FaceSpec with(String name, boolean value) {
        boolean[] a = attributes.clone();
        a[Attributes.indexOf(name)] = value;
        return new FaceSpec(identity, a, yaw, expression, hatStyle, glassesStyle, earringStyle, shirt, accessory,
                lipstick, eyeShadow, detailSeed);
    }
}
