package faceattr.bench;

import faceattr.model.Profile;
import faceattr.synth.SynthConfig;
import faceattr.synth.SynthGenerator;
import faceattr.train.TrainOptions;
import faceattr.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training speed of the compact profile, stage by stage: a small synthetic set (faces, backgrounds, objects) is
 * generated, every stage runs {@code epochs} epochs with the {@code train} command's compact defaults (batch sizes,
 * learning rates), and each stage's own images/s (from the trainer's summary) is reported.
 */
public final class TrainBench {
    /**
     * @param images   face images generated (80 % train, 10 % validation, 10 % test)
     * @param epochs   epochs per network stage
     * @param threads  ND4J threads (0: all cores)
     */
    public record Options(int images, int epochs, int threads, long seed) {
        public Options {
            if (images < 50 || epochs < 1 || threads < 0) {
                throw new IllegalArgumentException("images at least 50, epochs at least 1, threads at least 0");
            }
        }
    }

    private final Options o;
    private final PrintStream progress;

    public TrainBench(Options options, PrintStream progress) {
        this.o = options;
        this.progress = progress;
    }

    public Map<String, Object> run() throws IOException {
        Path tmp = Files.createTempDirectory("faceattr-bench-train-");
        try {
            Path data = tmp.resolve("data");
            Path objects = tmp.resolve("objects");
            progress.printf("bench train: generating %d synthetic images (+ backgrounds and objects) ...%n",
                    o.images());
            new SynthGenerator(new SynthConfig(data, o.images(), Math.max(10, o.images() / 10), o.seed(), false,
                    Math.max(20, o.images() / 10), objects, 4, Math.max(20, o.images() / 20), 2, false)).generate();
            // every network stage (the box regressor too) runs all its epochs: patience = epochs; identity
            // pre-training uses every identity, with the same-identity feature loss
            TrainOptions t = TrainOptions.builder(Profile.COMPACT, data, tmp.resolve("model.zip"))
                    .objects(objects).work(tmp.resolve("work"))
                    .lnetPretrainEpochs(o.epochs()).lnetEpochs(o.epochs()).regressorEpochs(o.epochs())
                    .anetPretrainEpochs(o.epochs()).anetEpochs(o.epochs()).patience(o.epochs())
                    .regressorMaxTrain(0).anetPretrainIdentities(0).centerLoss(0.003)
                    .seed(o.seed()).threads(o.threads())
                    .generateCommand("bench train").commandLine("faceattr bench train")
                    .build();
            Map<String, Object> summary = new Trainer(t, progress).run();
            return figures(summary);
        } finally {
            TempDirs.deleteRecursively(tmp);
        }
    }

    private Map<String, Object> figures(Map<String, Object> summary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", "compact");
        m.put("images", o.images());
        m.put("epochs", o.epochs());
        m.put("threads", o.threads());
        Map<String, Object> perStage = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> stages =
                (Map<String, Map<String, Object>>) summary.get("stages");
        for (Map.Entry<String, Map<String, Object>> e : stages.entrySet()) {
            Object ips = e.getValue().get("imagesPerSecond");
            if (ips instanceof Number n) {
                perStage.put(e.getKey(), BenchReport.round(n.doubleValue(), 2));
                Map<String, Object> d = new LinkedHashMap<>();
                for (String k : List.of("trainImages", "epochs", "seconds")) {
                    if (e.getValue().containsKey(k)) {
                        d.put(k, e.getValue().get(k));
                    }
                }
                details.put(e.getKey(), d);
            }
        }
        m.put("imagesPerSecond", perStage);
        m.put("stages", details);
        m.put("totalSeconds", summary.get("totalSeconds"));
        m.put("machine", MachineInfo.describe());
        return m;
    }

    public static void print(PrintStream out, Map<String, Object> f) {
        out.println("faceattr bench train (compact, " + f.get("images") + " synthetic images, " + f.get("epochs")
                + " epoch(s) per stage)");
        @SuppressWarnings("unchecked") Map<String, Object> machine = (Map<String, Object>) f.get("machine");
        out.println(MachineInfo.line(machine));
        @SuppressWarnings("unchecked") Map<String, Object> ips = (Map<String, Object>) f.get("imagesPerSecond");
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> stages =
                (Map<String, Map<String, Object>>) f.get("stages");
        List<List<String>> rows = new ArrayList<>();
        ips.forEach((stage, v) -> {
            Map<String, Object> d = stages.get(stage);
            rows.add(List.of(stage, String.valueOf(v), String.valueOf(d.getOrDefault("trainImages", "")),
                    d.get("seconds") instanceof Number s ? BenchReport.f1(s.doubleValue()) : ""));
        });
        BenchReport.table(out, List.of("stage", "images/s", "images", "seconds"), rows);
    }
}
