package faceattr.cli;

import faceattr.bench.SearchBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code faceattr bench search}: indexing speed, query latency and memory of the search index. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search index: indexing records/s, query p50/p99 (2-attribute filters, with probability,"
                + " without conditions, a third page), heap per indexed image; records generated directly, no model.")
final class BenchSearchCommand implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "100000", description = "Images to index. Default: ${DEFAULT-VALUE}.")
    int images;

    @Option(names = "--partitions", defaultValue = "4", description = "Partition indexes (as one instance holding"
            + " that many partitions). Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--queries", defaultValue = "300", description = "Queries per kind. Default: ${DEFAULT-VALUE}.")
    int queries;

    @Mixin
    SeedOption seed;

    @Mixin
    JsonFileOption json;

    @Override
    public Integer call() throws Exception {
        SearchBench.Options options;
        try {
            options = new SearchBench.Options(images, partitions, queries, seed.value());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        Map<String, Object> figures = new SearchBench(options, System.err).run();
        SearchBench.print(System.out, figures);
        json.write(figures);
        return 0;
    }
}
