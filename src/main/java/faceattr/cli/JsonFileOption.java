package faceattr.cli;

import faceattr.bench.BenchReport;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code --json FILE}: a benchmark also writes its figures as JSON. Use it as {@code @Mixin JsonFileOption json;},
 * then {@link #write}.
 */
final class JsonFileOption {
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path file;

    /** Writes the figures to the file given; nothing without the flag. */
    void write(Map<String, Object> figures) throws IOException {
        BenchReport.writeJson(file, figures);
    }
}
