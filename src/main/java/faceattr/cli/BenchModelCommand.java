package faceattr.cli;

import faceattr.bench.BenchImages;
import faceattr.bench.BenchReport;
import faceattr.bench.MachineInfo;
import faceattr.bench.ModelBench;
import faceattr.bench.NetworkWorkload;
import faceattr.bench.ProfileModels;
import faceattr.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code faceattr bench model}: offline forward passes of the cascade (or of its networks alone) per batch size. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Offline forward passes of the full cascade on in-memory synthetic images: images/s and ms per"
                + " batch for each batch size, after warm-up, median of repeated runs.")
final class BenchModelCommand implements Callable<Integer> {
    @Option(names = "--profile", defaultValue = "compact", description = "compact (the bundled model) or paper"
            + " (untrained networks of the paper's sizes: timing only). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--batch", split = ",", defaultValue = "1,8,32,64", description = "Batch sizes."
            + " Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed passes per batch size (the median is"
            + " reported). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed passes per batch size first."
            + " Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--images", defaultValue = "64", description = "Distinct synthetic photos the batches cycle"
            + " through. Default: ${DEFAULT-VALUE}.")
    int images;

    @Option(names = "--networks-only", description = "Time LNet + ANet + SVMs on fixed tensors, without the Java"
            + " work around them (the workload bench/peer_compare.py compares with PyTorch).")
    boolean networksOnly;

    @Mixin
    ThreadsOption threads;

    @Mixin
    ModelOption model;

    @Mixin
    JsonFileOption json;

    @Override
    public Integer call() throws Exception {
        threads.applyToNd4j();
        ModelBundle bundle = ProfileModels.load(profile, model.path());
        ModelBench bench = new ModelBench(warmup, repeats, System.err);
        List<ModelBench.BatchFigures> figures;
        if (networksOnly) {
            figures = bench.networks(new NetworkWorkload(bundle.forInference()), batches);
        } else {
            System.err.printf("bench model: generating %d synthetic photos ...%n", images);
            figures = bench.cascade(bundle.forInference().cascade(), BenchImages.generate(images, 2015), batches);
        }
        Map<String, Object> machine = MachineInfo.describe();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("profile", profile);
        out.put("model", bundle.manifest().version());
        out.put("workload", networksOnly ? "networks" : "cascade");
        out.put("batches", ModelBench.batchesJson(figures));
        Map<String, Double> ms = new LinkedHashMap<>();
        figures.forEach(f -> ms.put(Integer.toString(f.batch()), BenchReport.round(f.msPerBatch(), 2)));
        out.put("msPerBatch", ms);
        out.put("repeats", repeats);
        out.put("warmup", warmup);
        out.put("machine", machine);
        ModelBench.print(System.out, "faceattr bench model (" + profile + ", " + bundle.manifest().version() + ", "
                + (networksOnly ? "networks only" : "full cascade") + ")\n" + MachineInfo.line(machine), figures);
        json.write(out);
        return 0;
    }
}
