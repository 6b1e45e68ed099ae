package faceattr.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code faceattr attributes}: the parent of the commands that list, add, remove and measure a bundle's attributes. */
@Command(name = "attributes", mixinStandardHelpOptions = true,
        description = "A model's attributes: list them, add your own from labelled photos, remove one, measure one, "
                + "and the learning curve of adding one from few photos.",
        subcommands = {
                AttributesListCommand.class,
                AttributesAddCommand.class,
                AttributesRemoveCommand.class,
                AttributesEvaluateCommand.class,
                AttributesLearningCurveCommand.class,
        })
final class AttributesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
