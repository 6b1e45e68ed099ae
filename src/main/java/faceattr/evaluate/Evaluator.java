package faceattr.evaluate;

import faceattr.data.Attributes;
import faceattr.data.CelebaDataset;
import faceattr.data.CelebaReader;
import faceattr.data.CelebaSample;
import faceattr.data.ImageVariant;
import faceattr.data.SampleBatches;
import faceattr.data.Split;
import faceattr.data.SynthManifest;
import faceattr.geometry.Box;
import faceattr.model.Cascade;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a cascade over one split of a CelebA-layout folder: per-attribute accuracy, balanced accuracy and the majority
 * baseline (Table 1's shape), localization recall at IoU ≥ 0.5 against {@code list_bbox_celeba.txt} with a centred-box
 * baseline ({@link LocalizationRecall}, which {@code localize-report} runs over a range of thresholds), and false detections on the face-free {@code backgrounds/} set when there is one.
 */
public final class Evaluator {
    /** LNets+ANet on CelebA, Table 1 of the paper, in the official attribute order. */
    static final int[] PAPER_CELEBA = {91, 79, 81, 79, 98, 95, 68, 78, 88, 95, 84, 80, 90, 91, 92, 99, 95, 97, 90, 87,
            98, 92, 95, 81, 95, 66, 91, 72, 89, 90, 96, 92, 73, 80, 82, 99, 93, 71, 93, 87};

    private final PrintStream err;

    public Evaluator(PrintStream err) {
        this.err = err;
    }

    public Evaluation evaluate(Cascade cascade, String modelName, Path data, Split split, int maxImages, int batch)
            throws IOException {
        CelebaDataset dataset = CelebaReader.read(data, ImageVariant.IN_THE_WILD).requireImages();
        List<CelebaSample> samples = dataset.split(split);
        if (maxImages > 0 && samples.size() > maxImages) {
            samples = CelebaDataset.spread(samples, maxImages);
        }
        if (samples.isEmpty()) {
            throw new IOException(data + ": the " + split + " split is empty");
        }
        int n = samples.size();
        // the bundle's attributes that the data labels (CelebA's columns); attributes added by the user have no labels
        List<String> names = cascade.attributeNames();
        List<Integer> evaluated = new java.util.ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
            if (Attributes.NAMES.contains(names.get(a))) {
                evaluated.add(a);
            }
        }
        int k = evaluated.size();
        if (k == 0) {
            throw new IOException("the model has none of the 40 CelebA attributes the data labels");
        }
        boolean[][] predicted = new boolean[n][];
        Box[] boxes = new Box[n];
        boolean[] isFace = new boolean[n];
        long start = System.nanoTime();
        SampleBatches.forEachBatch(samples, batch, "evaluate " + split.name().toLowerCase(Locale.ROOT), err, (off, images) -> {
            List<Cascade.Analysis> result = cascade.analyzeDominant(images);
            for (int i = 0; i < images.size(); i++) {
                predicted[off + i] = result.get(i).present();
                boxes[off + i] = result.get(i).box();
                isFace[off + i] = result.get(i).isFace();
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> rendered = renderedAttributes(data);
        Map<String, Evaluation.AttributeResult> attrs = new LinkedHashMap<>();
        double meanAcc = 0, meanBal = 0, meanMaj = 0, meanRendered = 0;
        int renderedCount = 0, aboveBaseline = 0;
        for (int m : evaluated) {
            String name = names.get(m);
            int a = Attributes.indexOf(name);
            int tp = 0, tn = 0, pos = 0;
            for (int i = 0; i < n; i++) {
                boolean truth = samples.get(i).attributes()[a];
                pos += truth ? 1 : 0;
                if (truth && predicted[i][m]) {
                    tp++;
                } else if (!truth && !predicted[i][m]) {
                    tn++;
                }
            }
            int neg = n - pos;
            double acc = (tp + tn) / (double) n;
            double bal = pos == 0 ? tn / (double) neg : neg == 0 ? tp / (double) pos
                    : (tp / (double) pos + tn / (double) neg) / 2;
            double maj = Math.max(pos, neg) / (double) n;
            boolean isRendered = rendered.contains(name);
            attrs.put(name, new Evaluation.AttributeResult(acc, bal, maj, pos / (double) n, isRendered, PAPER_CELEBA[a]));
            meanAcc += acc / k;
            meanBal += bal / k;
            meanMaj += maj / k;
            if (isRendered) {
                renderedCount++;
                meanRendered += acc;
                aboveBaseline += acc > maj ? 1 : 0;
            }
        }
        meanRendered = renderedCount == 0 ? Double.NaN : meanRendered / renderedCount;
        int faces = 0;
        for (boolean f : isFace) {
            faces += f ? 1 : 0;
        }
        LocalizationRecall loc = LocalizationRecall.measure(samples.stream().map(CelebaSample::box).toList(), boxes,
                isFace, imageSizes(samples), new double[]{0.5});
        Double bgRate = null;
        int bgCount = 0;
        Path bgDir = data.resolve("backgrounds");
        if (Files.isDirectory(bgDir)) {
            List<Path> files = SampleBatches.listImages(bgDir);
            files = files.size() > 300 ? files.subList(0, 300) : files;
            int hits = 0;
            for (int from = 0; from < files.size(); from += batch) {
                List<BufferedImage> images = SampleBatches.decodeFiles(files.subList(from, Math.min(files.size(), from + batch)));
                for (Cascade.Window w : cascade.dominantWindows(images)) {
                    hits += cascade.isFace(w) ? 1 : 0;
                }
            }
            bgCount = files.size();
            bgRate = bgCount == 0 ? null : hits / (double) bgCount;
        }
        List<String> notRendered = evaluated.stream().map(names::get).filter(a -> !rendered.contains(a)).toList();
        return new Evaluation(modelName, data.toString(), split.name().toLowerCase(Locale.ROOT), n, meanAcc,
                meanRendered, meanBal, meanMaj, renderedCount, aboveBaseline, loc.passing()[0], loc.bestWindow()[0], loc.centred()[0],
                loc.meanIoU(), faces / (double) n, bgRate, bgCount, n / seconds, attrs, notRendered);
    }

    /** The attributes the data shows: those of synth_manifest.json, else all 40 (the real CelebA). */
    static List<String> renderedAttributes(Path data) throws IOException {
        return SynthManifest.read(data).map(SynthManifest::renderedAttributes).orElse(Attributes.NAMES);
    }

    /** Width and height of each image, read from the header only. */
    static int[][] imageSizes(List<CelebaSample> samples) throws IOException {
        int[][] out = new int[samples.size()][];
        for (int i = 0; i < out.length; i++) {
            try (var in = javax.imageio.ImageIO.createImageInputStream(samples.get(i).imagePath().toFile())) {
                var readers = javax.imageio.ImageIO.getImageReaders(in);
                if (!readers.hasNext()) {
                    throw new IOException(samples.get(i).imagePath() + ": not a readable image");
                }
                var reader = readers.next();
                try {
                    reader.setInput(in);
                    out[i] = new int[]{reader.getWidth(0), reader.getHeight(0)};
                } finally {
                    reader.dispose();
                }
            }
        }
        return out;
    }
}
