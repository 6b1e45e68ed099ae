package faceattr.model;

import faceattr.geometry.Box;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Face windows from a response map. A dense multi-scale, multi-aspect set of sliding windows ({@link WindowSearch}; the
 * paper's EdgeBox proposals replaced by exhaustive windows) is scored with the map's integral image: the mean response
 * inside the window minus the mean response in the ring around it (the window enlarged {@code surround} times). The
 * contrast makes the score peak when the window fits the high-response region, instead of favouring the smallest
 * window on the peak; the map's mean is subtracted first, so that a window covering the whole map (whose ring is
 * empty) scores 0 rather than the background level. Several faces ({@link PeakSelection}): one window per density peak
 * ({@link DensityPeaks}), the best-scoring window centred near the peak, then non-maximum suppression.
 *
 * <p>The window's score says whether there is a face (the face threshold is calibrated on it); where the box goes is
 * decided by {@link BoxSizing}. {@code CONTRAST} keeps the best-scoring window itself, which fits the map's core and
 * comes out smaller than the face. {@code MOMENTS} follows the paper's "threshold the averaged map, take the region,
 * box it": the region is the connected set of cells above {@code background + regionThreshold × (peak − background)}
 * around the peak (background = the map's median), and the box is centred on the region's response-weighted centroid,
 * as wide as a uniform density with the region's spread (√12·σ, σ the geometric mean of the two axes' standard
 * deviations) and {@code boxAspect} times as high as wide.
 */
public final class Localizer {

    /**
     * Everything that decides where a pass of LNet puts its face boxes and how it scores them, in groups by concern.
     * Each group is a small record with its defaults and with-ers; the presets {@link #defaults} and {@link #faceCam}
     * combine them. A manifest stores these settings as they are ({@link ManifestMigration} upgrades older shapes).
     *
     * @param response which map the windows are placed on
     * @param windows  the exhaustive window search on that map
     * @param peaks    how many faces, where (density peaks), and non-maximum suppression
     * @param scoring  what a window's score (the number the face threshold is calibrated on) is
     * @param sizing   how a face's box is derived once its window has been scored
     * @param looks    the further looks at each found face that move its box (never its score)
     */
    public record Settings(ResponseSource response, WindowSearch windows, PeakSelection peaks, Scoring scoring,
                           BoxSizing sizing, Looks looks) {
        public Settings {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(windows, "windows");
            Objects.requireNonNull(peaks, "peaks");
            Objects.requireNonNull(scoring, "scoring");
            Objects.requireNonNull(sizing, "sizing");
            Objects.requireNonNull(looks, "looks");
        }

        /**
         * The paper's map (C5 averaged over channels), windows scored by their contrast, boxed by moments, one look.
         */
        public static Settings defaults(int maxFaces) {
            return new Settings(ResponseSource.MEAN, WindowSearch.DEFAULT, PeakSelection.upTo(maxFaces), Scoring.WINDOW,
                    BoxSizing.moments(BoxSizing.MEAN_MAP_REGION), Looks.FIRST_ONLY);
        }

        /**
         * For an LNet with a face/no-face output: its class activation map, boxed by moments, each window scored by
         * that output; with closer looks, the box is the average of all looks (docs/model.md).
         */
        public static Settings faceCam(int maxFaces) {
            return new Settings(ResponseSource.FACE_CAM, WindowSearch.DEFAULT, PeakSelection.upTo(maxFaces),
                    Scoring.FACE_OUTPUT, BoxSizing.moments(BoxSizing.FACE_CAM_REGION), Looks.FIRST_ONLY.withAverage(true));
        }

        public Settings withResponse(ResponseSource r) {
            return new Settings(r, windows, peaks, scoring, sizing, looks);
        }

        public Settings withWindows(WindowSearch w) {
            return new Settings(response, w, peaks, scoring, sizing, looks);
        }

        public Settings withPeaks(PeakSelection p) {
            return new Settings(response, windows, p, scoring, sizing, looks);
        }

        public Settings withScoring(Scoring s) {
            return new Settings(response, windows, peaks, s, sizing, looks);
        }

        public Settings withSizing(BoxSizing s) {
            return new Settings(response, windows, peaks, scoring, s, looks);
        }

        public Settings withLooks(Looks l) {
            return new Settings(response, windows, peaks, scoring, sizing, l);
        }
    }

