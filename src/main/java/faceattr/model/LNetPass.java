package faceattr.model;

import faceattr.backend.Parallel;
import faceattr.geometry.Box;
import faceattr.image.ImageTensors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One pass of one LNet over square views of images (the whole image letterboxed, or a crop around an earlier pass's
 * window): LNet_o or LNet_s of the paper's coarse-to-fine pair, or the compact profile's single LNet. It computes the
 * views' response maps in one batch, places and scores windows on them ({@link Localizer}), and, as the settings'
 * {@link Localizer.Looks} say, looks again at each found face (the same LNet on a closer view, then the box regressor)
 * to place its box. Each pass knows only its own net and views: the sequence of passes is the caller's ({@code FaceLocator}).
 */
public final class LNetPass {
    private final ComputationGraph net;
    private final int input;
    private final Localizer localizer;
    private final Localizer.Settings settings;
    /** The face output's weight per C5 channel when the map is its class activation map, else null. */
    private final float[] camWeights;
    /** The face output's weights and bias when windows are scored by it, else null. */
    private final float[] scoreWeights;
    private final double scoreBias;
    /** Looks once more at each face with the box regressor, or null. */
    private final BoxRegressor regressor;

    public LNetPass(ComputationGraph net, int input, Localizer localizer) {
        this(net, input, localizer, null);
    }

    /** @param regressor adds its box to each face's looks (see {@link #localize}); null for none */
    public LNetPass(ComputationGraph net, int input, Localizer localizer, BoxRegressor regressor) {
        this.net = net;
        this.input = input;
        this.localizer = localizer;
        this.settings = localizer.settings();
        this.regressor = regressor;
        this.camWeights = settings.response().kind() == Localizer.ResponseKind.FACE_CAM ? faceWeights(net) : null;
        boolean faceScore = settings.scoring() == Localizer.Scoring.FACE_OUTPUT;
        this.scoreWeights = !faceScore ? null : camWeights != null ? camWeights : faceWeights(net);
        this.scoreBias = faceScore ? net.getLayer(Networks.LNET_FACE).getParam("b").getDouble(0) : 0;
    }

    /** Whether this LNet has the image-level face/no-face output that a {@code FACE_CAM} map needs. */
    public static boolean hasFaceOutput(ComputationGraph net) {
        return net.getConfiguration().getVertices().containsKey(Networks.LNET_FACE);
    }

    private static float[] faceWeights(ComputationGraph net) {
        if (!hasFaceOutput(net)) {
            throw new IllegalArgumentException("the localizer asks for the face output (activation map or window "
                    + "scores), but this LNet has no '" + Networks.LNET_FACE + "' output (it was trained without "
                    + "background images)");
        }
        INDArray w = net.getLayer(Networks.LNET_FACE).getParam("W");
        return w.reshape(w.length()).toFloatVector();
    }

    public ComputationGraph net() {
        return net;
    }

    public int input() {
        return input;
    }

    public Localizer localizer() {
        return localizer;
    }

    /** The box regressor this pass looks with, if any. */
    public java.util.Optional<BoxRegressor> regressor() {
        return java.util.Optional.ofNullable(regressor);
    }

    /** The same LNet and settings looking also with {@code r} (null: without a regressor). */
    public LNetPass withRegressor(BoxRegressor r) {
        return new LNetPass(net, input, localizer, r);
    }

    /** A scored window in image pixels. */
    public record Candidate(Box box, double score) {
    }

    /**
     * C5 response maps (averaged, or the face output's activation map, as the localizer settings say) of a batch of
     * views, one forward pass (with the mirrored views in the same batch when the settings ask for flip averaging).
     */
    public List<ResponseMap> responseMaps(List<byte[]> viewPixels) {
        return look(viewPixels).maps();
    }

    /** C5 of the views (then of their mirrors when flip-averaging) and the maps made from it. */
    private record Look(FeatureMaps c5, List<ResponseMap> maps) {
    }

    private Look look(List<byte[]> viewPixels) {
        boolean flip = settings.response().flipAverage();
        List<byte[]> batch = new ArrayList<>(viewPixels);
        if (flip) {
            for (byte[] v : viewPixels) {
                batch.add(ImageTensors.flipHorizontal(v, input));
            }
        }
        INDArray x = ImageTensors.toTensor(batch, input);
        FeatureMaps c5 = FeatureMaps.of(net.output(List.of(Networks.C5), false, new INDArray[]{x}, null)[0]);
        int n = viewPixels.size();
        List<ResponseMap> maps = Parallel.map(n, i -> {
            ResponseMap m = map(c5, i);
            return flip ? m.averagedWithMirror(map(c5, n + i)) : m;
        });
        return new Look(c5, maps);
    }

