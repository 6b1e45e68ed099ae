package faceattr.cli;

import faceattr.attributes.BundleAttributes;
import faceattr.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code faceattr attributes remove}: a new bundle version without one attribute. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Write a new bundle version without the named attribute.")
final class AttributesRemoveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "Attribute to remove.")
    String name;

    @Mixin
    ModelOption model;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "The new bundle (zip).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = BundleAttributes.remove(model.load(), name);
        bundle.save(out);
        System.out.printf("wrote %s: model %s, %d attributes (%s removed)%n", out, bundle.manifest().version(),
                bundle.classifiers().attributes().size(), name);
        return 0;
    }
}
