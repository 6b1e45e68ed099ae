package faceattr.attributes;

import faceattr.data.Attributes;
import faceattr.data.CelebaDataset;
import faceattr.data.CelebaReader;
import faceattr.data.CelebaSample;
import faceattr.data.ImageVariant;
import faceattr.data.Split;
import faceattr.data.SynthManifest;
import faceattr.model.AttributeClassifiers;
import faceattr.model.Cascade;
import faceattr.model.ModelBundle;
import faceattr.report.Json;
import faceattr.report.LineChart;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The paper's claim that an attribute is a linear read-out of ANet's features, measured as a user would meet it: each
 * chosen attribute is taken out of the bundle's classifiers and added back with {@link CustomAttributes#add} from N
 * positive and N negative photos drawn from a pool of people the test split does not contain, then judged on the test
 * split beside the bundle's own (full-data) classifier. Features are computed once per image (and cached in the
 * output folder) and reused for every N, draw and attribute; each point is the mean of several draws.
 */
public final class LearningCurve {

    /**
     * @param attributes CelebA attributes to take out and add back
     * @param sizes      photos per label (N positives + N negatives)
     * @param repeats    random draws of the N + N photos per point
     * @param maxTest    at most this many test images, spread over the split (0 = all)
     * @param maxPool    at most this many pool photos, spread over the pool (0 = all)
     */
    public record Options(List<String> attributes, int[] sizes, int repeats, long seed, int batch, int maxTest,
                          int maxPool) {
    }

    /**
     * One N: over the draws, the mean and standard deviation of the test accuracy, the mean balanced accuracy, the
     * mean cross-validated accuracy {@code add} reported and the mean C; and the same classifiers told the pool's
     * share of positives ({@code --positive-rate}): mean test accuracy, its deviation and mean balanced accuracy.
     */
    public record Point(int perLabel, int draws, double accuracy, double accuracySd, double balancedAccuracy,
                        double cvAccuracy, double meanC, double accuracyAtPoolRate, double accuracyAtPoolRateSd,
                        double balancedAccuracyAtPoolRate) {
    }

    public record AttributeCurve(String name, double testPositiveRate, double majorityBaseline, double fullAccuracy,
                                 double fullBalancedAccuracy, int poolPositives, int poolNegatives, double poolRate,
                                 List<Point> points) {
    }

    /** Everything the report says (learning-curve.json). */
    public record Result(String model, String test, String pool, int testImages, int poolPhotos, int poolFaces,
                         Options options, List<AttributeCurve> attributes, double meanFullAccuracy,
                         double[] meanAccuracy, double[] meanBalancedAccuracy, double meanFullBalancedAccuracy,
                         double[] meanAccuracyAtPoolRate, double[] meanBalancedAccuracyAtPoolRate) {
    }

    private final PrintStream err;

    public LearningCurve(PrintStream err) {
        this.err = err;
    }

