package faceattr.synth;

import faceattr.data.Attributes;
import faceattr.data.CelebaFormat;
import faceattr.geometry.Box;
import faceattr.image.Jpeg;
import faceattr.report.ProgressBar;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes a synthetic faces-in-the-wild dataset in the exact CelebA layout (see {@link CelebaFormat}), plus
 * {@code synth_manifest.json}. Image {@code i} depends only on the seed and {@code i}, so the output is byte-identical
 * for a seed whatever the thread count.
 */
public final class SynthGenerator {
    public static final String VERSION = "1";
    public static final String PREVIEW = "preview.png";
    public static final String BACKGROUNDS = "backgrounds";
    /** The one tag that is not drawn (it is a judgement, not a visual cue); it is sampled from a prior. */
    public static final List<String> NOT_RENDERED = List.of("Attractive");
    private static final int ALIGNED_QUALITY = 95;

    private final SynthConfig config;

    public SynthGenerator(SynthConfig config) {
        this.config = config;
    }

    /**
     * What a run produced.
     *
     * @param imagesPerSecond   wall-clock face images per second over the whole run
     * @param cpuMillisPerImage CPU time the workers spent per face image (independent of other load on the machine)
     */
    public record Result(int images, int[] imagesPerSplit, double imagesPerSecond, double cpuMillisPerImage,
                         Path preview) {
    }

    /** The attribute names that are drawn, in official order. */
    public static List<String> renderedAttributes() {
        return Attributes.NAMES.stream().filter(n -> !NOT_RENDERED.contains(n)).toList();
    }

    public Result generate() throws IOException {
        Path out = Files.createDirectories(config.out());
        Path wildDir = Files.createDirectories(out.resolve(faceattr.data.ImageVariant.IN_THE_WILD.folder()));
        Path alignDir = Files.createDirectories(out.resolve(faceattr.data.ImageVariant.ALIGNED.folder()));
        SplitPlan plan = SplitPlan.of(config.seed(), config.count(), config.identities());
        Identity[] people = new Identity[config.identities() + 1];
        for (int id = 1; id <= config.identities(); id++) {
            people[id] = IdentityFactory.create(config.seed(), id);
        }
        ProgressBar bar = progressBar("synth faces", config.count());
        ImageRow[] rows = new ImageRow[config.count()];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        LongAdder cpuNanos = new LongAdder();
        runParallel(config.count(), i -> {
            long before = cpu.getCurrentThreadCpuTime();
            rows[i] = writeImage(config.seed(), i, people[plan.identityOfImage()[i]], wildDir, alignDir);
            cpuNanos.add(cpu.getCurrentThreadCpuTime() - before);
            bar.step();
        });
        double rate = bar.rate();
        ListFileWriter.write(out, rows, plan);
        if (config.backgrounds() > 0) {
            writeBackgrounds(out.resolve(BACKGROUNDS));
        }
        if (config.objectsDir() != null) {
            ProgressBar objects = progressBar("synth objects", config.objectClasses() * config.objectsPerClass());
            ObjectsGenerator.write(config.objectsDir(), config.objectClasses(), config.objectsPerClass(),
                    config.seed(), objects);
        }
        int[] perSplit = new int[3];
        for (int s : plan.splitOfImage()) {
            perSplit[s]++;
        }
        ManifestWriter.write(out, config, rows, perSplit);
        Path preview = config.preview() ? PreviewSheet.write(out, rows) : null;
        return new Result(config.count(), perSplit, rate, cpuNanos.sum() / 1e6 / config.count(), preview);
    }

    /** The face and scene of image {@code index} (0-based) of a run; the same for the same seed and person. */
    static FaceSpec faceOf(long seed, int index, Identity person) {
        return FaceSampler.sample(person, Seeds.stream(seed, Seeds.IMAGE, index));
    }

    static SceneSpec sceneOf(long seed, int index, FaceSpec face) {
        SplittableRandom r = Seeds.stream(seed, Seeds.IMAGE, index);
        FaceSampler.sample(face.identity(), r);
        return SceneSpec.sample(FaceGeometry.of(face), r);
    }

    private static ImageRow writeImage(long seed, int index, Identity person, Path wildDir, Path alignDir) {
        SplittableRandom r = Seeds.stream(seed, Seeds.IMAGE, index);
        FaceSpec face = FaceSampler.sample(person, r);
        SceneSpec scene = SceneSpec.sample(FaceGeometry.of(face), r);
        RenderedFace wild = WildRenderer.render(face, scene);
        double[] lm = wild.landmarks();
        AffineTransform align = Aligner.transform(lm[0], lm[1], lm[2], lm[3]);
        BufferedImage aligned = Aligner.crop(wild.image(), align);
        double[] alm = new double[lm.length];
        align.transform(lm, 0, alm, 0, lm.length / 2);
        String name = CelebaFormat.imageName(index + 1);
        try {
            Jpeg.write(wild.image(), scene.jpegQuality(), wildDir.resolve(name));
            Jpeg.write(aligned, ALIGNED_QUALITY, alignDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Box b = wild.box().clip(scene.width(), scene.height());
        int x = (int) Math.round(b.x());
        int y = (int) Math.round(b.y());
        int[] box = {x, y, (int) Math.round(b.x() + b.width()) - x, (int) Math.round(b.y() + b.height()) - y};
        return new ImageRow(face.attributes(), box, round(lm), round(alm));
    }

    private static int[] round(double[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) Math.round(v[i]);
        }
        return out;
    }

    private interface IndexTask {
        void run(int index) throws Exception;
    }

    private void runParallel(int n, IndexTask task) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(config.threads());
        try {
            int chunk = 16;
            List<Future<?>> futures = new ArrayList<>();
            for (int start = 0; start < n; start += chunk) {
                int from = start;
                int to = Math.min(n, start + chunk);
                futures.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("synth interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("synth failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A bar on stderr when the config asks for progress, else one that only counts (for the rate). */
    private ProgressBar progressBar(String label, int total) {
        return config.progress() ? new ProgressBar(System.err, label, total) : ProgressBar.silent(total);
    }

    private void writeBackgrounds(Path dir) throws IOException {
        Files.createDirectories(dir);
        ProgressBar bar = progressBar("synth backgrounds", config.backgrounds());
        runParallel(config.backgrounds(), i -> {
            SplittableRandom r = Seeds.stream(config.seed(), Seeds.BACKGROUND, i);
            BufferedImage img = Backgrounds.render(r);
            Jpeg.write(img, 60 + r.nextInt(36), dir.resolve(CelebaFormat.imageName(i + 1)));
            bar.step();
        });
    }

}
