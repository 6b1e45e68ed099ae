package faceattr.cli;

import faceattr.attributes.CustomAttributes;
import faceattr.attributes.PhotoFeatures;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code faceattr attributes evaluate}: one attribute's accuracy on labelled photos. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure one attribute of a model on labelled photos (accuracy, balanced accuracy).")
final class AttributesEvaluateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Attribute to measure.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    LabelledPhotoOptions photos;

    @Mixin
    ModelOption model;

    @Override
    public Integer call() throws Exception {
        var labelled = photos.read();
        CustomAttributes.Evaluated e = new CustomAttributes(System.err).evaluate(model.load(), name,
                labelled);
        for (PhotoFeatures.Skipped s : e.skipped()) {
            System.out.println("skipped " + s.file() + ": " + s.reason());
        }
        System.out.printf(Locale.ROOT, "%s (model %s) on %d positive + %d negative photos (%d skipped): accuracy "
                        + "%.1f%%, balanced accuracy %.1f%% (majority baseline %.1f%%)%n", name, e.modelVersion(),
                e.positives(), e.negatives(), e.skipped().size(), 100 * e.accuracy(), 100 * e.balancedAccuracy(),
                100 * e.majorityBaseline());
        return 0;
    }
}