    public Result run(ModelBundle bundle, String modelName, Path testData, Path poolData, Options o, Path out)
            throws IOException {
        for (String a : o.attributes()) {
            if (bundle.classifiers().indexOf(a) < 0 || !Attributes.NAMES.contains(a)) {
                throw new IllegalArgumentException(a + " is not a CelebA attribute of the model");
            }
        }
        List<CelebaSample> test = CelebaReader.read(testData, ImageVariant.IN_THE_WILD).requireImages().split(Split.TEST);
        List<CelebaSample> pool = poolSamples(testData, poolData);
        test = o.maxTest() > 0 ? CelebaDataset.spread(test, o.maxTest()) : test;
        pool = o.maxPool() > 0 ? CelebaDataset.spread(pool, o.maxPool()) : pool;
        if (test.isEmpty() || pool.isEmpty()) {
            throw new IOException("empty " + (test.isEmpty() ? "test split in " + testData : "pool in " + poolData));
        }
        Cascade cascade = bundle.forInference().cascade();
        String version = bundle.manifest().version();
        PhotoFeatures testFeatures = features(cascade, version, test, o.batch(), out.resolve("features-test.bin"),
                "learning curve: test-split features");
        PhotoFeatures poolAll = features(cascade, version, pool, o.batch(), out.resolve("features-pool.bin"),
                "learning curve: pool features");
        if (!testFeatures.skipped().isEmpty()) {
            throw new IOException(testFeatures.skipped().size() + " test images could not be read, e.g. "
                    + testFeatures.skipped().get(0));
        }
        PhotoFeatures poolFaces = poolAll.facesOnly();
        java.util.Map<Path, CelebaSample> byPath = new java.util.HashMap<>();
        test.forEach(s -> byPath.put(s.imagePath(), s));
        pool.forEach(s -> byPath.put(s.imagePath(), s));

        List<AttributeCurve> curves = new ArrayList<>();
        for (int k = 0; k < o.attributes().size(); k++) {
            curves.add(curve(bundle, o, k, testFeatures, poolFaces, byPath));
        }
        int n = o.sizes().length;
        double[] meanAcc = new double[n];
        double[] meanBal = new double[n];
        double[] meanAccRate = new double[n];
        double[] meanBalRate = new double[n];
        double meanFull = curves.stream().mapToDouble(AttributeCurve::fullAccuracy).average().orElse(Double.NaN);
        double meanFullBal = curves.stream().mapToDouble(AttributeCurve::fullBalancedAccuracy).average()
                .orElse(Double.NaN);
        for (int i = 0; i < n; i++) {
            final int j = i;
            meanAcc[i] = curves.stream().mapToDouble(c -> c.points().get(j).accuracy()).average().orElse(Double.NaN);
            meanBal[i] = curves.stream().mapToDouble(c -> c.points().get(j).balancedAccuracy()).average()
                    .orElse(Double.NaN);
            meanAccRate[i] = curves.stream().mapToDouble(c -> c.points().get(j).accuracyAtPoolRate()).average()
                    .orElse(Double.NaN);
            meanBalRate[i] = curves.stream().mapToDouble(c -> c.points().get(j).balancedAccuracyAtPoolRate())
                    .average().orElse(Double.NaN);
        }
        Result r = new Result(modelName, testData.toString(), poolData.toString(), testFeatures.photos().size(),
                poolAll.photos().size(), poolFaces.photos().size(), o, curves, meanFull, meanAcc, meanBal, meanFullBal, meanAccRate, meanBalRate);
        write(r, out);
        return r;
    }

