package faceattr.model;

/**
 * A 2-D map of non-negative responses (row-major), e.g. LNet's C5 activations averaged over channels, with an integral
 * image so that the sum over any rectangle costs four lookups.
 */
public final class ResponseMap {
    private final int width;
    private final int height;
    private final float[] values;
    private final double[] integral;

    public ResponseMap(int width, int height, float[] values) {
        if (values.length != width * height) {
            throw new IllegalArgumentException("map " + width + "x" + height + " needs " + width * height + " values");
        }
        this.width = width;
        this.height = height;
        this.values = values;
        this.integral = new double[(width + 1) * (height + 1)];
        for (int y = 0; y < height; y++) {
            double row = 0;
            for (int x = 0; x < width; x++) {
                row += values[y * width + x];
                integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1] + row;
            }
        }
    }

    /** The channel-averaged map of example {@code n}. */
    public static ResponseMap averaged(FeatureMaps activations, int n) {
        int channels = activations.channels();
        if (channels <= 0) {
            throw new IllegalArgumentException("activation has no channels");
        }
        int cells = activations.height() * activations.width();
        float[] data = activations.data();
        float[] mean = new float[cells];
        for (int i = 0; i < cells; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += data[activations.index(n, c, 0, 0) + i];
            }
            mean[i] = (float) (sum / channels);
        }
        return new ResponseMap(activations.width(), activations.height(), mean);
    }

    /**
     * The map Σ_c w_c·A_c of example {@code n} (a class activation map), shifted so that its minimum is 0: the
     * weights may be negative, and windows, peaks and regions expect non-negative responses.
     */
    public static ResponseMap weighted(FeatureMaps activations, int n, float[] channelWeights) {
        int channels = activations.channels();
        if (channelWeights.length != channels) {
            throw new IllegalArgumentException(channels + " channels but " + channelWeights.length + " weights");
        }
        int cells = activations.height() * activations.width();
        float[] data = activations.data();
        float[] cam = new float[cells];
        for (int i = 0; i < cells; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += (double) channelWeights[c] * data[activations.index(n, c, 0, 0) + i];
            }
            cam[i] = (float) sum;
        }
        float min = Float.POSITIVE_INFINITY;
        for (float v : cam) {
            min = Math.min(min, v);
        }
        for (int i = 0; i < cam.length; i++) {
            cam[i] -= min;
        }
        return new ResponseMap(activations.width(), activations.height(), cam);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public float at(int x, int y) {
        return values[y * width + x];
    }

    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Sum over cells [x0, x1) × [y0, y1), clipped to the map. */
    public double sum(int x0, int y0, int x1, int y1) {
        x0 = Math.max(0, Math.min(width, x0));
        x1 = Math.max(0, Math.min(width, x1));
        y0 = Math.max(0, Math.min(height, y0));
        y1 = Math.max(0, Math.min(height, y1));
        if (x1 <= x0 || y1 <= y0) {
            return 0;
        }
        int w1 = width + 1;
        return integral[y1 * w1 + x1] - integral[y0 * w1 + x1] - integral[y1 * w1 + x0] + integral[y0 * w1 + x0];
    }

    /** Sum over cells [x0, x1) × [y0, y1) of a rectangle known to lie inside the map and to be non-empty. */
    double sumInside(int x0, int y0, int x1, int y1) {
        int w1 = width + 1;
        return integral[y1 * w1 + x1] - integral[y0 * w1 + x1] - integral[y1 * w1 + x0] + integral[y0 * w1 + x0];
    }

    /** The map minus its own mean: the background level becomes 0, so a window covering everything scores 0. */
    public ResponseMap centred() {
        double mean = sum(0, 0, width, height) / (width * height);
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (values[i] - mean);
        }
        return new ResponseMap(width, height, out);
    }

    /** The mean of this map and the map of the mirrored image, mirrored back. */
    public ResponseMap averagedWithMirror(ResponseMap mirrored) {
        if (mirrored.width != width || mirrored.height != height) {
            throw new IllegalArgumentException("maps differ in size");
        }
        float[] out = new float[values.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = (at(x, y) + mirrored.at(width - 1 - x, y)) / 2;
            }
        }
        return new ResponseMap(width, height, out);
    }

    /** Bilinear upsampling by an integer factor (cell centres stay aligned). */
    public ResponseMap upsampled(int factor) {
        if (factor == 1) {
            return this;
        }
        int w = width * factor;
        int h = height * factor;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = sample((x + 0.5) / factor - 0.5, (y + 0.5) / factor - 0.5);
            }
        }
        return new ResponseMap(w, h, out);
    }

    /** The map at a fractional cell position (cell centres at integers), bilinear, clamped to the edge cells. */
    public float sample(double x, double y) {
        double sx = Math.max(0, Math.min(width - 1, x));
        double sy = Math.max(0, Math.min(height - 1, y));
        int x0 = (int) sx;
        int y0 = (int) sy;
        int x1 = Math.min(width - 1, x0 + 1);
        int y1 = Math.min(height - 1, y0 + 1);
        double fx = sx - x0;
        double fy = sy - y0;
        double top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
        double bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }
}
