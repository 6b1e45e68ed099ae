package faceattr.bench;

import faceattr.model.FaceTagger;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline forward passes on in-memory images: for each batch size, a few warm-up passes, then {@code repeats} timed
 * passes over different images of the pool; the median pass time gives ms per batch and images/s.
 */
public final class ModelBench {

    /** Figures for one batch size. */
    public record BatchFigures(int batch, double imagesPerSecond, double msPerBatch, double minMsPerBatch,
                               double maxMsPerBatch, int repeats) {
    }

    private final int warmup;
    private final int repeats;
    private final PrintStream progress;

    public ModelBench(int warmup, int repeats, PrintStream progress) {
        if (repeats < 1 || warmup < 0) {
            throw new IllegalArgumentException("repeats must be at least 1 and warm-up at least 0");
        }
        this.warmup = warmup;
        this.repeats = repeats;
        this.progress = progress;
    }

    /** The full cascade ({@link FaceTagger#tag}) on decoded images. */
    public List<BatchFigures> cascade(FaceTagger tagger, BenchImages images, List<Integer> batches) {
        List<BatchFigures> out = new ArrayList<>();
        for (int batch : batches) {
            int[] next = {0};
            out.add(measure(batch, () -> {
                tagger.tag(images.batch(next[0], batch));
                next[0] += batch;
            }));
        }
        return out;
    }

    /** The networks alone ({@link NetworkWorkload}) on fixed random tensors of each batch size. */
    public List<BatchFigures> networks(NetworkWorkload workload, List<Integer> batches) {
        List<BatchFigures> out = new ArrayList<>();
        for (int batch : batches) {
            INDArray[] in = workload.inputs(batch, 42);
            out.add(measure(batch, () -> workload.run(in[0], in[1])));
        }
        return out;
    }

    private BatchFigures measure(int batch, Runnable pass) {
        double[] ms = onWorkerThread(() -> {
            for (int i = 0; i < warmup; i++) {
                pass.run();
            }
            double[] times = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t = System.nanoTime();
                pass.run();
                times[i] = (System.nanoTime() - t) / 1e6;
            }
            return times;
        });
        double median = Stats.median(ms);
        BatchFigures f = new BatchFigures(batch, batch * 1000.0 / median, median,
                java.util.Arrays.stream(ms).min().orElseThrow(), java.util.Arrays.stream(ms).max().orElseThrow(),
                repeats);
        progress.printf(java.util.Locale.ROOT, "bench model: batch %d: %.1f images/s (median %.1f ms per batch)%n",
                batch, f.imagesPerSecond(), f.msPerBatch());
        return f;
    }

    /**
     * Runs the passes on a worker thread of their own, as the service runs the model on a stream thread: ND4J's
     * native ops behave differently on the JVM's main thread (it is OpenMP's master there; on a busy machine its
     * spinning worker threads made small batches several times slower than on any other thread).
     */
    private static double[] onWorkerThread(java.util.function.Supplier<double[]> work) {
        double[][] result = new double[1][];
        RuntimeException[] failure = new RuntimeException[1];
        Thread worker = new Thread(() -> {
            try {
                result[0] = work.get();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "bench-model-worker");
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while benchmarking", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    /** {@code batches} for the JSON file: batch size (as text) → images/s. */
    public static Map<String, Double> batchesJson(List<BatchFigures> figures) {
        Map<String, Double> m = new LinkedHashMap<>();
        figures.forEach(f -> m.put(Integer.toString(f.batch()), BenchReport.round(f.imagesPerSecond(), 2)));
        return m;
    }

    public static void print(PrintStream out, String title, List<BatchFigures> figures) {
        out.println(title);
        List<List<String>> rows = new ArrayList<>();
        for (BatchFigures f : figures) {
            rows.add(List.of(Integer.toString(f.batch()), BenchReport.f1(f.imagesPerSecond()),
                    BenchReport.f1(f.msPerBatch()), BenchReport.f1(f.minMsPerBatch()) + " / "
                            + BenchReport.f1(f.maxMsPerBatch()), Integer.toString(f.repeats())));
        }
        BenchReport.table(out, List.of("batch", "images/s", "ms/batch (median)", "min / max ms", "runs"), rows);
    }
}
