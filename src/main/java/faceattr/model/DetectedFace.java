package faceattr.model;

import faceattr.geometry.Box;

/**
 * One face found in an image: its box; the confidence in (0, 1) that the box is a face (the calibrated logistic of
 * the face score the threshold applies to: the {@link FaceVerifier}'s when the bundle has one, else the window score
 * of the last LNet pass; 0.5 at the threshold; published as {@code localizationScore}); and the attribute
 * probabilities with their decisions (per-attribute thresholds), both in the order of
 * {@link FaceTagger#attributeNames()}.
 */
public record DetectedFace(Box box, double faceConfidence, float[] probabilities, boolean[] present) {
}
