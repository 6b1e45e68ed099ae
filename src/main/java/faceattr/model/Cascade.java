package faceattr.model;

import faceattr.image.ImageTensors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's pipeline: LNet stage(s) localize faces on the whole image from averaged C5 responses; each face box is
 * enlarged and cut into patches; all patches of all faces of the batch go through ANet in one forward pass; the FC
 * features of each face's patches are averaged; one linear SVM per attribute gives scores, thresholds and probabilities.
 * Not thread-safe (DL4J graphs keep per-call state): use one instance per thread.
 */
public final class Cascade implements FaceTagger {
    private final FaceLocator locator;
    private final ThresholdCalibration calibration;
    private final ComputationGraph anet;
    private final int anetInput;
    private final PatchLayout layout;
    private final AttributeClassifiers classifiers;
    private final String version;

    public Cascade(List<LNetStage> stages, ThresholdCalibration calibration, ComputationGraph anet, int anetInput,
                   PatchLayout layout, AttributeClassifiers classifiers, String version) {
        this.locator = new FaceLocator(stages);
        this.calibration = calibration;
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

    @Override
    public List<TaggedImage> tag(List<BufferedImage> images) {
        List<List<LNetStage.Candidate>> found = localize(images, true);
        List<BufferedImage> faceImages = new ArrayList<>();
        List<Box> faceBoxes = new ArrayList<>();
        List<List<LNetStage.Candidate>> kept = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            List<LNetStage.Candidate> faces = found.get(i).stream().filter(c -> calibration.isFace(c.score())).toList();
            kept.add(faces);
            for (LNetStage.Candidate c : faces) {
                faceImages.add(images.get(i));
                faceBoxes.add(c.box());
            }
        }
        float[][] features = faceBoxes.isEmpty() ? new float[0][] : features(faceImages, faceBoxes);
        List<TaggedImage> out = new ArrayList<>(images.size());
        int f = 0;
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            List<DetectedFace> faces = new ArrayList<>();
            for (LNetStage.Candidate c : kept.get(i)) {
                double[] scores = classifiers.scores(features[f++]);
                faces.add(new DetectedFace(c.box().clip(image.getWidth(), image.getHeight()),
                        calibration.confidence(c.score()), classifiers.probabilities(scores), classifiers.decisions(scores)));
            }
            out.add(new TaggedImage(image.getWidth(), image.getHeight(), List.copyOf(faces)));
        }
        return out;
    }

    /** Evaluation: the single best window per image (one dominant face, as on CelebA), whether or not it passes. */
    public List<Analysis> analyzeDominant(List<BufferedImage> images) {
        List<List<LNetStage.Candidate>> found = localize(images, false);
        List<Box> boxes = found.stream().map(c -> c.get(0).box()).toList();
        float[][] features = features(images, boxes);
        List<Analysis> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            double[] scores = classifiers.scores(features[i]);
            double s = found.get(i).get(0).score();
            out.add(new Analysis(boxes.get(i), s, calibration.isFace(s), scores, classifiers.probabilities(scores),
                    classifiers.decisions(scores)));
        }
        return out;
    }

    /** Candidate face windows per image, strongest first (see {@link FaceLocator}). */
    public List<List<LNetStage.Candidate>> localize(List<BufferedImage> images, boolean multi) {
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
        List<byte[]> patches = new ArrayList<>(faces.size() * layout.size());
        for (int f = 0; f < faces.size(); f++) {
            for (Box region : layout.regions(faces.get(f))) {
                patches.add(ImageTensors.crop(images.get(f), region.x(), region.y(), region.width(), region.height(),
                        anetInput));
            }
        }
        INDArray x = ImageTensors.toTensor(patches, anetInput);
        INDArray fc = anet.output(List.of(Networks.FEATURES), false, new INDArray[]{x}, null)[0];
        float[][] out = new float[patches.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = fc.getRow(i).toFloatVector();
        }
        return out;
    }

    /**
     * LNet's (first stage) averaged response map over the whole image, resampled (bilinearly between cell centres) to
     * a {@code rows}×{@code cols} grid laid over the image, for drawing as a heat map.
     */
    public float[][] responseMapOnImage(BufferedImage image, int rows, int cols) {
        LNetStage stage = locator.stages().get(0);
        SquareView view = SquareView.whole(image.getWidth(), image.getHeight(), stage.input());
        ResponseMap map = stage.responseMaps(List.of(view.pixels(image))).get(0);
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

    public PatchLayout layout() {
        return layout;
    }

    public AttributeClassifiers classifiers() {
        return classifiers;
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
