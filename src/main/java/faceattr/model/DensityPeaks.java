package faceattr.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Peak selection after Rodriguez and Laio (2014), as the paper uses it to separate several faces: every map position i
 * gets a density ρ_i (its response, divided by the map maximum) and a separation σ_i (distance to the nearest position
 * with a higher response, divided by the map diagonal; the global maximum gets 1). Peaks are positions where both are
 * large; they are ranked by d_i = sqrt(ρ_i² + σ_i²).
 */
public final class DensityPeaks {

    /** A selected peak in map cells. */
    public record Peak(int x, int y, double rho, double sigma) {
        public double d() {
            return Math.sqrt(rho * rho + sigma * sigma);
        }
    }

    private DensityPeaks() {
    }

    /**
     * Peaks with ρ ≥ {@code minRho} and σ ≥ {@code minSigma}, strongest d first. The global maximum always qualifies
     * (σ = 1) as long as the map is not all zero.
     */
    public static List<Peak> find(ResponseMap map, double minRho, double minSigma) {
        int w = map.width();
        int h = map.height();
        double max = map.max();
        List<Peak> peaks = new ArrayList<>();
        if (!(max > 0)) {
            return peaks;
        }
        double diagonal = Math.hypot(w, h);
        for (int i = 0; i < w * h; i++) {
            int xi = i % w;
            int yi = i / w;
            float vi = map.at(xi, yi);
            double rho = vi / max;
            if (rho < minRho) {
                continue;
            }
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < w * h; j++) {
                int xj = j % w;
                int yj = j / w;
                float vj = map.at(xj, yj);
                // strictly higher, ties broken by index so that a plateau yields one peak
                if (vj > vi || (vj == vi && j < i)) {
                    nearest = Math.min(nearest, Math.hypot(xi - xj, yi - yj));
                }
            }
            double sigma = Double.isInfinite(nearest) ? 1.0 : nearest / diagonal;
            if (sigma >= minSigma) {
                peaks.add(new Peak(xi, yi, rho, sigma));
            }
        }
        peaks.sort(Comparator.comparingDouble(Peak::d).reversed());
        return peaks;
    }
}
