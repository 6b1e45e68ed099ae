package faceattr.model;

import faceattr.geometry.Box;
import faceattr.image.ImageTensors;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CNN that says where the face is in a close view: the square around LNet's box, enlarged
 * {@link SquareView#CONTEXT} times (the view of LNet's closer look). It is trained on LNet's own boxes of training
 * images (pseudo boxes; never an annotated box), after PSOL (Zhang et al., CVPR 2020): a regressor fitted to many
 * noisy pseudo boxes learns what they have in common and averages out each map's own errors (hair, neck, clutter that
 * the response map spreads into on one image but not on the next).
 *
 * <p>The box is coded relative to the view: centre as a fraction of the side, width and height as log fractions.
 * At inference the view and its mirror image go through the net in one batch and their answers are averaged.
 */
public final class BoxRegressor {
    private final ComputationGraph net;
    private final int input;

    public BoxRegressor(ComputationGraph net, int input) {
        this.net = net;
        this.input = input;
    }

    public ComputationGraph net() {
        return net;
    }

    public int input() {
        return input;
    }

    /** The view the regressor looks at for a face that LNet's first look boxed as {@code box}. */
    public SquareView viewAround(Box box) {
        return viewAround(box, input);
    }

    /** The same, for a regressor of {@code input} pixels (training cuts its views here too). */
    public static SquareView viewAround(Box box, int input) {
        return SquareView.withContext(box, input);
    }

    /** The face's box in each view (image pixels); one forward pass over the views and their mirror images. */
    public List<Box> boxes(List<BufferedImage> images, List<SquareView> views) {
        if (views.isEmpty()) {
            return List.of();
        }
        int n = views.size();
        List<byte[]> batch = new ArrayList<>(SquareView.pixels(images, views));
        for (int i = 0; i < n; i++) {
            batch.add(ImageTensors.flipHorizontal(batch.get(i), input));
        }
        float[][] out = net.outputSingle(false, ImageTensors.toTensor(batch, input)).toFloatMatrix();
        List<Box> boxes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] direct = out[i];
            float[] mirroredBack = mirror(out[n + i]);
            float[] code = new float[4];
            for (int k = 0; k < 4; k++) {
                code[k] = (direct[k] + mirroredBack[k]) / 2;
            }
            boxes.add(decode(code, views.get(i)));
        }
        return boxes;
    }

    /** {@code box} coded relative to {@code view}: centre x, centre y (fractions of the side), log width, log height. */
    public static float[] encode(Box box, SquareView view) {
        return new float[]{
                (float) ((box.centerX() - view.x()) / view.side()),
                (float) ((box.centerY() - view.y()) / view.side()),
                (float) Math.log(Math.max(1e-6, box.width() / view.side())),
                (float) Math.log(Math.max(1e-6, box.height() / view.side()))};
    }

    /** Inverse of {@link #encode}. */
    public static Box decode(float[] code, SquareView view) {
        double w = Math.exp(code[2]) * view.side();
        double h = Math.exp(code[3]) * view.side();
        return new Box(view.x() + code[0] * view.side() - w / 2, view.y() + code[1] * view.side() - h / 2, w, h);
    }

    /** The code of the same box in the mirrored view. */
    public static float[] mirror(float[] code) {
        return new float[]{1 - code[0], code[1], code[2], code[3]};
    }
}
