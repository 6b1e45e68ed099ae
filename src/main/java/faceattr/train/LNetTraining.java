package faceattr.train;

import faceattr.data.CelebaSample;
import faceattr.data.SampleBatches;
import faceattr.image.ImageTensors;
import faceattr.model.FaceLocator;
import faceattr.model.LNetPass;
import faceattr.model.Localizer;
import faceattr.model.Networks;
import faceattr.model.Profile;
import faceattr.model.SquareView;
import faceattr.model.ThresholdCalibration;
import faceattr.report.ProgressBar;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LNet stages: optional pre-training on a folder-per-class objects set (softmax), then fine-tuning on whole images
 * with the 40 attribute tags only (no box, no landmark), then the face/background threshold. With two LNet stages
 * (paper profile), LNet_s is trained on the square crops around LNet_o's best window.
 */
final class LNetTraining {
    private static final Logger LOG = LoggerFactory.getLogger(LNetTraining.class);
    private static final double SHIFT = 0.08;

    private final TrainOptions o;
    private final PrintStream err;
    private final Map<String, Object> summary;

    LNetTraining(TrainOptions o, PrintStream err, Map<String, Object> summary) {
        this.o = o;
        this.err = err;
        this.summary = summary;
    }

    /** Cached square views and multi-label (or one-hot) targets. */
    record ViewSet(List<byte[]> views, float[][] targets, int size) {
    }