    /**
     * The map the windows are placed on.
     *
     * @param kind        which map of C5 ({@link ResponseKind})
     * @param flipAverage the map is the mean of the maps of the view and of its mirror image (mirrored back): one more
     *                    image in the same LNet batch, a less noisy map
     */
    public record ResponseSource(ResponseKind kind, boolean flipAverage) {
        /** The paper's channel-averaged map, flip-averaged. */
        public static final ResponseSource MEAN = new ResponseSource(ResponseKind.MEAN, true);
        /** The face output's class activation map, flip-averaged. */
        public static final ResponseSource FACE_CAM = new ResponseSource(ResponseKind.FACE_CAM, true);

        public ResponseSource {
            Objects.requireNonNull(kind, "kind");
        }

        public ResponseSource withFlipAverage(boolean flip) {
            return new ResponseSource(kind, flip);
        }
    }

    /**
     * The dense multi-scale, multi-aspect sliding windows (see the class comment).
     *
     * @param upsample the map is bilinearly upsampled by this factor before windows are placed (finer boxes)
     * @param minSide  smallest window side as a fraction of the map side
     * @param aspects  window height/width ratios tried, in this order (ties go to the first)
     * @param surround the ring used for contrast is the window scaled by this factor, minus the window
     * @param stride   window position and size step, in upsampled cells
     */
    public record WindowSearch(int upsample, double minSide, List<Double> aspects, double surround, int stride) {
        /** Four aspects from slightly wide to tall, the ring as wide as the window, every upsampled cell. */
        public static final WindowSearch DEFAULT = new WindowSearch(4, 0.15, List.of(0.8, 1.0, 1.25, 1.5), 2.0, 1);

        public WindowSearch {
            if (upsample < 1) {
                throw new IllegalArgumentException("upsample must be >= 1, got " + upsample);
            }
            aspects = List.copyOf(aspects);
        }

        public WindowSearch withUpsample(int u) {
            return new WindowSearch(u, minSide, aspects, surround, stride);
        }

        public WindowSearch withMinSide(double m) {
            return new WindowSearch(upsample, m, aspects, surround, stride);
        }

        public WindowSearch withAspects(List<Double> a) {
            return new WindowSearch(upsample, minSide, a, surround, stride);
        }

        public WindowSearch withSurround(double s) {
            return new WindowSearch(upsample, minSide, aspects, s, stride);
        }

        public WindowSearch withStride(int s) {
            return new WindowSearch(upsample, minSide, aspects, surround, s);
        }
    }

    /**
     * Several faces: one window per density peak ({@link DensityPeaks}), then non-maximum suppression.
     *
     * @param maxFaces most windows returned
     * @param minRho   a peak's minimum response relative to the map maximum
     * @param minSigma a peak's minimum distance to a higher point, relative to the map diagonal
     * @param nmsIou   windows overlapping a stronger one by more than this are dropped
     */
    public record PeakSelection(int maxFaces, double minRho, double minSigma, double nmsIou) {
        /**
         * At most {@code maxFaces} faces; a peak must reach half the maximum and lie a fifth of the diagonal from any
         * higher point; boxes overlapping a stronger one by more than 0.3 are one face.
         */
        public static PeakSelection upTo(int maxFaces) {
            return new PeakSelection(maxFaces, 0.5, 0.2, 0.3);
        }

        public PeakSelection withMaxFaces(int n) {
            return new PeakSelection(n, minRho, minSigma, nmsIou);
        }

        public PeakSelection withMinRho(double r) {
            return new PeakSelection(maxFaces, r, minSigma, nmsIou);
        }

        public PeakSelection withMinSigma(double s) {
            return new PeakSelection(maxFaces, minRho, s, nmsIou);
        }

