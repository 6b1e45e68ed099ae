package faceattr.attributes;

import faceattr.model.AttributeClassifiers;
import faceattr.model.Cascade;
import faceattr.model.ModelBundle;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's own attribute from labelled photos: the bundle's LNet and ANet give each photo's features (photos without a
 * face are skipped and listed), {@link AttributeFit} learns and cross-validates the classifier, and
 * {@link BundleAttributes} writes it into a new bundle version. {@link #evaluate} measures any attribute of a bundle
 * on labelled photos.
 */
public final class CustomAttributes {
    static final int BATCH = 16;
    private final PrintStream err;

    public CustomAttributes(PrintStream err) {
        this.err = err;
    }

    /**
     * What {@code attributes add} did.
     *
     * @param majorityBaseline accuracy of always answering the more common label of the photos used
     */
    public record Added(ModelBundle bundle, String name, int positives, int negatives,
                        List<PhotoFeatures.Skipped> skipped, AttributeFit.Fitted fitted, AttributeFit.CrossValidated cv,
                        double majorityBaseline) {
    }

    /** What {@code attributes evaluate} measured. */
    public record Evaluated(String name, String modelVersion, int positives, int negatives,
                            List<PhotoFeatures.Skipped> skipped, double accuracy, double balancedAccuracy,
                            double majorityBaseline) {
    }

    /** @param positiveRate the stream's expected share of faces with the attribute, or null for the photos' own mix */
    public Added add(ModelBundle base, String name, List<LabelledPhoto> photos, Double positiveRate, long seed)
            throws IOException {
        BundleAttributes.checkName(name);
        if (base.classifiers().indexOf(name) >= 0) {
            throw new IllegalArgumentException("the model already has an attribute named " + name
                    + " (remove it first with 'attributes remove')");
        }
        LabelledPhotos.requireBothLabels(photos, "the labelled set");
        PhotoFeatures features = PhotoFeatures.extract(base.forInference().cascade(), photos, BATCH, "attributes add: features", err)
                .facesOnly();
        if (features.photos().isEmpty()) {
            throw new IOException("no face found in any of the " + photos.size() + " photos");
        }
        return add(base, name, features, positiveRate, seed);
    }

    /** {@link #add} on features already extracted (faces only); the learning curve calls this directly. */
    public static Added add(ModelBundle base, String name, PhotoFeatures faces, Double positiveRate, long seed) {
        boolean[] y = faces.labels();
        float[][] x = base.classifiers().standardizeAll(faces.features());
        AttributeFit.Fitted fitted = AttributeFit.fit(x, y, positiveRate, seed);
        AttributeFit.CrossValidated cv = AttributeFit.crossValidate(x, y, positiveRate, seed);
        double majority = Math.max(faces.positives(), faces.negatives()) / (double) y.length;
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("positives", faces.positives());
        record.put("negatives", faces.negatives());
        record.put("skippedPhotos", faces.skipped().size());
        record.put("c", fitted.c());
        if (positiveRate != null) {
            record.put("positiveRate", positiveRate);
        }
        record.put("cvFolds", cv.folds());
        record.put("cvAccuracy", cv.accuracy());
        record.put("cvBalancedAccuracy", cv.balancedAccuracy());
        record.put("majorityBaseline", majority);
        ModelBundle bundle = BundleAttributes.add(base, fitted.attribute(name), record);
        return new Added(bundle, name, faces.positives(), faces.negatives(), faces.skipped(), fitted, cv, majority);
    }

    public Evaluated evaluate(ModelBundle bundle, String name, List<LabelledPhoto> photos) throws IOException {
        AttributeClassifiers classifiers = bundle.classifiers();
        int a = classifiers.indexOf(name);
        if (a < 0) {
            throw new IllegalArgumentException("the model has no attribute named " + name + " (it has: "
                    + String.join(", ", classifiers.names()) + ")");
        }
        LabelledPhotos.requireBothLabels(photos, "the labelled set");
        Cascade cascade = bundle.forInference().cascade();
        PhotoFeatures faces = PhotoFeatures.extract(cascade, photos, BATCH, "attributes evaluate: features", err)
                .facesOnly();
        if (faces.photos().isEmpty()) {
            throw new IOException("no face found in any of the " + photos.size() + " photos");
        }
        boolean[] y = faces.labels();
        double[] m = measure(classifiers, name, faces.features(), y);
        return new Evaluated(name, bundle.manifest().version(), faces.positives(), faces.negatives(), faces.skipped(),
                m[0], m[1], Math.max(faces.positives(), faces.negatives()) / (double) y.length);
    }

    /** Accuracy and balanced accuracy of one attribute's decisions on raw features with these labels. */
    static double[] measure(AttributeClassifiers classifiers, String name, float[][] x, boolean[] y) {
        int a = classifiers.indexOf(name);
        int tp = 0, tn = 0, pos = 0;
        for (int i = 0; i < y.length; i++) {
            boolean d = classifiers.decisions(classifiers.scores(x[i]))[a];
            pos += y[i] ? 1 : 0;
            tp += d && y[i] ? 1 : 0;
            tn += !d && !y[i] ? 1 : 0;
        }
        int neg = y.length - pos;
        double balanced = pos == 0 ? tn / (double) neg : neg == 0 ? tp / (double) pos
                : (tp / (double) pos + tn / (double) neg) / 2;
        return new double[]{(tp + tn) / (double) y.length, balanced};
    }
}
