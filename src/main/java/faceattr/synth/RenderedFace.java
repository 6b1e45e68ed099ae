package faceattr.synth;

import faceattr.geometry.Box;

import java.awt.image.BufferedImage;

/**
 * A rendered photo and its ground truth in its pixel coordinates.
 *
 * @param landmarks left eye, right eye, nose, left and right mouth corner as x, y pairs
 */
record RenderedFace(BufferedImage image, Box box, double[] landmarks) {
}
