package faceattr.cli;

import faceattr.bench.TrainBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code faceattr bench train}: training images/s per stage for the compact profile. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Training images/s per stage (LNet pre-training and fine-tuning, ANet pre-training and"
                + " fine-tuning, SVM features) for the compact profile on a small generated synthetic set.")
final class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "400", description = "Synthetic face images to generate."
            + " Default: ${DEFAULT-VALUE}.")
    int images;

    @Option(names = "--epochs", defaultValue = "1", description = "Epochs per network stage."
            + " Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Mixin
    ThreadsOption threads;

    @Mixin
    SeedOption seed = new SeedOption(3);

    @Mixin
    JsonFileOption json;

    @Override
    public Integer call() throws Exception {
        TrainBench.Options options;
        try {
            options = new TrainBench.Options(images, epochs, threads.value(), seed.value());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        Map<String, Object> figures = new TrainBench(options, System.err).run();
        TrainBench.print(System.out, figures);
        json.write(figures);
        return 0;
    }
}