        public PeakSelection withNmsIou(double iou) {
            return new PeakSelection(maxFaces, minRho, minSigma, iou);
        }
    }

    /**
     * How a face's box is derived from its window (see the class comment).
     *
     * @param method          {@link Sizing}
     * @param regionThreshold moments: the region is the cells above background + this × (peak − background)
     * @param boxAspect       moments: the box is this many times as high as wide
     */
    public record BoxSizing(Sizing method, double regionThreshold, double boxAspect) {
        /** The best-scoring window itself. */
        public static final BoxSizing CONTRAST = new BoxSizing(Sizing.CONTRAST, 0, 0);
        /** Region threshold for the averaged map (validation choice: docs/model.md, "How the box is chosen"). */
        public static final double MEAN_MAP_REGION = 0.2;
        /** Region threshold for the face output's activation map (chosen likewise, on that map). */
        public static final double FACE_CAM_REGION = 0.12;
        /** Height over width of a moment box (chosen likewise). */
        public static final double FACE_ASPECT = 1.25;

        public BoxSizing {
            Objects.requireNonNull(method, "method");
            if (method == Sizing.MOMENTS && !(regionThreshold > 0 && regionThreshold < 1 && boxAspect > 0)) {
                throw new IllegalArgumentException("moment sizing needs 0 < regionThreshold < 1 and boxAspect > 0, got "
                        + regionThreshold + ", " + boxAspect);
            }
        }

        /** Moment boxes of the region above {@code regionThreshold}, {@link #FACE_ASPECT} times as high as wide. */
        public static BoxSizing moments(double regionThreshold) {
            return new BoxSizing(Sizing.MOMENTS, regionThreshold, FACE_ASPECT);
        }

        public BoxSizing withRegionThreshold(double t) {
            return new BoxSizing(method, t, boxAspect);
        }

        public BoxSizing withBoxAspect(double a) {
            return new BoxSizing(method, regionThreshold, a);
        }
    }

    /**
     * Further looks at each found face; they move its box, never its score (the score stays the whole-image window's,
     * which the face threshold is calibrated on).
     *
     * @param refinePasses     times the same LNet looks again at each found box, on the square around it enlarged
     *                         {@link SquareView#CONTEXT} times, and boxes the face on that closer view (same settings)
     * @param average          with refinement passes: the face's box is the {@link Box#average average} of the boxes
     *                         of all looks (the first and each closer one) instead of the last look's; the looks see
     *                         the face at different scales and err differently
     * @param regressorRepeats with a box regressor: times it looks again at each face, on the view around the box so
     *                         far (the average of the looks, then its own last answer), its answer becoming the box; an
     *                         iterated regression corrects what one look at a badly placed view leaves. Passes without
     *                         a regressor ignore it
     */
    public record Looks(int refinePasses, boolean average, int regressorRepeats) {
        /** The first look's box alone. */
        public static final Looks FIRST_ONLY = new Looks(0, false, 0);

        public Looks {
            if (refinePasses < 0) {
                throw new IllegalArgumentException("refinePasses must be >= 0, got " + refinePasses);
            }
            if (regressorRepeats < 0) {
                throw new IllegalArgumentException("regressorRepeats must be >= 0, got " + regressorRepeats);
            }
        }

        public Looks withRefinePasses(int passes) {
            return new Looks(passes, average, regressorRepeats);
        }

        public Looks withAverage(boolean a) {
            return new Looks(refinePasses, a, regressorRepeats);
        }

        public Looks withRegressorRepeats(int repeats) {
            return new Looks(refinePasses, average, repeats);
        }
    }

    /**
     * What decides whether a window is a face. {@code WINDOW}: its contrast score on the map (the paper's "mean
     * response inside the window"). {@code FACE_OUTPUT}: LNet's own image-level face/no-face output restricted to the
     * window, sigmoid(Σ_c w_c · max over the window's cells of C5_c + b): over the whole map it is exactly that output,
     * so the strongest window of an image carries the network's "contains a face" probability, and each further window
     * its own evidence. The face output was trained to tell face images from backgrounds, which is the decision the
     * face threshold makes; the window score only says how well the window fits the map, and a background map has its
     * strongest region too ({@code FaceScoringTest} compares the two; docs/model.md).
     */
    public enum Scoring { WINDOW, FACE_OUTPUT }