    /**
     * The face output restricted to a window (upsampled-map cells) of view {@code i}: sigmoid of the face weights
     * times each C5 channel's maximum over the window's cells, plus the bias; mean with the mirror view's when
     * flip-averaging.
     */
    private double faceScore(Look look, int i, Localizer.Window w) {
        int n = look.maps().size();
        int width = look.maps().get(i).width();
        int height = look.maps().get(i).height();
        int up = settings.windows().upsample();
        int x0 = clamp((int) Math.floor(w.x0() / up), width - 1);
        int x1 = Math.max(x0 + 1, clamp((int) Math.ceil(w.x1() / up), width));
        int y0 = clamp((int) Math.floor(w.y0() / up), height - 1);
        int y1 = Math.max(y0 + 1, clamp((int) Math.ceil(w.y1() / up), height));
        double p = sigmoid(look.c5(), i, x0, x1, y0, y1);
        if (look.c5().n() == 2 * n) {
            p = (p + sigmoid(look.c5(), n + i, width - x1, width - x0, y0, y1)) / 2;
        }
        return p;
    }

    private double sigmoid(FeatureMaps c5, int example, int x0, int x1, int y0, int y1) {
        double z = scoreBias;
        for (int c = 0; c < c5.channels(); c++) {
            z += scoreWeights[c] * c5.max(example, c, x0, x1, y0, y1);
        }
        return 1 / (1 + Math.exp(-z));
    }

    private static int clamp(int v, int hi) {
        return Math.max(0, Math.min(hi, v));
    }

    private ResponseMap map(FeatureMaps c5, int i) {
        return camWeights == null ? ResponseMap.averaged(c5, i) : ResponseMap.weighted(c5, i, camWeights);
    }

    /**
     * Windows found in each view (image pixels): all density-peak windows when {@code multi}, else the single best;
     * each box then refined {@code refinePasses} times (see {@link Localizer.Looks}) and, with a box regressor, looked
     * at once more by it on the view around the first look's box, then {@code regressorRepeats} times on the view
     * around the box so far.
     */
    public List<List<Candidate>> localize(List<BufferedImage> images, List<SquareView> views, boolean multi) {
        List<List<Candidate>> found = find(images, views, multi);
        if (settings.looks().refinePasses() == 0 && regressor == null) {
            return found;
        }
        return fromLooks(images, found, looks(images, found));
    }

    /**
     * What the pass sees of a view's best window: LNet's own looks at it (the first, then one per refinement pass;
     * never the regressor's) and the box the pass gives the face (the average of those looks, or with a box regressor
     * its box and repeats), as {@link #localize} would.
     */
    public record Seen(List<Box> looks, Box box) {
    }

    /** {@link Seen} for each view's best window (what the box regressor learns from). */
    public List<Seen> seenAtBest(List<BufferedImage> images, List<SquareView> views) {
        List<List<Candidate>> found = find(images, views, false);
        List<List<List<Box>>> looks = looks(images, found);
        List<List<Box>> lnetLooks = looks.stream().map(l -> List.copyOf(l.get(0))).toList();
        List<List<Candidate>> faces = fromLooks(images, found, looks);
        List<Seen> seen = new ArrayList<>(views.size());
        for (int i = 0; i < views.size(); i++) {
            seen.add(new Seen(lnetLooks.get(i), faces.get(i).get(0).box()));
        }
        return seen;
    }

    /** The candidates' boxes from LNet's looks: the regressor's look and repeats added, when there is a regressor. */
    private List<List<Candidate>> fromLooks(List<BufferedImage> images, List<List<Candidate>> found,
                                            List<List<List<Box>>> looks) {
        if (regressor != null) {
            regressorLook(images, looks);
        }
        List<List<List<Box>>> boxes = boxesFromLooks(looks);
        for (int repeat = 0; regressor != null && repeat < settings.looks().regressorRepeats(); repeat++) {
            appendLook(images, boxes, b -> regressor.viewAround(b.get(b.size() - 1)), regressor::boxes);
        }
        return candidates(found, boxes);
    }

    private List<List<List<Box>>> looks(List<BufferedImage> images, List<List<Candidate>> found) {
        List<List<List<Box>>> looks = new ArrayList<>(found.size());
        for (List<Candidate> candidates : found) {
            List<List<Box>> perCandidate = new ArrayList<>(candidates.size());
            for (Candidate c : candidates) {
                perCandidate.add(new ArrayList<>(List.of(c.box())));
            }
            looks.add(perCandidate);
        }
        for (int pass = 0; pass < settings.looks().refinePasses(); pass++) {
            lookCloser(images, looks);
        }
        return looks;
    }

