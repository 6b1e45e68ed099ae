package faceattr.search;

import faceattr.avro.generated.Attribute;
import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceBox;

import java.util.Arrays;

/**
 * One face as the index keeps it: the box, the localization score, and per attribute id (see
 * {@link AttributeDictionary}) the probability (NaN when the record did not carry the attribute) and the decision.
 */
public record IndexedFace(int x, int y, int width, int height, float left, float top, float relWidth,
                          float relHeight, float faceConfidence, float[] probabilities, long[] present) {

    static IndexedFace of(Face face, AttributeDictionary dictionary) {
        int n = face.getAttributes().size();
        int[] ids = new int[n];
        int max = -1;
        for (int i = 0; i < n; i++) {
            ids[i] = dictionary.idOf(face.getAttributes().get(i).getName());
            max = Math.max(max, ids[i]);
        }
        float[] probabilities = new float[max + 1];
        Arrays.fill(probabilities, Float.NaN);
        long[] present = new long[(max + 64) / 64];
        for (int i = 0; i < n; i++) {
            Attribute a = face.getAttributes().get(i);
            probabilities[ids[i]] = a.getProbability();
            if (a.getPresent()) {
                present[ids[i] >>> 6] |= 1L << (ids[i] & 63);
            }
        }
        FaceBox b = face.getBox();
        return new IndexedFace(b.getX(), b.getY(), b.getWidth(), b.getHeight(), b.getLeft(), b.getTop(),
                b.getRelWidth(), b.getRelHeight(), face.getLocalizationScore(), probabilities, present);
    }

    /** The probability of attribute {@code id}, NaN when this face's record did not carry it. */
    public float probability(int id) {
        return id < probabilities.length ? probabilities[id] : Float.NaN;
    }

    /** Whether the record carries attribute {@code id} for this face. */
    public boolean has(int id) {
        return !Float.isNaN(probability(id));
    }

    /** The record's own decision for attribute {@code id} (false when not carried). */
    public boolean isPresent(int id) {
        return (id >>> 6) < present.length && (present[id >>> 6] & (1L << (id & 63))) != 0;
    }
}
