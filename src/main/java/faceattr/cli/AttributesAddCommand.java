package faceattr.cli;

import faceattr.attributes.CustomAttributes;
import faceattr.attributes.PhotoFeatures;
import faceattr.model.ModelBundle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code faceattr attributes add}: a new attribute learned from labelled photos, written into a new bundle. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Learn a new attribute from labelled photos (the bundle's own LNet and ANet features, a linear "
                + "SVM with C chosen by cross-validation) and write a new bundle version that outputs it.")
final class AttributesAddCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Attribute name: letters, digits, '_' or '-'.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    LabelledPhotoOptions photos;

    @Mixin
    ModelOption model;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "The new bundle (zip).")
    Path out;

    @Option(names = "--positive-rate", paramLabel = "SHARE", description = "Share of the stream's faces expected to "
            + "show the attribute (0-1), when it differs from the photos' mix: moves the probability's prior and the "
            + "threshold to it (default: the photos' own mix).")
    Double positiveRate;

    @Mixin
    SeedOption seed;

    @Override
    public Integer call() throws Exception {
        var labelled = photos.read();
        ModelBundle base = model.load();
        CustomAttributes.Added a = new CustomAttributes(System.err).add(base, name, labelled, positiveRate, seed.value());
        for (PhotoFeatures.Skipped s : a.skipped()) {
            System.out.println("skipped " + s.file() + ": " + s.reason());
        }
        a.bundle().save(out);
        System.out.printf(Locale.ROOT, "%s: %d positive + %d negative photos (%d skipped), C %s, threshold %.3f%n",
                name, a.positives(), a.negatives(), a.skipped().size(), java.math.BigDecimal.valueOf(a.fitted().c()).stripTrailingZeros().toPlainString(),
                a.fitted().threshold());
        System.out.printf(Locale.ROOT, "cross-validated (%d folds): accuracy %.1f%%, balanced accuracy %.1f%% "
                        + "(majority baseline %.1f%%)%n", a.cv().folds(), 100 * a.cv().accuracy(),
                100 * a.cv().balancedAccuracy(), 100 * a.majorityBaseline());
        System.out.printf(Locale.ROOT, "wrote %s: model %s, %d attributes%n", out, a.bundle().manifest().version(),
                a.bundle().classifiers().attributes().size());
        return 0;
    }
}