    private List<List<Candidate>> find(List<BufferedImage> images, List<SquareView> views, boolean multi) {
        Look look = look(SquareView.pixels(images, views));
        return Parallel.map(views.size(), i -> {
            ResponseMap map = look.maps().get(i);
            // a window scored by LNet's face output needs no contrast score from the search
            List<Localizer.Window> windows = multi ? localizer.windows(map)
                    : List.of(scoreWeights == null ? localizer.best(map) : localizer.bestBox(map));
            List<Candidate> candidates = new ArrayList<>(windows.size());
            for (Localizer.Window w : windows) {
                double score = scoreWeights == null ? w.score() : faceScore(look, i, w);
                candidates.add(new Candidate(toImage(w, map, views.get(i)), score));
            }
            // strongest first by the score the face threshold sees (the windows came ordered by contrast)
            candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
            return candidates;
        });
    }

    /** One closer look at every candidate, on the square around its latest look's box; appends the box it finds. */
    private void lookCloser(List<BufferedImage> images, List<List<List<Box>>> looks) {
        appendLook(images, looks, c -> SquareView.withContext(c.get(c.size() - 1), input), this::boxesOnViews);
    }

    /** The regressor's box for every candidate, on the view around its first look's box; appended to its looks. */
    private void regressorLook(List<BufferedImage> images, List<List<List<Box>>> looks) {
        appendLook(images, looks, c -> regressor.viewAround(c.get(0)), regressor::boxes);
    }

    /**
     * One more look at every candidate of every image, in one batch: {@code viewOf} says where it looks from the
     * candidate's looks so far, {@code look} finds the box in each (image, view) pair; the box is appended.
     */
    private static void appendLook(List<BufferedImage> images, List<List<List<Box>>> looks,
                                   Function<List<Box>, SquareView> viewOf,
                                   BiFunction<List<BufferedImage>, List<SquareView>, List<Box>> look) {
        List<BufferedImage> owners = new ArrayList<>();
        List<SquareView> views = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            for (List<Box> candidate : looks.get(i)) {
                owners.add(images.get(i));
                views.add(viewOf.apply(candidate));
            }
        }
        List<Box> boxes = views.isEmpty() ? List.of() : look.apply(owners, views);
        int k = 0;
        for (List<List<Box>> candidates : looks) {
            for (List<Box> candidate : candidates) {
                candidate.add(boxes.get(k++));
            }
        }
    }

    /** LNet's best box in each view (image pixels), one forward pass. */
    private List<Box> boxesOnViews(List<BufferedImage> owners, List<SquareView> views) {
        List<ResponseMap> maps = responseMaps(SquareView.pixels(owners, views));
        return Parallel.map(views.size(), i -> toImage(localizer.bestBox(maps.get(i)), maps.get(i), views.get(i)));
    }

    /**
     * Each candidate's box from its looks (the average of all, or the last; with a box regressor, the average of the
     * looks at the close view: closer looks and the regressor's), as the one look of a new list of looks (that further
     * regressor looks append to).
     */
    private List<List<List<Box>>> boxesFromLooks(List<List<List<Box>>> looks) {
        List<List<List<Box>>> out = new ArrayList<>(looks.size());
        for (List<List<Box>> candidates : looks) {
            List<List<Box>> boxes = new ArrayList<>(candidates.size());
            for (List<Box> seen : candidates) {
                // with a regressor the first look only places the close view: the box averages what was seen there
                List<Box> averaged = regressor != null ? seen.subList(1, seen.size()) : seen;
                Box box = settings.looks().average() ? Box.average(averaged) : seen.get(seen.size() - 1);
                boxes.add(new ArrayList<>(List.of(box)));
            }
            out.add(boxes);
        }
        return out;
    }

    /**
     * The candidates with their latest boxes, scores kept from the first look; a box that now overlaps a stronger one
     * (two windows on one face) is dropped, as the first look's non-maximum suppression would.
     */
    private List<List<Candidate>> candidates(List<List<Candidate>> found, List<List<List<Box>>> boxes) {
        List<List<Candidate>> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            List<Candidate> refined = new ArrayList<>();
            for (int j = 0; j < found.get(i).size(); j++) {
                List<Box> latest = boxes.get(i).get(j);
                Box box = latest.get(latest.size() - 1);
                if (refined.stream().noneMatch(r -> r.box().iou(box) > settings.peaks().nmsIou())) {
                    refined.add(new Candidate(box, found.get(i).get(j).score()));
                }
            }
            out.add(refined);
        }
        return out;
    }

    private Box toImage(Localizer.Window w, ResponseMap map, SquareView view) {
        double unit = (double) input / (map.width() * settings.windows().upsample());
        return view.toImage(new Box(w.x0() * unit, w.y0() * unit, (w.x1() - w.x0()) * unit, (w.y1() - w.y0()) * unit));
    }
}
