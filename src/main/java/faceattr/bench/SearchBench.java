package faceattr.bench;

import faceattr.avro.AvroSerdes;
import faceattr.avro.ConfluentAvroSerde;
import faceattr.avro.generated.FaceAttributes;
import faceattr.data.Attributes;
import faceattr.search.AttributeDictionary;
import faceattr.search.Cursor;
import faceattr.search.IndexedImage;
import faceattr.search.PageMerger;
import faceattr.search.PartitionIndex;
import faceattr.search.SearchPage;
import faceattr.search.SearchQuery;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code bench search}: the search index without Kafka or a model. Records are generated directly
 * ({@link SyntheticAttributeRecords}), serialized as the output topic carries them, then indexed the way the
 * service's store does (deserialize, convert, put) into one index per partition; then query latency per kind of query
 * over all partitions with the merge (every answer includes the facets), and the heap the index holds per image.
 */
public final class SearchBench {
    /** What to measure. */
    public record Options(int images, int partitions, int queries, long seed) {
        public Options {
            if (images < 1 || partitions < 1 || queries < 1) {
                throw new IllegalArgumentException("--images, --partitions and --queries must be at least 1");
            }
        }
    }

    private final Options options;
    private final PrintStream progress;

    public SearchBench(Options options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    public Map<String, Object> run() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("machine", MachineInfo.describe());
        figures.put("images", options.images());
        figures.put("partitions", options.partitions());
        List<byte[]> serialized = serialize();
        AttributeDictionary dictionary = new AttributeDictionary(Attributes.NAMES);
        List<PartitionIndex> indexes = new ArrayList<>();
        for (int p = 0; p < options.partitions(); p++) {
            indexes.add(new PartitionIndex(dictionary));
        }
        long heapBefore = usedHeap();
        long faces = 0;
        try (ConfluentAvroSerde<FaceAttributes> serde = serde()) {
            long start = System.nanoTime();
            for (int i = 0; i < serialized.size(); i++) {
                FaceAttributes record = serde.deserializer().deserialize("face-attributes", serialized.get(i));
                faces += record.getFaces().size();
                String id = SyntheticAttributeRecords.id(i);
                indexes.get(Math.floorMod(id.hashCode(), indexes.size())).put(IndexedImage.of(id, record, dictionary));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            figures.put("indexingRecordsPerSecond", BenchReport.round(serialized.size() / seconds, 0));
        }
        long heapAfter = usedHeap();
        // the serialized records were in both measurements: keep them alive until now, or the JIT may free them early
        java.lang.ref.Reference.reachabilityFence(serialized);
        progress.printf(Locale.ROOT, "heap used %d MiB before indexing, %d MiB after%n", heapBefore >> 20,
                heapAfter >> 20);
        serialized = null;
        figures.put("faces", faces);
        figures.put("heapBytesPerImage", BenchReport.round((double) (heapAfter - heapBefore) / options.images(), 0));
        figures.put("postingsBytesPerImage", BenchReport.round(
                (double) indexes.stream().mapToLong(PartitionIndex::postingsBytes).sum() / options.images(), 1));
        progress.printf(Locale.ROOT, "indexed %d images (%d faces); measuring queries ...%n", options.images(), faces);
        Random random = new Random(options.seed());
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("two attributes (present + absent)", measure(indexes, dictionary, () -> twoAttributes(random, null)));
        latency.put("two attributes, minProbability 0.7", measure(indexes, dictionary,
                () -> twoAttributes(random, 0.7)));
        latency.put("no condition (every image a hit)", measure(indexes, dictionary, () -> SearchQuery.all(50)));
        latency.put("two attributes, page 3 (cursor)", measure(indexes, dictionary, () -> thirdPage(indexes,
                dictionary, twoAttributes(random, null))));
        figures.put("queryLatencyMs", latency);
        return figures;
    }

    private List<byte[]> serialize() {
        progress.printf(Locale.ROOT, "generating and serializing %d records ...%n", options.images());
        SyntheticAttributeRecords records = new SyntheticAttributeRecords(Attributes.NAMES, options.seed());
        List<byte[]> out = new ArrayList<>(options.images());
        try (ConfluentAvroSerde<FaceAttributes> serde = serde()) {
            for (int i = 0; i < options.images(); i++) {
                out.add(serde.serializer().serialize("face-attributes", records.record(i, 0)));
            }
        }
        return out;
    }

    private static ConfluentAvroSerde<FaceAttributes> serde() {
        return AvroSerdes.forValue(FaceAttributes.class, Map.of("schema.registry.url", "mock://bench-search"));
    }

    private static SearchQuery twoAttributes(Random random, Double minProbability) {
        String a = Attributes.NAMES.get(random.nextInt(Attributes.COUNT));
        String b;
        do {
            b = Attributes.NAMES.get(random.nextInt(Attributes.COUNT));
        } while (b.equals(a));
        return new SearchQuery(List.of(a), List.of(b), minProbability, -1, -1, null, null, null, null, 50, null);
    }

    private static SearchQuery thirdPage(List<PartitionIndex> indexes, AttributeDictionary dictionary,
                                         SearchQuery first) {
        SearchQuery q = first;
        for (int page = 0; page < 2; page++) {
            SearchPage p = search(indexes, dictionary, q);
            String next = PageMerger.nextCursor(p);
            if (next == null) {
                return q;
            }
            try {
                q = q.withCursor(Cursor.decode(next));
            } catch (faceattr.search.BadQueryException e) {
                throw new IllegalStateException(e);
            }
        }
        return q;
    }

    private static SearchPage search(List<PartitionIndex> indexes, AttributeDictionary dictionary, SearchQuery q) {
        List<SearchPage> pages = new ArrayList<>(indexes.size());
        for (PartitionIndex index : indexes) {
            pages.add(index.search(q));
        }
        return PageMerger.merge(pages, q.limit(), dictionary);
    }

    private Map<String, Object> measure(List<PartitionIndex> indexes, AttributeDictionary dictionary,
                                        java.util.function.Supplier<SearchQuery> queries) {
        for (int i = 0; i < Math.min(50, options.queries()); i++) {
            search(indexes, dictionary, queries.get());
        }
        double[] ms = new double[options.queries()];
        double[] cpuMs = new double[options.queries()];
        var threads = ManagementFactory.getThreadMXBean();
        long hits = 0;
        for (int i = 0; i < ms.length; i++) {
            SearchQuery q = queries.get();
            long cpu = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            SearchPage page = search(indexes, dictionary, q);
            page.hits().forEach(h -> h.json(dictionary)); // the answer's JSON, as the API builds it
            ms[i] = (System.nanoTime() - t) / 1e6;
            cpuMs[i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            hits += page.total();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", BenchReport.round(Stats.median(ms), 2));
        m.put("p99", BenchReport.round(Stats.percentile(ms, 99), 2));
        m.put("cpuP50", BenchReport.round(Stats.median(cpuMs), 2));
        m.put("cpuP99", BenchReport.round(Stats.percentile(cpuMs, 99), 2));
        m.put("meanHits", hits / ms.length);
        return m;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @SuppressWarnings("unchecked")
    public static void print(PrintStream out, Map<String, Object> f) {
        out.println(MachineInfo.line((Map<String, Object>) f.get("machine")));
        out.printf(Locale.ROOT, "images %d (%d faces) in %d partitions: indexing %.0f records/s, heap %.0f bytes per"
                        + " image (postings %.1f)%n", f.get("images"), f.get("faces"), f.get("partitions"),
                f.get("indexingRecordsPerSecond"), f.get("heapBytesPerImage"), f.get("postingsBytesPerImage"));
        List<List<String>> rows = new ArrayList<>();
        ((Map<String, Map<String, Object>>) f.get("queryLatencyMs")).forEach((kind, m) -> rows.add(List.of(kind,
                String.valueOf(m.get("p50")), String.valueOf(m.get("p99")), String.valueOf(m.get("cpuP50")),
                String.valueOf(m.get("cpuP99")), String.valueOf(m.get("meanHits")))));
        BenchReport.table(out, List.of("query (limit 50, with facets)", "p50 ms", "p99 ms", "CPU p50 ms",
                "CPU p99 ms", "mean hits"), rows);
    }
}
