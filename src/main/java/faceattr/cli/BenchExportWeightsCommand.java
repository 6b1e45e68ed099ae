package faceattr.cli;

import faceattr.bench.WeightExport;
import faceattr.model.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code faceattr bench export-weights}: the bundle's networks and SVMs for the PyTorch peer comparison. */
@Command(name = "export-weights", mixinStandardHelpOptions = true,
        description = "Write the bundle's LNet, ANet and SVM weights in PyTorch layouts (weights.npz, manifest.json)"
                + " and reference inputs with DL4J's outputs (reference.npz) for bench/peer_compare.py.")
final class BenchExportWeightsCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
    Path out;

    @Mixin
    ModelOption model;

    @Option(names = "--faces", defaultValue = "4", description = "Faces in the reference batch."
            + " Default: ${DEFAULT-VALUE}.")
    int faces;

    @Mixin
    SeedOption seed = new SeedOption(11);

    @Override
    public Integer call() throws Exception {
        ModelBundle bundle = model.load();
        WeightExport.export(bundle, out, faces, seed.value());
        System.out.println("wrote " + out.resolve("weights.npz") + ", " + out.resolve("manifest.json") + ", "
                + out.resolve("reference.npz") + " (model " + bundle.manifest().version() + ")");
        return 0;
    }
}
