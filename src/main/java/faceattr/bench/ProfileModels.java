package faceattr.bench;

import faceattr.data.Attributes;
import faceattr.model.AttributeClassifiers;
import faceattr.model.BundleManifest;
import faceattr.model.LinearSvm;
import faceattr.model.Localizer;
import faceattr.model.ModelBundle;
import faceattr.model.Networks;
import faceattr.model.PatchLayout;
import faceattr.model.PlattScaling;
import faceattr.model.Profile;
import faceattr.model.ThresholdCalibration;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The model a benchmark times: for {@code compact}, a bundle (the bundled default unless a path is given); for
 * {@code paper}, which has no trained bundle here, a complete bundle with untrained (randomly initialized) networks of a profile, for timing profiles that have no
 * trained bundle here (the {@code paper} profile): the arithmetic of a forward pass does not depend on the weights.
 * Its face threshold lets every candidate window through, so each image costs the most ANet work it can.
 */
public final class ProfileModels {
    private ProfileModels() {
    }

    public static ModelBundle load(String profile, Path bundle) throws IOException {
        Profile p = Profile.named(profile);
        if (!p.isPaper()) {
            return ModelBundle.loadOrDefault(bundle);
        }
        if (bundle != null) {
            return ModelBundle.load(bundle);
        }
        return untrained(p, 4, 7);
    }

    static ModelBundle untrained(Profile profile, int maxFaces, long seed) {
        List<ComputationGraph> lnets = new ArrayList<>();
        List<Integer> inputs = new ArrayList<>();
        for (int s = 0; s < profile.lnetStages(); s++) {
            lnets.add(Networks.lnet(profile, Attributes.COUNT, false, 1e-3, 0, seed + s));
            inputs.add(profile.lnetInput());
        }
        ComputationGraph anet = Networks.anetForAttributes(Networks.anet(profile, 10, 1e-3, 0, seed), Attributes.COUNT,
                1e-3, seed);
        Random r = new Random(seed);
        int dim = profile.featureSize();
        float[] mean = new float[dim];
        float[] std = new float[dim];
        Arrays.fill(std, 1f);
        List<AttributeClassifiers.Attribute> attributes = new ArrayList<>();
        for (String name : Attributes.NAMES) {
            float[] w = new float[dim];
            for (int d = 0; d < dim; d++) {
                w[d] = (float) (r.nextGaussian() * 0.01);
            }
            attributes.add(new AttributeClassifiers.Attribute(name, new LinearSvm(w, 0), 0, new PlattScaling(-1, 0)));
        }
        BundleManifest manifest = new BundleManifest(ModelBundle.FORMAT_VERSION, profile.name() + "-untrained",
                profile.name(), Attributes.NAMES, inputs, profile.anetInput(), dim, Localizer.Settings.defaults(maxFaces),
                new ThresholdCalibration(-1e9, 1, 0), PatchLayout.fivePatches(1.25), Map.of(), Map.of("data", "none"),
                Map.of());
        return new ModelBundle(manifest, lnets, anet, new AttributeClassifiers(mean, std, attributes));
    }
}
