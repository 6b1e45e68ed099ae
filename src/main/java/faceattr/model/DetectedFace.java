package faceattr.model;

/**
 * One face found in an image: its box, how strongly LNet's averaged response supports it, and the 40 attribute
 * probabilities with their decisions (per-attribute thresholds), both in {@link faceattr.data.Attributes#NAMES} order.
 */
public record DetectedFace(Box box, double localizationScore, float[] probabilities, boolean[] present) {
}
