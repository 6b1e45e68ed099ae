package faceattr.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed N}: the seed of a command's random choices. A command whose default differs from 1 says so where it
 * declares the mixin: {@code @Mixin SeedOption seed = new SeedOption(7);} (picocli keeps an instance it finds, and
 * the value the instance starts with is the default {@code --help} shows).
 */
final class SeedOption {
    @Option(names = "--seed", description = "Seed of the command's random choices (default: ${DEFAULT-VALUE}).")
    long seed;

    SeedOption() {
        this(1);
    }

    SeedOption(long defaultSeed) {
        this.seed = defaultSeed;
    }

    long value() {
        return seed;
    }
}
