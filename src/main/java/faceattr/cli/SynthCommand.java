package faceattr.cli;

import faceattr.synth.SynthConfig;
import faceattr.synth.SynthGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code faceattr synth}: writes a synthetic faces-in-the-wild dataset in the CelebA layout. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write a synthetic faces-in-the-wild dataset in the exact CelebA file layout; the same seed "
                + "writes the same bytes.")
public final class SynthCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, description = "Dataset folder to write.")
    Path out;

    @Option(names = "--count", defaultValue = "2000", description = "Number of face images (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--identities", defaultValue = "100",
            description = "Number of people, 3..count (default ${DEFAULT-VALUE}).")
    int identities;

    @Mixin
    SeedOption seed;

    @Option(names = "--preview", description = "Also write DIR/preview.png, a contact sheet of wild images with boxes "
            + "and landmarks and their aligned crops.")
    boolean preview;

    @Option(names = "--backgrounds", defaultValue = "0",
            description = "Face-free background images to write to DIR/backgrounds/ (default ${DEFAULT-VALUE}).")
    int backgrounds;

    @Option(names = "--objects", description = "Also write a general-objects set (folder per class) here.")
    Path objects;

    @Option(names = "--classes", defaultValue = "10",
            description = "Object classes for --objects, 1..12 (default ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--objects-per-class", defaultValue = "100",
            description = "Images per object class for --objects (default ${DEFAULT-VALUE}).")
    int objectsPerClass;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        SynthConfig config;
        try {
            config = new SynthConfig(out, count, identities, seed.value(), preview, backgrounds, objects, classes,
                    objectsPerClass, threads.workers(), true);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        SynthGenerator.Result result = new SynthGenerator(config).generate();
        System.out.printf("wrote %d images (train %d, val %d, test %d) to %s at %.0f images/s, %.1f ms CPU per image"
                        + " (%.0f images/s per core)%n", result.images(), result.imagesPerSplit()[0],
                result.imagesPerSplit()[1], result.imagesPerSplit()[2], out, result.imagesPerSecond(),
                result.cpuMillisPerImage(), 1000 / result.cpuMillisPerImage());
        if (result.preview() != null) {
            System.out.println("preview: " + result.preview());
        }
        return 0;
    }
}
