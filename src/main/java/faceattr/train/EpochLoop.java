package faceattr.train;

import faceattr.report.Json;
import faceattr.report.ProgressBar;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The epoch loop every stage shares: shuffled minibatches with a progress bar, validation after each epoch,
 * a checkpoint per epoch in the stage's work folder, early stopping on the validation loss (the best epoch's weights are
 * what the stage returns), a training-curve PNG, and resuming from the last checkpoint.
 */
final class EpochLoop {
    private static final Logger LOG = LoggerFactory.getLogger(EpochLoop.class);

    /** Makes one training minibatch (augmented) from example indices. */
    interface Batches {
        MultiDataSet batch(int[] indices, Random random);
    }

    /** Validation loss (lower is better) and an accuracy-like metric. */
    interface Validation {
        double[] evaluate(ComputationGraph net);
    }

    /** {@code learningRate}: the first epoch's rate; it follows a cosine down to a tenth of it at the last epoch. */
    record Settings(int epochs, int batchSize, int patience, long seed, double learningRate) {
        /** A network's schedule, with the seed of its shuffling and augmentation. */
        static Settings of(TrainOptions.Schedule schedule, long seed) {
            return new Settings(schedule.epochs(), schedule.batch(), schedule.patience(), seed, schedule.learningRate());
        }

        double learningRate(int epoch) {
            if (epochs <= 1) {
                return learningRate;
            }
            double t = (epoch - 1) / (double) (epochs - 1);
            return learningRate * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * t)));
        }
    }

    record Outcome(ComputationGraph net, List<EpochStats> history, int bestEpoch, double seconds,
                   double imagesPerSecond, long images) {
        /** What a training run's summary.json records of this stage: sizes, epochs, timing, the curve's file. */
        public Map<String, Object> summary(int trainImages, Path dir) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("trainImages", trainImages);
            s.put("epochs", history.size());
            s.put("bestEpoch", bestEpoch);
            s.put("seconds", seconds);
            s.put("imagesPerSecond", imagesPerSecond);
            s.put("history", history);
            s.put("curve", dir.resolve("curve.png").toString());
            return s;
        }
    }

    /** Saved after every epoch so that {@code --resume} continues where training stopped. */
    record State(int epoch, int bestEpoch, double bestLoss, int epochsSinceBest, boolean finished,
                 List<EpochStats> history) {
    }

    private EpochLoop() {
    }

    static Outcome run(String stage, String metricName, ComputationGraph net, int examples, Batches batches,
                       Validation validation, Settings settings, Path dir, boolean resume, PrintStream err)
            throws IOException {
        Files.createDirectories(dir);
        Path statePath = dir.resolve("state.json");
        State state = new State(0, 0, Double.POSITIVE_INFINITY, 0, false, new ArrayList<>());
        if (resume && Files.exists(statePath)) {
            state = Json.PRETTY.readValue(statePath.toFile(), State.class);
            if (state.epoch() > 0) {
                net = faceattr.model.Networks.restore(checkpoint(stage, epochFile(dir, state.epoch())).toPath(), true);
                LOG.info("{}: resuming after epoch {} (best epoch {})", stage, state.epoch(), state.bestEpoch());
            }
        } else {
            try (var old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    if (p.getFileName().toString().matches("epoch-\\d+\\.zip|best\\.zip|state\\.json")) {
                        Files.delete(p);
                    }
                }
            }
        }
        List<EpochStats> history = new ArrayList<>(state.history());
        int bestEpoch = state.bestEpoch();
        double bestLoss = state.bestLoss();
        int sinceBest = state.epochsSinceBest();
        long images = 0;
        double seconds = 0;
        for (EpochStats s : history) {
            seconds += s.seconds();
            images += Math.round(s.seconds() * s.imagesPerSecond());
        }
        // a stage that ended at its epoch limit goes on when resumed with a higher one ("train longer"); an early stop
        // stays final
        boolean finished = state.finished() && (sinceBest >= settings.patience() || state.epoch() >= settings.epochs());
        if (state.finished() && !finished) {
            err.println(stage + ": resuming a finished stage after epoch " + state.epoch() + " up to epoch "
                    + settings.epochs());
        }
        for (int epoch = state.epoch() + 1; epoch <= settings.epochs() && !finished; epoch++) {
            long start = System.nanoTime();
            net.setLearningRate(settings.learningRate(epoch));
            Random random = new Random(settings.seed() * 1_000_003L + epoch);
            int[] order = permutation(examples, random);
            ProgressBar bar = new ProgressBar(err, String.format(Locale.ROOT, "%s epoch %d/%d", stage, epoch,
                    settings.epochs()), examples);
            double lossSum = 0;
            int batchCount = 0;
            for (int from = 0; from < examples; from += settings.batchSize()) {
                int to = Math.min(examples, from + settings.batchSize());
                int[] idx = java.util.Arrays.copyOfRange(order, from, to);
                net.fit(batches.batch(idx, random));
                double loss = net.score();
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException(stage + ": loss became " + loss + " in epoch " + epoch
                            + " (lower --lr?)");
                }
                lossSum += loss;
                batchCount++;
                bar.update(to, String.format(Locale.ROOT, "loss %.4f", lossSum / batchCount));
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            double[] val = validation.evaluate(net);
            double epochSeconds = (System.nanoTime() - start) / 1e9;
            EpochStats stats = new EpochStats(epoch, lossSum / Math.max(1, batchCount), val[0], val[1], epochSeconds,
                    examples / Math.max(1e-9, trainSeconds));
            history.add(stats);
            seconds += epochSeconds;
            images += examples;
            err.println(String.format(Locale.ROOT, "%s epoch %d: train loss %.4f, validation loss %.4f, %s %.4f, %.0f s",
                    stage, epoch, stats.trainLoss(), val[0], metricName, val[1], epochSeconds));
            ModelSerializer.writeModel(net, epochFile(dir, epoch).toFile(), true);
            if (Double.isNaN(val[0]) || val[0] < bestLoss - 1e-6) {
                // no validation examples: every epoch counts as the best so far
                bestLoss = val[0];
                bestEpoch = epoch;
                sinceBest = 0;
                ModelSerializer.writeModel(net, dir.resolve("best.zip").toFile(), true);
            } else {
                sinceBest++;
            }
            finished = sinceBest >= settings.patience() || epoch == settings.epochs();
            if (sinceBest >= settings.patience()) {
                err.println(stage + ": early stop, no validation improvement for " + sinceBest + " epochs; best epoch "
                        + bestEpoch);
            }
            Json.PRETTY.writeValue(statePath.toFile(),
                    new State(epoch, bestEpoch, bestLoss, sinceBest, finished, history));
            TrainingCurve.write(stage, metricName, history, dir.resolve("curve.png"));
        }
        ComputationGraph best = bestEpoch > 0
                ? faceattr.model.Networks.restore(checkpoint(stage, dir.resolve("best.zip")).toPath(), true) : net;
        return new Outcome(best, history, bestEpoch, seconds, images / Math.max(1e-9, seconds), images);
    }

    /** A checkpoint that state.json says exists; a clear error naming stage and file when it does not. */
    private static java.io.File checkpoint(String stage, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(stage + ": cannot resume, its state.json refers to " + file
                    + ", which is missing; delete the stage's folder to retrain it");
        }
        return file.toFile();
    }

    private static Path epochFile(Path dir, int epoch) {
        return dir.resolve(String.format(Locale.ROOT, "epoch-%03d.zip", epoch));
    }

    private static int[] permutation(int n, Random random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
