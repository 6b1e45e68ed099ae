package faceattr.model;

import faceattr.backend.Parallel;
import faceattr.geometry.Box;
import faceattr.image.ImageTensors;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A square region of an image (image pixels; may extend past the edges) shown to a network at {@code input}×{@code input}.
 * The whole image letterboxed is the square of side max(w, h) centred on it.
 */
public record SquareView(double x, double y, double side, int input) {
    /**
     * How much larger than a found box the view of a closer look is (a later LNet pass, LNet's refinement passes, the
     * box regressor): a box that came out too small still leaves the whole face in view.
     */
    public static final double CONTEXT = 1.8;

    public static SquareView whole(int width, int height, int input) {
        double side = Math.max(width, height);
        return new SquareView((width - side) / 2, (height - side) / 2, side, input);
    }

    /** The square of side max(w, h) of the box, centred on it. */
    public static SquareView around(Box box, int input) {
        double side = Math.max(box.width(), box.height());
        return new SquareView(box.centerX() - side / 2, box.centerY() - side / 2, side, input);
    }

    /** The square around {@code box} enlarged {@link #CONTEXT} times: the view of a closer look at a found face. */
    public static SquareView withContext(Box box, int input) {
        return around(box.scaled(CONTEXT), input);
    }

    public byte[] pixels(BufferedImage image) {
        return ImageTensors.crop(image, x, y, side, side, input);
    }

    /** What each view shows of its image ({@code views.get(i)} of {@code images.get(i)}), cut on all cores. */
    public static List<byte[]> pixels(List<BufferedImage> images, List<SquareView> views) {
        return Parallel.map(views.size(), i -> views.get(i).pixels(images.get(i)));
    }

    /** A box in input pixels back to image pixels. */
    public Box toImage(Box inInput) {
        double s = side / input;
        return new Box(x + inInput.x() * s, y + inInput.y() * s, inInput.width() * s, inInput.height() * s);
    }
}
