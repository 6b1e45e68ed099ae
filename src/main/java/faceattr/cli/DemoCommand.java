package faceattr.cli;

import faceattr.demo.DemoRunner;
import faceattr.model.FaceTagger;
import faceattr.synth.SynthDemoImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code faceattr demo}: the embedded default. A real Kafka broker and schema registry in this process, the bundled
 * model, synthetic images through the service, results printed live; then serves external clients until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an in-process Kafka broker and schema registry, run the service with the bundled model,"
                + " feed it synthetic images (a few deliberately bad) and print every result and dead letter.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port on 127.0.0.1 (a free one if"
            + " taken; 0: any). Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry port on 127.0.0.1 (a"
            + " free one if taken; 0: any). Default: ${DEFAULT-VALUE}.")
    int registryPort;

    @Option(names = "--count", defaultValue = "300", description = "Images to produce. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--bad", defaultValue = "14", description = "How many of them are deliberately bad (corrupt,"
            + " not Avro, both uri and data, disallowed or missing URI, not an image, empty id)."
            + " Default: ${DEFAULT-VALUE}.")
    int bad;

    @Option(names = "--exit", description = "Exit after the summary (code 0 only if every input got exactly one"
            + " output) instead of serving until Ctrl-C.")
    boolean exit;

    @Option(names = "--batch-size", defaultValue = "16", description = "Images per forward pass."
            + " Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Mixin
    ModelOption model;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait for all outputs."
            + " Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || bad < 0 || bad > count) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--count must be at least 1 and --bad between 0 and --count");
        }
        Path images = Files.createTempDirectory("faceattr-demo-images-");
        System.err.println("faceattr demo: generating " + count + " synthetic images ...");
        SynthDemoImages source = SynthDemoImages.generate(images, Math.min(count, 400), 2015);
        System.err.println("faceattr demo: loading the model ...");
        FaceTagger tagger = model.tagger();
        DemoRunner runner = new DemoRunner(new DemoRunner.Options(kafkaPort, registryPort, count, bad, batchSize,
                200, Duration.ofSeconds(timeoutSeconds)), tagger, source, System.out);
        Thread hook = new Thread(() -> {
            runner.close();
            tagger.close();
        }, "faceattr-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            runner.start();
            boolean exactlyOnce = runner.runBatch();
            if (exit) {
                return exactlyOnce ? 0 : 1;
            }
            runner.serveUntilClosed();
            return 0;
        } finally {
            if (exit) {
                Runtime.getRuntime().removeShutdownHook(hook);
                runner.close();
                tagger.close();
            }
            deleteRecursively(images);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("faceattr demo: could not delete " + dir + ": " + e);
        }
    }
}