    private AttributeCurve curve(ModelBundle bundle, Options o, int k, PhotoFeatures test, PhotoFeatures pool,
                                 java.util.Map<Path, CelebaSample> byPath) {
        String name = o.attributes().get(k);
        int column = Attributes.indexOf(name);
        boolean[] testY = new boolean[test.photos().size()];
        for (int i = 0; i < testY.length; i++) {
            testY[i] = byPath.get(test.photos().get(i).file()).attributes()[column];
        }
        double[] full = CustomAttributes.measure(bundle.classifiers(), name, test.features(), testY);
        ModelBundle without = BundleAttributes.remove(bundle, name);
        List<Integer> positives = new ArrayList<>();
        List<Integer> negatives = new ArrayList<>();
        for (int i = 0; i < pool.photos().size(); i++) {
            (byPath.get(pool.photos().get(i).file()).attributes()[column] ? positives : negatives).add(i);
        }
        double poolRate = positives.size() / (double) pool.photos().size();
        List<Point> points = new ArrayList<>();
        for (int size : o.sizes()) {
            if (positives.size() < size || negatives.size() < size) {
                err.printf(Locale.ROOT, "learning curve: %s has %d positive and %d negative pool photos, fewer than "
                        + "N = %d; point left out%n", name, positives.size(), negatives.size(), size);
                points.add(new Point(size, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN));
                continue;
            }
            double[] acc = new double[o.repeats()];
            double[] accRate = new double[o.repeats()];
            double bal = 0, balRate = 0, cv = 0, c = 0;
            for (int r = 0; r < o.repeats(); r++) {
                long seed = o.seed() + 1_000_003L * k + 10_007L * size + r;
                SplittableRandom random = new SplittableRandom(seed);
                List<Integer> chosen = new ArrayList<>(draw(positives, size, random));
                chosen.addAll(draw(negatives, size, random));
                List<LabelledPhoto> photos = new ArrayList<>();
                float[][] x = new float[chosen.size()][];
                for (int i = 0; i < x.length; i++) {
                    int idx = chosen.get(i);
                    Path file = pool.photos().get(idx).file();
                    photos.add(new LabelledPhoto(file, byPath.get(file).attributes()[column]));
                    x[i] = pool.features()[idx];
                }
                boolean[] faces = new boolean[x.length];
                java.util.Arrays.fill(faces, true);
                CustomAttributes.Added added = CustomAttributes.add(without, name,
                        new PhotoFeatures(photos, x, faces, List.of()), null, seed);
                double[] m = CustomAttributes.measure(added.bundle().classifiers(), name, test.features(), testY);
                acc[r] = m[0];
                bal += m[1] / o.repeats();
                cv += added.cv().accuracy() / o.repeats();
                c += added.fitted().c() / o.repeats();
                // what 'add --positive-rate' gives: the same fit, its prior moved to the pool's share of positives
                AttributeClassifiers atRate = without.classifiers().with(
                        added.fitted().forPositiveRate(poolRate, 0.5).attribute(name));
                double[] mr = CustomAttributes.measure(atRate, name, test.features(), testY);
                accRate[r] = mr[0];
                balRate += mr[1] / o.repeats();
            }
            points.add(new Point(size, o.repeats(), mean(acc), sd(acc), bal, cv, c, mean(accRate), sd(accRate),
                    balRate));
            err.printf(Locale.ROOT, "learning curve: %s N=%d+%d test accuracy %.4f (sd %.4f; at the pool's rate %.4f; "
                    + "full-data %.4f)%n", name, size, size, mean(acc), sd(acc), mean(accRate), full[0]);
        }
        int pos = 0;
        for (boolean v : testY) {
            pos += v ? 1 : 0;
        }
        double rate = pos / (double) testY.length;
        return new AttributeCurve(name, rate, Math.max(rate, 1 - rate), full[0], full[1], positives.size(),
                negatives.size(), poolRate, points);
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / Math.max(1, v.length - 1));
    }

    private static List<Integer> draw(List<Integer> from, int size, SplittableRandom random) {
        List<Integer> copy = new ArrayList<>(from);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(copy.size() - i);
            Integer t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return copy.subList(0, size);
    }

    /**
     * The pool's photos: all of {@code poolData}, or only its train and validation splits when it is the test data
     * itself (splits are identity-disjoint). A synthetic pool made with the test set's seed is refused: the two would
     * share people.
     */
    static List<CelebaSample> poolSamples(Path testData, Path poolData) throws IOException {
        var dataset = CelebaReader.read(poolData, ImageVariant.IN_THE_WILD).requireImages();
        if (Files.isSameFile(testData, poolData)) {
            return dataset.samples().stream().filter(s -> s.split() != Split.TEST).toList();
        }
        Optional<SynthManifest> t = SynthManifest.read(testData);
        Optional<SynthManifest> p = SynthManifest.read(poolData);
        if (t.isPresent() && p.isPresent() && t.get().seed() == p.get().seed()) {
            throw new IllegalArgumentException(poolData + " and " + testData + " were made with the same synth seed "
                    + t.get().seed() + " and share people; make the pool with another seed");
        }
        return dataset.samples();
    }

    private PhotoFeatures features(Cascade cascade, String version, List<CelebaSample> samples, int batch, Path cache,
                                   String label) throws IOException {
        List<LabelledPhoto> photos = samples.stream().map(s -> new LabelledPhoto(s.imagePath(), false)).toList();
        Optional<PhotoFeatures> cached = FeatureCache.read(cache, version, photos);
        if (cached.isPresent()) {
            err.println(label + ": " + photos.size() + " images from " + cache);
            return cached.get();
        }
        PhotoFeatures f = PhotoFeatures.extract(cascade, photos, batch, label, err);
        FeatureCache.write(cache, version, photos, f);
        return f;
    }

    static void write(Result r, Path out) throws IOException {
        Files.createDirectories(out);
        Json.PRETTY.writeValue(
                out.resolve("learning-curve.json").toFile(), r);
        Files.writeString(out.resolve("learning-curve.md"), markdown(r));
        String[] ticks = java.util.Arrays.stream(r.options().sizes()).mapToObj(n -> n + "+" + n).toArray(String[]::new);
        double lo = 1;
        for (AttributeCurve c : r.attributes()) {
            for (Point p : c.points()) {
                lo = Double.isNaN(p.accuracy()) ? lo : Math.min(lo, Math.min(p.accuracy(), p.accuracyAtPoolRate()));
            }
            lo = Math.min(lo, c.majorityBaseline());
        }
        LineChart chart = new LineChart("Own attributes: test accuracy from N positive + N negative photos",
                "photos per label (N + N)", "test-split accuracy", ticks, Math.floor(lo * 20) / 20, 1);
        for (AttributeCurve c : r.attributes()) {
            chart.addFaint(c.points().stream().mapToDouble(Point::accuracy).toArray(), new Color(200, 200, 200));
        }
        double[] full = new double[ticks.length];
        java.util.Arrays.fill(full, r.meanFullAccuracy());
        chart.add("mean, added from N + N photos (thin: each attribute)", r.meanAccuracy(), Color.BLACK);
        chart.add("mean, the same told the pool's share of positives", r.meanAccuracyAtPoolRate(),
                new Color(31, 119, 180));
        chart.add("mean, full-data classifier", full, new Color(120, 120, 120));
        chart.write(out.resolve("learning-curve.png"));
    }

    static String markdown(Result r) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Model `%s`; test split of `%s` (%d images); pool `%s` (%d photos, %d with "
                        + "a face); %d draws per point.%n%n", r.model(), r.test(), r.testImages(), r.pool(),
                r.poolPhotos(), r.poolFaces(), r.options().repeats()));
        md.append("Test-split accuracy % (mean over the draws ± standard deviation) of each attribute added back from N "
                + "positive + N negative photos, beside the bundle's full-data classifier.\n\n");
        md.append("As labelled (threshold for the photos' 50/50 mix):\n\n");
        table(md, r, Point::accuracy, Point::accuracySd, r.meanAccuracy(), r.meanBalancedAccuracy());
        md.append("| mean cross-validated accuracy `add` reported (on the N + N photos) | | |");
        for (int i = 0; i < r.options().sizes().length; i++) {
            final int j = i;
            md.append(String.format(Locale.ROOT, " %.1f |", 100 * r.attributes().stream()
                    .mapToDouble(c -> c.points().get(j).cvAccuracy()).average().orElse(Double.NaN)));
        }
        md.append(" |\n\nThe same classifiers told the pool's share of positives (`add --positive-rate`):\n\n");
        table(md, r, Point::accuracyAtPoolRate, Point::accuracyAtPoolRateSd, r.meanAccuracyAtPoolRate(),
                r.meanBalancedAccuracyAtPoolRate());
        return md.toString();
    }

    private static void table(StringBuilder md, Result r, java.util.function.ToDoubleFunction<Point> accuracy,
                              java.util.function.ToDoubleFunction<Point> sd, double[] mean, double[] meanBalanced) {
        int[] sizes = r.options().sizes();
        md.append("| attribute | positives in test (pool) | majority baseline |");
        for (int n : sizes) {
            md.append(" N = ").append(n).append(" |");
        }
        md.append(" full-data |\n|---|---:|---:|").append("---:|".repeat(sizes.length)).append("---:|\n");
        for (AttributeCurve c : r.attributes()) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f (%.1f) | %.1f |", c.name(), 100 * c.testPositiveRate(),
                    100 * c.poolRate(), 100 * c.majorityBaseline()));
            for (Point p : c.points()) {
                double a = accuracy.applyAsDouble(p);
                md.append(Double.isNaN(a) ? " — |"
                        : String.format(Locale.ROOT, " %.1f ± %.1f |", 100 * a, 100 * sd.applyAsDouble(p)));
            }
            md.append(String.format(Locale.ROOT, " %.1f |%n", 100 * c.fullAccuracy()));
        }
        md.append("| **mean** | | |");
        for (double v : mean) {
            md.append(String.format(Locale.ROOT, " **%.1f** |", 100 * v));
        }
        md.append(String.format(Locale.ROOT, " **%.1f** |%n", 100 * r.meanFullAccuracy()));
        md.append("| gap to full-data (points) | | |");
        for (double v : mean) {
            md.append(String.format(Locale.ROOT, " %+.1f |", 100 * (v - r.meanFullAccuracy())));
        }
        md.append(" |\n| mean balanced accuracy | | |");
        for (double v : meanBalanced) {
            md.append(String.format(Locale.ROOT, " %.1f |", 100 * v));
        }
        md.append(String.format(Locale.ROOT, " %.1f |%n", 100 * r.meanFullBalancedAccuracy()));
    }
}
