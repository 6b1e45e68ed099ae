package faceattr.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of convolutional activations [n, channels, height, width] copied once out of ND4J into a Java array, so that
 * per-image and per-window work (response maps, window scores) reads plain memory instead of making a native call per
 * slice, and can run on several threads.
 */
public record FeatureMaps(float[] data, int n, int channels, int height, int width) {

    public FeatureMaps {
        if (data.length != (long) n * channels * height * width) {
            throw new IllegalArgumentException("activations of " + data.length + " values are not " + n + "x"
                    + channels + "x" + height + "x" + width);
        }
    }

    /** Copies an [N, C, H, W] tensor. */
    public static FeatureMaps of(INDArray activations) {
        if (activations.rank() != 4) {
            throw new IllegalArgumentException("expected [N, C, H, W] activations, got rank " + activations.rank());
        }
        INDArray c = activations.dataType() == DataType.FLOAT ? activations : activations.castTo(DataType.FLOAT);
        // a dense C-ordered array's buffer is the data itself; anything else (a view, another order) is made so first
        boolean dense = c.ordering() == 'c' && !c.isView() && c.data().length() == c.length();
        return new FeatureMaps((dense ? c : c.dup('c')).data().asFloat(), (int) c.size(0), (int) c.size(1),
                (int) c.size(2), (int) c.size(3));
    }

    /** Index of cell (x, y) of channel {@code c} of example {@code i}. */
    public int index(int i, int c, int y, int x) {
        return ((i * channels + c) * height + y) * width + x;
    }

    /** The maximum of channel {@code c} of example {@code i} over cells [x0, x1) × [y0, y1). */
    public float max(int i, int c, int x0, int x1, int y0, int y1) {
        float m = Float.NEGATIVE_INFINITY;
        for (int y = y0; y < y1; y++) {
            int row = index(i, c, y, 0);
            for (int x = x0; x < x1; x++) {
                m = Math.max(m, data[row + x]);
            }
        }
        return m;
    }
}
