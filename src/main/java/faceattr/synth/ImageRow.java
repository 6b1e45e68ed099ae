package faceattr.synth;

/** One generated image's annotation values, as written to the list files (box: x, y, width, height). */
record ImageRow(boolean[] attributes, int[] box, int[] landmarks, int[] alignedLandmarks) {
}
