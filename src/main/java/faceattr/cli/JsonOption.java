package faceattr.cli;

import picocli.CommandLine.Option;

/**
 * {@code --json}: print JSON instead of text; the command's description says the shape. Use it as
 * {@code @Mixin JsonOption json;}.
 */
final class JsonOption {
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    boolean enabled() {
        return json;
    }
}
