package faceattr.model;

import faceattr.backend.Parallel;
import faceattr.geometry.Box;
import faceattr.image.ImageTensors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's pipeline: LNet pass(es) localize faces on the whole image from averaged C5 responses; each face box is
 * enlarged and cut into patches; all patches of all faces of the batch go through ANet in one forward pass; the FC
 * features of each face's patches are averaged; one linear SVM per attribute gives scores, thresholds and probabilities.
 * A window is a face when its face score passes the calibrated threshold: the {@link FaceVerifier}'s score when the
 * bundle has one (then every candidate window goes through ANet before the decision), else LNet's own.
 * Not thread-safe (DL4J graphs keep per-call state): use one instance per thread.
 */
public final class Cascade implements FaceTagger {
    private final FaceLocator locator;
    private final ThresholdCalibration calibration;
    private final FaceVerifier verifier;
    private final ComputationGraph anet;
    private final int anetInput;
    private final PatchLayout layout;
    private final AttributeClassifiers classifiers;
    private final String version;

    /** A cascade whose face score is LNet's (no verifier). */
    public Cascade(List<LNetPass> passes, ThresholdCalibration calibration, ComputationGraph anet, int anetInput,
                   PatchLayout layout, AttributeClassifiers classifiers, String version) {
        this(passes, calibration, null, anet, anetInput, layout, classifiers, version);
    }

    /** @param verifier the face verifier whose score {@code calibration} thresholds, or null for LNet's score */
    public Cascade(List<LNetPass> passes, ThresholdCalibration calibration, FaceVerifier verifier,
                   ComputationGraph anet, int anetInput, PatchLayout layout, AttributeClassifiers classifiers,
                   String version) {
        this.locator = new FaceLocator(passes);
        this.calibration = calibration;
        this.verifier = verifier;
        this.anet = anet;
        this.anetInput = anetInput;
        this.layout = layout;
        this.classifiers = classifiers;
        this.version = version;
    }

    /** One face as evaluation sees it: the dominant (best) window, whether it passed the face threshold, attributes. */
    public record Analysis(Box box, double score, boolean isFace, double[] scores, float[] probabilities,
                           boolean[] present) {
    }

    /**
     * A window LNet found, scored.
     *
     * @param lnetScore LNet's score of the window
     * @param faceScore the score the face threshold applies to (the verifier's, or LNet's without one)
     * @param features  patch-averaged ANet features of the window
     */
    public record Window(Box box, double lnetScore, double faceScore, float[] features) {
    }

