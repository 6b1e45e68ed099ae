package faceattr.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Face windows from an averaged response map. A dense multi-scale, multi-aspect set of sliding windows (the paper's
 * EdgeBox proposals replaced by exhaustive windows) is scored with the map's integral image: the mean response inside
 * the window minus the mean response in the ring around it (the window enlarged {@code surround} times). The contrast
 * makes the score peak when the window fits the high-response region, instead of favouring the smallest window on the
 * peak; the map's mean is subtracted first, so that a window covering the whole map (whose ring is empty) scores 0
 * rather than the background level. Several faces: one window per density peak ({@link DensityPeaks}), best-scoring window centred near the peak,
 * then non-maximum suppression.
 */
public final class Localizer {

    /**
     * @param upsample      the map is bilinearly upsampled by this factor before windows are placed (finer boxes)
     * @param minSide       smallest window side as a fraction of the map side
     * @param aspects       window height/width ratios tried
     * @param surround      the ring used for contrast is the window scaled by this factor, minus the window
     * @param stride        window position step, in upsampled cells
     * @param maxFaces      most windows returned
     * @param peakMinRho    density peaks: minimum response relative to the map maximum
     * @param peakMinSigma  density peaks: minimum distance to a higher point, relative to the map diagonal
     * @param nmsIou        windows overlapping a stronger one by more than this are dropped
     */
    public record Settings(int upsample, double minSide, double[] aspects, double surround, int stride, int maxFaces,
                           double peakMinRho, double peakMinSigma, double nmsIou) {
        public static Settings defaults(int maxFaces) {
            return new Settings(4, 0.15, new double[]{0.8, 1.0, 1.25, 1.5}, 2.0, 1, maxFaces, 0.5, 0.2, 0.3);
        }
    }

    /** A window in upsampled-map cells, [x0, x1) × [y0, y1), in map units of the upsampled map of {@code side}. */
    public record Window(double x0, double y0, double x1, double y1, double score) {
        Box box() {
            return new Box(x0, y0, x1 - x0, y1 - y0);
        }
    }

    private final Settings settings;

    public Localizer(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** The single best window: what training uses (one face per training image) and what calibration scores. */
    public Window best(ResponseMap map) {
        return search(map.upsampled(settings.upsample()).centred(), List.of()).get(0);
    }

    /**
     * Up to {@code maxFaces} windows, one per density peak of the raw map, strongest first, in the coordinates of the
     * upsampled map.
     */
    public List<Window> windows(ResponseMap map) {
        List<DensityPeaks.Peak> peaks = DensityPeaks.find(map, settings.peakMinRho(), settings.peakMinSigma());
        List<Window> found = search(map.upsampled(settings.upsample()).centred(), peaks);
        found.sort(Comparator.comparingDouble(Window::score).reversed());
        List<Window> kept = new ArrayList<>();
        for (Window w : found) {
            if (kept.size() >= settings.maxFaces()) {
                break;
            }
            if (kept.stream().noneMatch(k -> k.box().iou(w.box()) > settings.nmsIou())) {
                kept.add(w);
            }
        }
        return kept;
    }

    /** Mean inside minus mean of the surrounding ring (which may be clipped by the map border). */
    public double score(ResponseMap map, int x0, int y0, int x1, int y1) {
        double area = (double) (x1 - x0) * (y1 - y0);
        double inside = map.sum(x0, y0, x1, y1);
        double grow = (settings.surround() - 1) / 2;
        int dx = (int) Math.round((x1 - x0) * grow);
        int dy = (int) Math.round((y1 - y0) * grow);
        int ox0 = Math.max(0, x0 - dx);
        int oy0 = Math.max(0, y0 - dy);
        int ox1 = Math.min(map.width(), x1 + dx);
        int oy1 = Math.min(map.height(), y1 + dy);
        double outerArea = (double) (ox1 - ox0) * (oy1 - oy0) - area;
        double ring = outerArea <= 0 ? 0 : (map.sum(ox0, oy0, ox1, oy1) - inside) / outerArea;
        return inside / area - ring;
    }

    /** Index 0: the global best window; then the best window for each peak (in peak order). */
    private List<Window> search(ResponseMap up, List<DensityPeaks.Peak> peaks) {
        int w = up.width();
        int h = up.height();
        int u = settings.upsample();
        double radius = 1.0 * u;
        Window best = null;
        Window[] perPeak = new Window[peaks.size()];
        int minSide = Math.max(2, (int) Math.round(settings.minSide() * Math.min(w, h)));
        int stride = Math.max(1, settings.stride());
        for (int bw = minSide; bw <= w; bw += stride) {
            for (double aspect : settings.aspects()) {
                int bh = (int) Math.round(bw * aspect);
                if (bh < minSide || bh > h) {
                    continue;
                }
                for (int y0 = 0; y0 + bh <= h; y0 += stride) {
                    for (int x0 = 0; x0 + bw <= w; x0 += stride) {
                        double s = score(up, x0, y0, x0 + bw, y0 + bh);
                        if (best == null || s > best.score()) {
                            best = new Window(x0, y0, x0 + bw, y0 + bh, s);
                        }
                        if (perPeak.length > 0) {
                            double cx = x0 + bw / 2.0;
                            double cy = y0 + bh / 2.0;
                            for (int p = 0; p < perPeak.length; p++) {
                                double px = (peaks.get(p).x() + 0.5) * u;
                                double py = (peaks.get(p).y() + 0.5) * u;
                                if (Math.hypot(cx - px, cy - py) <= radius
                                        && (perPeak[p] == null || s > perPeak[p].score())) {
                                    perPeak[p] = new Window(x0, y0, x0 + bw, y0 + bh, s);
                                }
                            }
                        }
                    }
                }
            }
        }
        if (best == null) {
            best = new Window(0, 0, w, h, score(up, 0, 0, w, h));
        }
        List<Window> out = new ArrayList<>();
        out.add(best);
        for (Window p : perPeak) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }
}
