package faceattr.cli;

import faceattr.attributes.LearningCurve;
import faceattr.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code faceattr attributes learning-curve}: built-in attributes taken out and added back from N + N photos. */
@Command(name = "learning-curve", mixinStandardHelpOptions = true,
        description = "Take attributes out of the model and add each back with 'attributes add' from N positive + N "
                + "negative photos of a pool of other people; test-split accuracy beside the full-data classifier. "
                + "Writes learning-curve.md/.json/.png (and feature caches) into --out.")
final class AttributesLearningCurveCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "CelebA-layout folder whose test "
            + "split is measured.")
    Path data;

    @Option(names = "--pool", required = true, paramLabel = "DIR", description = "CelebA-layout folder of other people "
            + "to draw the labelled photos from (all splits; only train and val when it is --data itself).")
    Path pool;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Mixin
    ModelOption model;

    @Option(names = "--attributes", split = ",", defaultValue = "Smiling,Male,Wavy_Hair,Black_Hair,Wearing_Earrings",
            description = "Attributes to take out and add back (default: ${DEFAULT-VALUE}).")
    List<String> attributes;

    @Option(names = "--sizes", split = ",", defaultValue = "10,20,50,100,200",
            description = "Photos per label, N (default: ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--repeats", defaultValue = "5", description = "Random draws per point (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Mixin
    SeedOption seed;

    @Option(names = "--batch", defaultValue = "32", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--max-test", defaultValue = "0", description = "At most this many test images, spread over the "
            + "split (0 = all; default: ${DEFAULT-VALUE}).")
    int maxTest;

    @Option(names = "--max-pool", defaultValue = "0", description = "At most this many pool photos, spread over the "
            + "pool (0 = all; default: ${DEFAULT-VALUE}).")
    int maxPool;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || sizes.length < 2 || java.util.Arrays.stream(sizes).anyMatch(n -> n < 3)) {
            throw new IllegalArgumentException("--repeats must be at least 1 and --sizes at least two values of 3 or more");
        }
        ModelBundle bundle = model.load();
        String name = model.name(bundle);
        LearningCurve.Result r = new LearningCurve(System.err).run(bundle, name, data, pool,
                new LearningCurve.Options(attributes, sizes, repeats, seed.value(), batch, maxTest, maxPool), out);
        for (int i = 0; i < sizes.length; i++) {
            System.out.printf(Locale.ROOT, "N = %d + %d: mean test accuracy %.1f%% (full-data %.1f%%, gap %+.1f points)%n",
                    sizes[i], sizes[i], 100 * r.meanAccuracy()[i], 100 * r.meanFullAccuracy(),
                    100 * (r.meanAccuracy()[i] - r.meanFullAccuracy()));
        }
        System.out.println("wrote " + out.resolve("learning-curve.md") + ", learning-curve.json, learning-curve.png");
        return 0;
    }
}
