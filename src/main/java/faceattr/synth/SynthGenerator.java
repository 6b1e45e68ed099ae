package faceattr.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import faceattr.data.Attributes;
import faceattr.data.CelebaFormat;
import faceattr.errors.RejectedInputException;
import faceattr.image.ContactSheet;
import faceattr.image.ImageDecoder;
import faceattr.image.ImageLimits;
import faceattr.model.Box;

import java.awt.geom.AffineTransform;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    public static final String MANIFEST = faceattr.data.SynthManifest.FILE;
    public static final String PREVIEW = "preview.png";
    public static final String BACKGROUNDS = "backgrounds";
    /** The one tag that is not drawn (it is a judgement, not a visual cue); it is sampled from a prior. */
    public static final List<String> NOT_RENDERED = List.of("Attractive");
    private static final int ALIGNED_QUALITY = 95;
    private static final int PREVIEW_IMAGES = 16;

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

    /** One image's annotation row values, as written to the list files. */
    record Row(boolean[] attributes, int[] box, int[] landmarks, int[] alignedLandmarks) {
    }

    /** Which person and split each image belongs to. */
    record Plan(int[] identityOfImage, int[] splitOfImage, int[] splitOfIdentity) {
    }

    /** The attribute names that are drawn, in official order. */
    public static List<String> renderedAttributes() {
        return Attributes.NAMES.stream().filter(n -> !NOT_RENDERED.contains(n)).toList();
    }

    public Result generate() throws IOException {
        Path out = Files.createDirectories(config.out());
        Path wildDir = Files.createDirectories(out.resolve(faceattr.data.ImageVariant.IN_THE_WILD.folder()));
        Path alignDir = Files.createDirectories(out.resolve(faceattr.data.ImageVariant.ALIGNED.folder()));
        Plan plan = plan(config.seed(), config.count(), config.identities());
        Identity[] people = new Identity[config.identities() + 1];
        for (int id = 1; id <= config.identities(); id++) {
            people[id] = IdentityFactory.create(config.seed(), id);
        }
        ProgressBar bar = new ProgressBar("synth faces", config.count(), config.progress());
        Row[] rows = new Row[config.count()];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        LongAdder cpuNanos = new LongAdder();
        runParallel(config.count(), i -> {
            long before = cpu.getCurrentThreadCpuTime();
            rows[i] = writeImage(config.seed(), i, people[plan.identityOfImage()[i]], wildDir, alignDir);
            cpuNanos.add(cpu.getCurrentThreadCpuTime() - before);
            bar.step();
        });
        double rate = bar.rate();
        writeLists(out, rows, plan);
        if (config.backgrounds() > 0) {
            writeBackgrounds(out.resolve(BACKGROUNDS));
        }
        if (config.objectsDir() != null) {
            ProgressBar objects = new ProgressBar("synth objects", config.objectClasses() * config.objectsPerClass(),
                    config.progress());
            ObjectsGenerator.write(config.objectsDir(), config.objectClasses(), config.objectsPerClass(),
                    config.seed(), objects);
        }
        int[] perSplit = new int[3];
        for (int s : plan.splitOfImage()) {
            perSplit[s]++;
        }
        writeManifest(out, rows, perSplit);
        Path preview = config.preview() ? writePreview(out, rows) : null;
        return new Result(config.count(), perSplit, rate, cpuNanos.sum() / 1e6 / config.count(), preview);
    }

    /**
     * Identity-disjoint splits (about 80/10/10 of the people, at least one each), images spread evenly over people;
     * images are ordered train, val, test like CelebA's, shuffled within each split.
     */
    static Plan plan(long seed, int count, int identities) {
        SplittableRandom r = Seeds.stream(seed, Seeds.SPLIT, 0);
        int[] order = permutation(identities, r);
        int nVal = Math.max(1, (int) Math.round(identities * 0.1));
        int nTest = Math.max(1, (int) Math.round(identities * 0.1));
        int nTrain = identities - nVal - nTest;
        int[] splitOfIdentity = new int[identities + 1];
        for (int k = 0; k < identities; k++) {
            splitOfIdentity[order[k] + 1] = k < nTrain ? 0 : k < nTrain + nVal ? 1 : 2;
        }
        int[] imagesOf = new int[identities + 1];
        int[] extra = permutation(identities, r);
        for (int id = 1; id <= identities; id++) {
            imagesOf[id] = count / identities;
        }
        for (int k = 0; k < count % identities; k++) {
            imagesOf[extra[k] + 1]++;
        }
        int[] identityOfImage = new int[count];
        int[] splitOfImage = new int[count];
        int next = 0;
        for (int split = 0; split < 3; split++) {
            int start = next;
            for (int id = 1; id <= identities; id++) {
                if (splitOfIdentity[id] == split) {
                    for (int k = 0; k < imagesOf[id]; k++) {
                        identityOfImage[next++] = id;
                    }
                }
            }
            for (int i = next - 1; i > start; i--) {
                int j = start + r.nextInt(i - start + 1);
                int t = identityOfImage[i];
                identityOfImage[i] = identityOfImage[j];
                identityOfImage[j] = t;
            }
            for (int i = start; i < next; i++) {
                splitOfImage[i] = split;
            }
        }
        return new Plan(identityOfImage, splitOfImage, splitOfIdentity);
    }

    private static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
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

    private static Row writeImage(long seed, int index, Identity person, Path wildDir, Path alignDir) {
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
        return new Row(face.attributes(), box, round(lm), round(alm));
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

    private void writeLists(Path out, Row[] rows, Plan plan) throws IOException {
        int n = rows.length;
        List<String> attr = new ArrayList<>(n + 2);
        List<String> bbox = new ArrayList<>(n + 2);
        List<String> marks = new ArrayList<>(n + 2);
        List<String> aligned = new ArrayList<>(n + 2);
        List<String> partition = new ArrayList<>(n);
        List<String> identity = new ArrayList<>(n);
        for (List<String> withHeader : List.of(attr, bbox, marks, aligned)) {
            withHeader.add(Integer.toString(n));
        }
        attr.add(CelebaFormat.ATTR_HEADER);
        bbox.add(CelebaFormat.BBOX_HEADER);
        marks.add(CelebaFormat.LANDMARKS_HEADER);
        aligned.add(CelebaFormat.LANDMARKS_HEADER);
        for (int i = 0; i < n; i++) {
            String name = CelebaFormat.imageName(i + 1);
            Row row = rows[i];
            attr.add(CelebaFormat.attrRow(name, row.attributes()));
            bbox.add(CelebaFormat.bboxRow(name, row.box()[0], row.box()[1], row.box()[2], row.box()[3]));
            marks.add(CelebaFormat.landmarksRow(name, row.landmarks()));
            aligned.add(CelebaFormat.landmarksRow(name, row.alignedLandmarks()));
            partition.add(CelebaFormat.pairRow(name, plan.splitOfImage()[i]));
            identity.add(CelebaFormat.pairRow(name, plan.identityOfImage()[i]));
        }
        writeLines(out.resolve(CelebaFormat.ATTR_FILE), attr);
        writeLines(out.resolve(CelebaFormat.BBOX_FILE), bbox);
        writeLines(out.resolve(CelebaFormat.LANDMARKS_FILE), marks);
        writeLines(out.resolve(CelebaFormat.LANDMARKS_ALIGN_FILE), aligned);
        writeLines(out.resolve(CelebaFormat.PARTITION_FILE), partition);
        writeLines(out.resolve(CelebaFormat.IDENTITY_FILE), identity);
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder(lines.size() * 64);
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.US_ASCII);
    }

    private void writeBackgrounds(Path dir) throws IOException {
        Files.createDirectories(dir);
        ProgressBar bar = new ProgressBar("synth backgrounds", config.backgrounds(), config.progress());
        runParallel(config.backgrounds(), i -> {
            SplittableRandom r = Seeds.stream(config.seed(), Seeds.BACKGROUND, i);
            BufferedImage img = Backgrounds.render(r);
            Jpeg.write(img, 60 + r.nextInt(36), dir.resolve(CelebaFormat.imageName(i + 1)));
            bar.step();
        });
    }

    private void writeManifest(Path out, Row[] rows, int[] perSplit) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "faceattr-synth");
        m.put("generatorVersion", VERSION);
        m.put("seed", config.seed());
        m.put("count", config.count());
        m.put("identities", config.identities());
        m.put("imagesPerSplit", Map.of("train", perSplit[0], "val", perSplit[1], "test", perSplit[2]));
        m.put("backgrounds", config.backgrounds());
        if (config.objectsDir() != null) {
            m.put("objects", Map.of("dir", config.objectsDir().toString(),
                    "classes", ObjectsGenerator.CLASSES.subList(0, config.objectClasses()),
                    "perClass", config.objectsPerClass()));
        }
        m.put("alignedEyes", Map.of("left", List.of(Aligner.LEFT_EYE_X, Aligner.EYE_Y),
                "right", List.of(Aligner.RIGHT_EYE_X, Aligner.EYE_Y)));
        m.put("renderedAttributes", renderedAttributes());
        List<Map<String, Object>> notRendered = new ArrayList<>();
        for (String name : NOT_RENDERED) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("prior", FaceSampler.attractivePrior());
            entry.put("sampledFrom", "Bernoulli depending on Young, Male and Heavy_Makeup; no visual cue");
            notRendered.add(entry);
        }
        m.put("nonRenderedAttributes", notRendered);
        Map<String, Double> freq = new LinkedHashMap<>();
        for (int a = 0; a < Attributes.COUNT; a++) {
            int pos = 0;
            for (Row row : rows) {
                pos += row.attributes()[a] ? 1 : 0;
            }
            freq.put(Attributes.NAMES.get(a), Math.round(10000.0 * pos / rows.length) / 10000.0);
        }
        m.put("positiveRates", freq);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(MANIFEST).toFile(), m);
    }

    private Path writePreview(Path out, Row[] rows) throws IOException {
        ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
        int n = Math.min(PREVIEW_IMAGES, rows.length);
        int columns = 8;
        ContactSheet sheet = new ContactSheet(columns, 180, 180);
        for (int start = 0; start < n; start += columns) {
            int end = Math.min(n, start + columns);
            for (int i = start; i < end; i++) {
                Row row = rows[i];
                BufferedImage img = decode(decoder, out.resolve(faceattr.data.ImageVariant.IN_THE_WILD.folder())
                        .resolve(CelebaFormat.imageName(i + 1)));
                double[] pts = new double[10];
                for (int k = 0; k < 10; k++) {
                    pts[k] = row.landmarks()[k];
                }
                sheet.add(img, caption(i, row.attributes()),
                        List.of(new Box(row.box()[0], row.box()[1], row.box()[2], row.box()[3])), pts);
            }
            for (int i = end; i < start + columns; i++) {
                sheet.add(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "");
            }
            for (int i = start; i < end; i++) {
                BufferedImage img = decode(decoder, out.resolve(faceattr.data.ImageVariant.ALIGNED.folder())
                        .resolve(CelebaFormat.imageName(i + 1)));
                sheet.add(img, "aligned " + CelebaFormat.imageName(i + 1), List.of(), new double[0]);
            }
        }
        Path png = out.resolve(PREVIEW);
        sheet.write(png);
        return png;
    }

    private static BufferedImage decode(ImageDecoder decoder, Path file) throws IOException {
        try {
            return decoder.decode(Files.readAllBytes(file));
        } catch (RejectedInputException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Short codes of the tags that are on, e.g. {@code 000003 M Y Smi Gls}; No_Beard and Attractive left out. */
    static String caption(int index, boolean[] a) {
        StringBuilder sb = new StringBuilder(CelebaFormat.imageName(index + 1).substring(0, 6));
        for (int i = 0; i < a.length; i++) {
            if (a[i] && !CAPTION_CODES[i].isEmpty()) {
                sb.append(' ').append(CAPTION_CODES[i]);
            }
        }
        return sb.toString();
    }

    /** Preview caption codes in official attribute order (empty: not shown). */
    private static final String[] CAPTION_CODES = {"5oC", "Arch", "", "Bags", "Bald", "Bang", "BLip", "BNos", "Blk",
            "Bln", "Blur", "Brn", "Bush", "Chub", "DChn", "Gls", "Goat", "Gry", "Mkp", "HChk", "M", "Open", "Must",
            "Narr", "", "Oval", "Pale", "Pnt", "Rec", "Rosy", "Sdb", "Smi", "Str", "Wav", "Ear", "Hat", "Lip", "Nkl",
            "Tie", "Y"};
}
