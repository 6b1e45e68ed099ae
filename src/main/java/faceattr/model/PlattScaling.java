package faceattr.model;

/**
 * Platt's sigmoid p = 1 / (1 + exp(a·s + b)) from decision values to probabilities, fitted by Newton's method with
 * backtracking on regularized targets (Lin, Lin and Weng 2007, "A note on Platt's probabilistic outputs").
 */
public record PlattScaling(double a, double b) {

    public static PlattScaling fit(double[] scores, boolean[] positive) {
        int n = scores.length;
        int nPos = 0;
        for (boolean p : positive) {
            nPos += p ? 1 : 0;
        }
        int nNeg = n - nPos;
        double hiTarget = (nPos + 1.0) / (nPos + 2.0);
        double loTarget = 1.0 / (nNeg + 2.0);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = positive[i] ? hiTarget : loTarget;
        }
        double a = 0;
        double b = Math.log((nNeg + 1.0) / (nPos + 1.0));
        double sigma = 1e-12;
        double fval = objective(scores, t, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
            for (int i = 0; i < n; i++) {
                double fApB = scores[i] * a + b;
                double p;
                double q;
                if (fApB >= 0) {
                    p = Math.exp(-fApB) / (1 + Math.exp(-fApB));
                    q = 1 / (1 + Math.exp(-fApB));
                } else {
                    p = 1 / (1 + Math.exp(fApB));
                    q = Math.exp(fApB) / (1 + Math.exp(fApB));
                }
                double d2 = p * q;
                h11 += scores[i] * scores[i] * d2;
                h22 += d2;
                h21 += scores[i] * d2;
                double d1 = t[i] - p;
                g1 += scores[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double step = 1;
            boolean improved = false;
            while (step >= 1e-10) {
                double na = a + step * dA;
                double nb = b + step * dB;
                double nf = objective(scores, t, na, nb);
                if (nf < fval + 1e-4 * step * gd) {
                    a = na;
                    b = nb;
                    fval = nf;
                    improved = true;
                    break;
                }
                step /= 2;
            }
            if (!improved) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    public double probability(double score) {
        double fApB = score * a + b;
        return fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
    }

    private static double objective(double[] s, double[] t, double a, double b) {
        double f = 0;
        for (int i = 0; i < s.length; i++) {
            double fApB = s[i] * a + b;
            f += fApB >= 0 ? t[i] * fApB + Math.log(1 + Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log(1 + Math.exp(fApB));
        }
        return f;
    }
}