    /** How a face's box is derived once its window has been scored (see the class comment). */
    public enum Sizing { CONTRAST, MOMENTS }

    /**
     * Which map of LNet's C5 the windows are placed on. {@code MEAN}: the paper's averaged response map.
     * {@code FACE_CAM}: the class activation map of LNet's image-level face/no-face output (C5 channels weighted by
     * that output's weights, after Zhou et al. 2016): still learned from one bit per image, but channels that answer
     * attribute tags from clothes or background weigh nothing, so the map stays on the face.
     */
    public enum ResponseKind { MEAN, FACE_CAM }

    /** A window in upsampled-map cells, [x0, x1) × [y0, y1), in map units of the upsampled map of {@code side}. */
    public record Window(double x0, double y0, double x1, double y1, double score) {
        Box box() {
            return new Box(x0, y0, x1 - x0, y1 - y0);
        }
    }

    private final Settings settings;
    private final WindowSearch windowSearch;
    private final PeakSelection peakSelection;
    private final BoxSizing boxSizing;

    public Localizer(Settings settings) {
        this.settings = settings;
        this.windowSearch = settings.windows();
        this.peakSelection = settings.peaks();
        this.boxSizing = settings.sizing();
    }

    public Settings settings() {
        return settings;
    }

    /** The single best window: what training uses (one face per training image) and what calibration scores. */
    public Window best(ResponseMap map) {
        ResponseMap up = map.upsampled(windowSearch.upsample());
        Window best = search(up.centred(), List.of()).get(0);
        if (boxSizing.method() == Sizing.CONTRAST) {
            return best;
        }
        return momentBoxes(up, List.of(argmax(up)), List.of(best.score())).get(0);
    }

    /**
     * The box of {@link #best}, for callers that do not use its contrast score: with moment sizing the box comes from
     * the peak's region alone, so the exhaustive window search (which only scores it) is skipped and the score is NaN.
     */
    public Window bestBox(ResponseMap map) {
        if (boxSizing.method() == Sizing.CONTRAST) {
            return best(map);
        }
        ResponseMap up = map.upsampled(windowSearch.upsample());
        return momentBoxes(up, List.of(argmax(up)), List.of(Double.NaN)).get(0);
    }

    /**
     * Up to {@code maxFaces} windows, one per density peak of the raw map, strongest first, in the coordinates of the
     * upsampled map.
     */
    public List<Window> windows(ResponseMap map) {
        List<DensityPeaks.Peak> peaks = DensityPeaks.find(map, peakSelection.minRho(), peakSelection.minSigma());
        ResponseMap up = map.upsampled(windowSearch.upsample());
        List<Window> found = search(up.centred(), peaks);
        if (boxSizing.method() == Sizing.MOMENTS) {
            found = momentWindowsPerPeak(up, peaks, found);
        }
        found.sort(Comparator.comparingDouble(Window::score).reversed());
        List<Window> kept = new ArrayList<>();
        for (Window w : found) {
            if (kept.size() >= peakSelection.maxFaces()) {
                break;
            }
            if (kept.stream().noneMatch(k -> k.box().iou(w.box()) > peakSelection.nmsIou())) {
                kept.add(w);
            }
        }
        return kept;
    }