    /** Pre-training on object classes; returns the pre-trained LNet or null when there is no objects set. */
    ComputationGraph pretrain(Path dir) throws IOException {
        if (o.folders().objects() == null || !Files.isDirectory(o.folders().objects())) {
            err.println("lnet-pretrain: skipped (no --objects folder-per-class set given)");
            summary.put(Stage.LNET_PRETRAIN.id(), Map.of("skipped", "no objects set"));
            return null;
        }
        List<Path> classes;
        try (var s = Files.list(o.folders().objects())) {
            classes = s.filter(Files::isDirectory).sorted().toList();
        }
        if (classes.size() < 2) {
            throw new IOException(o.folders().objects() + ": an objects set needs at least 2 class folders, found " + classes.size());
        }
        int size = o.run().profile().lnetInput();
        List<byte[]> views = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        ProgressBar bar = new ProgressBar(err, "lnet-pretrain: decoding objects", classes.size());
        for (int c = 0; c < classes.size(); c++) {
            for (BufferedImage im : SampleBatches.decodeFiles(SampleBatches.listImages(classes.get(c)))) {
                views.add(ImageTensors.letterbox(im, size));
                labels.add(c);
            }
            bar.update(c + 1, "");
        }
        // every 10th image validates
        List<byte[]> trainViews = new ArrayList<>();
        List<float[]> trainT = new ArrayList<>();
        List<byte[]> valViews = new ArrayList<>();
        List<float[]> valT = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            float[] t = new float[classes.size()];
            t[labels.get(i)] = 1;
            (i % 10 == 9 ? valViews : trainViews).add(views.get(i));
            (i % 10 == 9 ? valT : trainT).add(t);
        }
        ViewSet train = new ViewSet(trainViews, trainT.toArray(float[][]::new), size);
        ViewSet val = new ViewSet(valViews, valT.toArray(float[][]::new), size);
        ComputationGraph net = Networks.lnet(o.run().profile(), classes.size(), true,
                o.lnet().pretrain().learningRate(), 0, o.run().seed());
        EpochLoop.Outcome out = EpochLoop.run(Stage.LNET_PRETRAIN.id(), "accuracy", net, train.views().size(),
                batches(train, net, false, false), validation(val, true),
                EpochLoop.Settings.of(o.lnet().pretrain(), o.run().seed()),
                dir, o.run().resume(), err);
        summary.put(Stage.LNET_PRETRAIN.id(), out.summary(train.views().size(), dir));
        return out.net();
    }

    /**
     * Fine-tunes LNet stage {@code index} (0 = whole image) with attribute tags; {@code previous} locates the
     * head-shoulder crops for a second stage. {@code pretrained}: the object-pretrained LNet that every stage starts
     * from (the paper pre-trains LNet_o and LNet_s alike), or null.
     */
    ComputationGraph finetune(int index, ComputationGraph pretrained, FaceLocator previous, List<CelebaSample> trainSamples,
                              List<CelebaSample> valSamples, Path dir) throws IOException {
        Profile p = o.run().profile();
        int size = p.lnetInput();
        String label = Stage.LNET_FINETUNE.id() + (index > 0 ? "-" + (index + 1) : "");
        ViewSet train = views(trainSamples, previous, size, label + ": caching train views");
        ViewSet val = views(valSamples, previous, size, label + ": caching validation views");
        boolean faceHead = o.lnet().faceNegatives();
        // later stages see backgrounds the way they see faces: cut out around the earlier stages' best window
        List<byte[]> negatives = faceHead ? backgroundViews(size, true, previous) : List.of();
        if (faceHead && negatives.isEmpty()) {
            faceHead = false;
            LOG.warn("no background images in {}: LNet trains without the face/no-face output", o.folders().backgrounds());
        }
        ViewSet withNegatives = train;
        if (faceHead) {
            // oversample negatives to about a quarter of every epoch
            int copies = Math.max(1, (int) Math.round(0.33 * train.views().size() / negatives.size()));
            List<byte[]> all = new ArrayList<>(train.views());
            for (int c = 0; c < copies; c++) {
                all.addAll(negatives);
            }
            withNegatives = new ViewSet(all, train.targets(), size);
        }
        double lr = o.lnet().finetune().learningRate();
        ComputationGraph net = pretrained == null
                ? Networks.lnet(p, faceattr.data.Attributes.COUNT, false, lr, o.lnet().c5L1(), faceHead,
                o.run().seed() + index)
                : Networks.lnetForAttributes(pretrained, p, faceattr.data.Attributes.COUNT, lr, o.lnet().c5L1(),
                faceHead, o.run().seed() + index);
        EpochLoop.Outcome out = EpochLoop.run(label, "mean accuracy", net, withNegatives.views().size(),
                batches(withNegatives, net, o.lnet().c5L1() > 0, faceHead), validation(val, false),
                EpochLoop.Settings.of(o.lnet().finetune(), o.run().seed()), dir, o.run().resume(), err);
        summary.put(label, out.summary(train.views().size(), dir));
        return out.net();
    }

    /** Threshold between max window scores on face images and on background images. */
    ThresholdCalibration calibrate(FaceLocator locator, List<CelebaSample> faces) throws IOException {
        List<Double> faceScores = new ArrayList<>();
        SampleBatches.forEachBatch(faces, 64, "calibration: face images", err, (off, images) -> {
            for (List<LNetPass.Candidate> c : locator.locate(images, false)) {
                faceScores.add(c.get(0).score());
            }
        });
        List<Double> bgScores = new ArrayList<>();
        Path bgDir = o.folders().backgrounds();
        if (bgDir != null && Files.isDirectory(bgDir)) {
            // LNet may have trained on the even-numbered backgrounds: calibrate on the others
            List<Path> files = o.lnet().faceNegatives() ? backgroundFiles(false) : SampleBatches.listImages(bgDir);
            if (files.size() > 400) {
                files = files.subList(0, 400);
            }
            for (int from = 0; from < files.size(); from += 64) {
                List<BufferedImage> images = SampleBatches.decodeFiles(files.subList(from, Math.min(files.size(), from + 64)));
                for (List<LNetPass.Candidate> c : locator.locate(images, false)) {
                    bgScores.add(c.get(0).score());
                }
            }
        }
        double[] f = faceScores.stream().mapToDouble(Double::doubleValue).toArray();
        ThresholdCalibration calibration;
        if (bgScores.isEmpty()) {
            java.util.Arrays.sort(f);
            double t = f[(int) (0.02 * (f.length - 1))];
            calibration = new ThresholdCalibration(t, Math.max(1e-6, (f[f.length / 2] - t) / 4), Double.NaN);
            LOG.warn("no background images ({}): face threshold set at the 2nd percentile of face scores, {}", bgDir, t);
        } else {
            calibration = ThresholdCalibration.fit(f, bgScores.stream().mapToDouble(Double::doubleValue).toArray());
        }
        err.printf(java.util.Locale.ROOT, "calibration: %d face / %d background images, threshold %.5f, balanced error %.4f%n",
                f.length, bgScores.size(), calibration.threshold(), calibration.errorRate());
        summary.put("calibration", Map.of("faceImages", f.length, "backgroundImages", bgScores.size(),
                "threshold", calibration.threshold(), "balancedError", calibration.errorRate()));
        return calibration;
    }

    /**
     * LNets trained with the face/no-face output localize on its activation map, others on the paper's averaged map
     * (docs/model.md, "How the box is chosen", has the comparison).
     */
    static FaceLocator locator(List<ComputationGraph> nets, Profile p, int maxFaces, int refinePasses) {
        boolean faceOutputs = nets.stream().allMatch(LNetPass::hasFaceOutput);
        Localizer.Settings preset = faceOutputs ? Localizer.Settings.faceCam(maxFaces)
                : Localizer.Settings.defaults(maxFaces);
        Localizer localizer = new Localizer(preset.withLooks(preset.looks().withRefinePasses(refinePasses)));
        List<LNetPass> stages = new ArrayList<>();
        for (ComputationGraph n : nets) {
            stages.add(new LNetPass(n, p.lnetInput(), localizer));
        }
        return new FaceLocator(stages);
    }

    private ViewSet views(List<CelebaSample> samples, FaceLocator previous, int size, String label) throws IOException {
        byte[][] views = new byte[samples.size()][];
        float[][] targets = new float[samples.size()][];
        SampleBatches.forEachBatch(samples, 64, label, err, (off, images) -> {
            List<SquareView> sv = new ArrayList<>();
            if (previous == null) {
                for (BufferedImage im : images) {
                    sv.add(SquareView.whole(im.getWidth(), im.getHeight(), size));
                }
            } else {
                for (List<LNetPass.Candidate> c : previous.locate(images, false)) {
                    sv.add(SquareView.withContext(c.get(0).box(), size));
                }
            }
            for (int i = 0; i < images.size(); i++) {
                views[off + i] = sv.get(i).pixels(images.get(i));
                targets[off + i] = samples.get(off + i).tagVector();
            }
        });
        return new ViewSet(List.of(views), targets, size);
    }

    /**
     * Minibatches of shifted and mirrored views. Views past the end of {@code set.targets()} are face-free
     * backgrounds: their attribute targets are masked out and their face target is 0.
     */
    private static EpochLoop.Batches batches(ViewSet set, ComputationGraph net, boolean l1, boolean faceHead) {
        int s = set.size();
        long[] c5Shape = l1 ? c5Shape(net, s) : null;
        int faces = set.targets().length;
        int k = set.targets()[0].length;
        return (idx, random) -> {
            List<byte[]> patches = new ArrayList<>(idx.length);
            float[][] t = new float[idx.length][];
            float[][] isFace = new float[idx.length][1];
            int max = (int) Math.round(s * SHIFT);
            for (int j = 0; j < idx.length; j++) {
                byte[] v = PatchAugmentation.window(set.views().get(idx[j]), s, random.nextInt(2 * max + 1) - max,
                        random.nextInt(2 * max + 1) - max, s);
                patches.add(random.nextBoolean() ? ImageTensors.flipHorizontal(v, s) : v);
                boolean face = idx[j] < faces;
                t[j] = face ? set.targets()[idx[j]] : new float[k];
                isFace[j][0] = face ? 1 : 0;
            }
            INDArray x = ImageTensors.toTensor(patches, s);
            List<INDArray> labels = new ArrayList<>(List.of(Nd4j.create(t)));
            List<INDArray> masks = new ArrayList<>();
            masks.add(faceHead ? Nd4j.create(isFace) : null);
            if (faceHead) {
                labels.add(Nd4j.create(isFace));
                masks.add(null);
            }
            if (c5Shape != null) {
                labels.add(Nd4j.zeros(idx.length, c5Shape[1], c5Shape[2], c5Shape[3]));
                masks.add(null);
            }
            return new MultiDataSet(new INDArray[]{x}, labels.toArray(INDArray[]::new), null,
                    faceHead ? masks.toArray(INDArray[]::new) : null);
        };
    }

    /** Background views (letterboxed): even-numbered files train, odd-numbered ones calibrate. */
    private List<byte[]> backgroundViews(int size, boolean training, FaceLocator previous) throws IOException {
        List<byte[]> out = new ArrayList<>();
        List<BufferedImage> images = SampleBatches.decodeFiles(backgroundFiles(training));
        if (previous == null) {
            for (BufferedImage im : images) {
                out.add(ImageTensors.letterbox(im, size));
            }
            return out;
        }
        for (int from = 0; from < images.size(); from += 64) {
            List<BufferedImage> batch = images.subList(from, Math.min(images.size(), from + 64));
            List<List<LNetPass.Candidate>> found = previous.locate(batch, false);
            for (int i = 0; i < batch.size(); i++) {
                out.add(SquareView.withContext(found.get(i).get(0).box(), size).pixels(batch.get(i)));
            }
        }
        return out;
    }

    private List<Path> backgroundFiles(boolean training) throws IOException {
        Path dir = o.folders().backgrounds();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> all = SampleBatches.listImages(dir);
        List<Path> out = new ArrayList<>();
        for (int i = training ? 0 : 1; i < all.size(); i += 2) {
            out.add(all.get(i));
        }
        return out;
    }

    private static long[] c5Shape(ComputationGraph net, int s) {
        INDArray probe = Nd4j.zeros(1, 3, s, s);
        return net.output(List.of(Networks.C5), false, new INDArray[]{probe}, null)[0].shape();
    }

    /** Validation on the head: loss (BCE summed over tags, or cross-entropy) and (mean) accuracy. */
    static EpochLoop.Validation validation(ViewSet val, boolean softmax) {
        return net -> {
            double loss = 0;
            double correct = 0;
            int n = val.views().size();
            int k = val.targets()[0].length;
            for (int from = 0; from < n; from += 64) {
                int to = Math.min(n, from + 64);
                INDArray out = net.output(false, ImageTensors.toTensor(val.views().subList(from, to), val.size()))[0];
                float[][] p = out.toFloatMatrix();
                for (int i = 0; i < p.length; i++) {
                    float[] t = val.targets()[from + i];
                    if (softmax) {
                        int arg = 0;
                        for (int j = 0; j < k; j++) {
                            arg = p[i][j] > p[i][arg] ? j : arg;
                            if (t[j] > 0) {
                                loss -= Math.log(Math.max(1e-7, p[i][j]));
                            }
                        }
                        correct += t[arg] > 0 ? 1 : 0;
                    } else {
                        for (int j = 0; j < k; j++) {
                            double q = Math.min(1 - 1e-7, Math.max(1e-7, p[i][j]));
                            loss -= t[j] > 0 ? Math.log(q) : Math.log(1 - q);
                            correct += ((p[i][j] >= 0.5) == (t[j] > 0)) ? 1.0 / k : 0;
                        }
                    }
                }
            }
            return new double[]{loss / n, correct / n};
        };
    }
}
