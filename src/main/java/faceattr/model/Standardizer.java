package faceattr.model;

/**
 * Per-feature standardization, (x − mean) / std, with the mean and std of a training set (std floored at 1e-3 so a
 * constant feature does not blow up). The attribute SVMs and the face verifier both see standardized features.
 */
public record Standardizer(float[] mean, float[] std) {

    public static Standardizer fit(float[][] rows) {
        int dim = rows[0].length;
        double[] mean = new double[dim];
        for (float[] row : rows) {
            for (int d = 0; d < dim; d++) {
                mean[d] += row[d];
            }
        }
        for (int d = 0; d < dim; d++) {
            mean[d] /= rows.length;
        }
        double[] var = new double[dim];
        for (float[] row : rows) {
            for (int d = 0; d < dim; d++) {
                var[d] += (row[d] - mean[d]) * (row[d] - mean[d]);
            }
        }
        float[] m = new float[dim];
        float[] s = new float[dim];
        for (int d = 0; d < dim; d++) {
            m[d] = (float) mean[d];
            s[d] = (float) Math.max(1e-3, Math.sqrt(var[d] / rows.length));
        }
        return new Standardizer(m, s);
    }

    public float[] apply(float[] x) {
        float[] out = new float[x.length];
        for (int d = 0; d < x.length; d++) {
            out[d] = (x[d] - mean[d]) / std[d];
        }
        return out;
    }

    public float[][] applyAll(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = apply(rows[i]);
        }
        return out;
    }
}