    /**
     * Peak windows re-boxed by moments: each peak's box from its own region, keeping the score of its contrast window.
     * {@code found} is the search result (global best first, then one window per peak that had one).
     */
    private List<Window> momentWindowsPerPeak(ResponseMap up, List<DensityPeaks.Peak> peaks, List<Window> found) {
        int u = windowSearch.upsample();
        List<int[]> seeds = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        seeds.add(argmax(up));
        scores.add(found.get(0).score());
        // search() returns a window for every peak in order unless a peak found none; match them by centre
        int next = 1;
        for (DensityPeaks.Peak p : peaks) {
            int sx = Math.min(up.width() - 1, p.x() * u + u / 2);
            int sy = Math.min(up.height() - 1, p.y() * u + u / 2);
            if (next < found.size()) {
                Window w = found.get(next);
                double cx = (w.x0() + w.x1()) / 2;
                double cy = (w.y0() + w.y1()) / 2;
                if (Math.hypot(cx - (p.x() + 0.5) * u, cy - (p.y() + 0.5) * u) <= u + 1e-9) {
                    seeds.add(new int[]{sx, sy});
                    scores.add(w.score());
                    next++;
                }
            }
        }
        return new ArrayList<>(momentBoxes(up, seeds, scores));
    }

    /**
     * One moment box per seed cell (see the class comment): each seed's region is flooded on its own, so a face whose
     * map has two density peaks keeps its whole region for both, and the duplicate boxes fall to non-maximum
     * suppression.
     */
    List<Window> momentBoxes(ResponseMap up, List<int[]> seeds, List<Double> scores) {
        int w = up.width();
        int h = up.height();
        float[] sorted = new float[w * h];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = up.at(i % w, i / w);
        }
        Arrays.sort(sorted);
        double background = sorted[sorted.length / 2];
        List<Window> out = new ArrayList<>(seeds.size());
        for (int k = 0; k < seeds.size(); k++) {
            Window box = momentBox(up, seeds.get(k), background);
            out.add(new Window(box.x0(), box.y0(), box.x1(), box.y1(), scores.get(k)));
        }
        return out;
    }

    private Window momentBox(ResponseMap up, int[] seed, double background) {
        int w = up.width();
        int h = up.height();
        double threshold = background + boxSizing.regionThreshold() * (up.at(seed[0], seed[1]) - background);
        boolean[] inRegion = new boolean[w * h];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        inRegion[seed[1] * w + seed[0]] = true;
        queue.add(seed[1] * w + seed[0]);
        double sw = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        int[][] step = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        while (!queue.isEmpty()) {
            int i = queue.poll();
            int x = i % w;
            int y = i / w;
            double weight = Math.max(up.at(x, y) - threshold, 1e-9);
            double cx = x + 0.5;
            double cy = y + 0.5;
            sw += weight;
            sx += weight * cx;
            sy += weight * cy;
            sxx += weight * cx * cx;
            syy += weight * cy * cy;
            for (int[] d : step) {
                int nx = x + d[0];
                int ny = y + d[1];
                if (nx >= 0 && ny >= 0 && nx < w && ny < h && !inRegion[ny * w + nx] && up.at(nx, ny) > threshold) {
                    inRegion[ny * w + nx] = true;
                    queue.add(ny * w + nx);
                }
            }
        }
        double cx = sx / sw;
        double cy = sy / sw;
        // a lone cell has no spread: it still stands for at least one cell of the upsampled map
        double sdx = Math.sqrt(Math.max(1.0 / 12, sxx / sw - cx * cx));
        double sdy = Math.sqrt(Math.max(1.0 / 12, syy / sw - cy * cy));
        double width = Math.sqrt(12 * sdx * sdy);
        double height = width * boxSizing.boxAspect();
        return new Window(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2, 0);
    }

    private static int[] argmax(ResponseMap map) {
        int bx = 0;
        int by = 0;
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                if (map.at(x, y) > map.at(bx, by)) {
                    bx = x;
                    by = y;
                }
            }
        }
        return new int[]{bx, by};
    }

    /** Mean inside minus mean of the surrounding ring (which may be clipped by the map border). */
    public double score(ResponseMap map, int x0, int y0, int x1, int y1) {
        double area = (double) (x1 - x0) * (y1 - y0);
        double inside = map.sum(x0, y0, x1, y1);
        double grow = (windowSearch.surround() - 1) / 2;
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

    /**
     * Index 0: the global best window; then the best window for each peak (in peak order) among the windows whose
     * centre lies within one map cell of the peak's centre. Windows are visited in one fixed order (size, aspect, row,
     * column) and a later window replaces the best only when it scores strictly higher, so ties go to the first.
     */
    private List<Window> search(ResponseMap up, List<DensityPeaks.Peak> peaks) {
        int w = up.width();
        int h = up.height();
        int minSide = Math.max(2, (int) Math.round(windowSearch.minSide() * Math.min(w, h)));
        int stride = Math.max(1, windowSearch.stride());
        Window best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        double grow = (windowSearch.surround() - 1) / 2;
        for (int bw = minSide; bw <= w; bw += stride) {
            for (double aspect : windowSearch.aspects()) {
                int bh = (int) Math.round(bw * aspect);
                if (bh < minSide || bh > h) {
                    continue;
                }
                // score() unrolled for the exhaustive scan (same arithmetic, in the same order, so the same values)
                double area = (double) bw * bh;
                int dx = (int) Math.round(bw * grow);
                int dy = (int) Math.round(bh * grow);
                for (int y0 = 0; y0 + bh <= h; y0 += stride) {
                    int y1 = y0 + bh;
                    int oy0 = Math.max(0, y0 - dy);
                    int oy1 = Math.min(h, y1 + dy);
                    for (int x0 = 0; x0 + bw <= w; x0 += stride) {
                        int x1 = x0 + bw;
                        int ox0 = Math.max(0, x0 - dx);
                        int ox1 = Math.min(w, x1 + dx);
                        double inside = up.sumInside(x0, y0, x1, y1);
                        double outerArea = (double) (ox1 - ox0) * (oy1 - oy0) - area;
                        double ring = outerArea <= 0 ? 0 : (up.sumInside(ox0, oy0, ox1, oy1) - inside) / outerArea;
                        double s = inside / area - ring;
                        if (best == null || s > bestScore) {
                            best = new Window(x0, y0, x1, y1, s);
                            bestScore = s;
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
        for (DensityPeaks.Peak p : peaks) {
            Window near = bestNear(up, p, minSide, stride);
            if (near != null) {
                out.add(near);
            }
        }
        return out;
    }

    /** The best window whose centre is within one map cell ({@code upsample} cells of {@code up}) of the peak's. */
    private Window bestNear(ResponseMap up, DensityPeaks.Peak peak, int minSide, int stride) {
        int w = up.width();
        int h = up.height();
        int u = windowSearch.upsample();
        double radius = u;
        double px = (peak.x() + 0.5) * u;
        double py = (peak.y() + 0.5) * u;
        Window best = null;
        for (int bw = minSide; bw <= w; bw += stride) {
            for (double aspect : windowSearch.aspects()) {
                int bh = (int) Math.round(bw * aspect);
                if (bh < minSide || bh > h) {
                    continue;
                }
                // only the rows and columns whose centre can lie within the radius
                int yFrom = firstOnGrid(py - radius - bh / 2.0, stride);
                int xFrom = firstOnGrid(px - radius - bw / 2.0, stride);
                for (int y0 = yFrom; y0 + bh <= h && y0 + bh / 2.0 <= py + radius; y0 += stride) {
                    double dy = y0 + bh / 2.0 - py;
                    for (int x0 = xFrom; x0 + bw <= w && x0 + bw / 2.0 <= px + radius; x0 += stride) {
                        double dx = x0 + bw / 2.0 - px;
                        if (dx * dx + dy * dy > radius * radius) {
                            continue;
                        }
                        double s = score(up, x0, y0, x0 + bw, y0 + bh);
                        if (best == null || s > best.score()) {
                            best = new Window(x0, y0, x0 + bw, y0 + bh, s);
                        }
                    }
                }
            }
        }
        return best;
    }

    /** The smallest multiple of {@code stride} that is at least {@code from} and at least 0. */
    private static int firstOnGrid(double from, int stride) {
        return (int) Math.ceil(Math.max(0, from) / stride) * stride;
    }
}