    @Override
    public List<TaggedImage> tag(List<BufferedImage> images) {
        // without a verifier the decision needs no features: only the windows LNet's score passes go through ANet
        List<List<LNetPass.Candidate>> windows = localize(images, true).stream()
                .map(c -> verifier != null ? c : c.stream().filter(x -> calibration.isFace(x.score())).toList())
                .toList();
        List<BufferedImage> windowImages = new ArrayList<>();
        List<Box> windowBoxes = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            for (LNetPass.Candidate c : windows.get(i)) {
                windowImages.add(images.get(i));
                windowBoxes.add(c.box());
            }
        }
        float[][] features = windowBoxes.isEmpty() ? new float[0][] : features(windowImages, windowBoxes);
        List<TaggedImage> out = new ArrayList<>(images.size());
        int w = 0;
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            List<DetectedFace> faces = new ArrayList<>();
            for (LNetPass.Candidate c : windows.get(i)) {
                float[] f = features[w++];
                double faceScore = faceScore(f, c.score());
                if (!calibration.isFace(faceScore)) {
                    continue;
                }
                double[] scores = classifiers.scores(f);
                faces.add(new DetectedFace(c.box().clip(image.getWidth(), image.getHeight()),
                        calibration.confidence(faceScore), classifiers.probabilities(scores), classifiers.decisions(scores)));
            }
            out.add(new TaggedImage(image.getWidth(), image.getHeight(), List.copyOf(faces)));
        }
        return out;
    }

    /** Evaluation: the single best window per image (one dominant face, as on CelebA), whether or not it passes. */
    public List<Analysis> analyzeDominant(List<BufferedImage> images) {
        List<Window> windows = dominantWindows(images);
        List<Analysis> out = new ArrayList<>(images.size());
        for (Window w : windows) {
            double[] scores = classifiers.scores(w.features());
            out.add(new Analysis(w.box(), w.faceScore(), isFace(w), scores, classifiers.probabilities(scores),
                    classifiers.decisions(scores)));
        }
        return out;
    }

    /** Each image's dominant (best) window, scored, whether or not it passes the face threshold. */
    public List<Window> dominantWindows(List<BufferedImage> images) {
        List<List<LNetPass.Candidate>> found = localize(images, false);
        List<Box> boxes = found.stream().map(c -> c.get(0).box()).toList();
        float[][] features = features(images, boxes);
        List<Window> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            double lnetScore = found.get(i).get(0).score();
            out.add(new Window(boxes.get(i), lnetScore, faceScore(features[i], lnetScore), features[i]));
        }
        return out;
    }

    /** The score the face threshold applies to: the verifier's on these features, or LNet's without a verifier. */
    public double faceScore(float[] features, double lnetScore) {
        return verifier == null ? lnetScore : verifier.score(features, lnetScore);
    }

    public boolean isFace(Window window) {
        return calibration.isFace(window.faceScore());
    }

    /** Candidate face windows per image, strongest first (see {@link FaceLocator}). */
    public List<List<LNetPass.Candidate>> localize(List<BufferedImage> images, boolean multi) {
        return locator.locate(images, multi);
    }

    /** Patch-averaged ANet features of each (image, face box) pair; all patches in one ANet batch. */
    public float[][] features(List<BufferedImage> images, List<Box> faces) {
        int k = layout.size();
        float[][] perPatch = patchFeatures(images, faces);
        int dim = perPatch[0].length;
        float[][] out = new float[faces.size()][dim];
        for (int f = 0; f < faces.size(); f++) {
            for (int p = 0; p < k; p++) {
                float[] v = perPatch[f * k + p];
                for (int d = 0; d < dim; d++) {
                    out[f][d] += v[d] / k;
                }
            }
        }
        return out;
    }

    /** ANet features of every patch of every face (face-major), unaveraged. */
    public float[][] patchFeatures(List<BufferedImage> images, List<Box> faces) {
        int k = layout.size();
        List<Box> regions = faces.stream().flatMap(face -> layout.regions(face).stream()).toList();
        List<byte[]> patches = Parallel.map(regions.size(), i -> {
            Box region = regions.get(i);
            return ImageTensors.crop(images.get(i / k), region.x(), region.y(), region.width(), region.height(),
                    anetInput);
        });
        INDArray x = ImageTensors.toTensor(patches, anetInput);
        return anet.output(List.of(Networks.FEATURES), false, new INDArray[]{x}, null)[0].toFloatMatrix();
    }

    /**
     * LNet's (first pass) response map over the whole image, resampled (bilinearly between cell centres) to
     * a {@code rows}×{@code cols} grid laid over the image, for drawing as a heat map.
     */
    public float[][] responseMapOnImage(BufferedImage image, int rows, int cols) {
        LNetPass first = locator.passes().get(0);
        SquareView view = SquareView.whole(image.getWidth(), image.getHeight(), first.input());
        ResponseMap map = first.responseMaps(List.of(view.pixels(image))).get(0);
        double toCells = (double) map.width() / view.side();
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            double my = (image.getHeight() * (r + 0.5) / rows - view.y()) * toCells - 0.5;
            for (int c = 0; c < cols; c++) {
                double mx = (image.getWidth() * (c + 0.5) / cols - view.x()) * toCells - 0.5;
                out[r][c] = map.sample(mx, my);
            }
        }
        return out;
    }

    public FaceLocator locator() {
        return locator;
    }

    public ThresholdCalibration calibration() {
        return calibration;
    }

    /** The face verifier, when the face score is its score rather than LNet's. */
    public java.util.Optional<FaceVerifier> verifier() {
        return java.util.Optional.ofNullable(verifier);
    }

    public PatchLayout layout() {
        return layout;
    }

    public AttributeClassifiers classifiers() {
        return classifiers;
    }

    @Override
    public List<String> attributeNames() {
        return classifiers.names();
    }

    public ComputationGraph anet() {
        return anet;
    }

    public int anetInput() {
        return anetInput;
    }

    @Override
    public String modelVersion() {
        return version;
    }
}
