package faceattr.train;

import faceattr.data.Attributes;
import faceattr.data.CelebaSample;
import faceattr.data.SampleBatches;
import faceattr.geometry.Box;
import faceattr.image.ImageTensors;
import faceattr.model.FaceLocator;
import faceattr.model.LNetPass;
import faceattr.model.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * ANet stages on the face regions LNet finds (never ground-truth boxes): identity pre-training (softmax plus the
 * same-identity feature loss), then attribute fine-tuning. Crops are cached with a margin so that every epoch sees
 * randomly shifted and mirrored patches, the same shifts the inference patches use.
 */
final class ANetTraining {
    private static final double MARGIN = 0.08;

    private final TrainOptions o;
    private final PrintStream err;
    private final Map<String, Object> summary;

    ANetTraining(TrainOptions o, PrintStream err, Map<String, Object> summary) {
        this.o = o;
        this.err = err;
        this.summary = summary;
    }

    /** Cached face crops (LNet box enlarged, plus a margin for shifting), {@code size}×{@code size} each. */
    record CropSet(List<byte[]> crops, List<CelebaSample> samples, int size, int pad) {
    }

    CropSet crops(FaceLocator locator, List<CelebaSample> samples, String label) throws IOException {
        int input = o.run().profile().anetInput();
        int pad = (int) Math.round(input * MARGIN);
        int size = input + 2 * pad;
        double extra = (double) size / input;
        byte[][] crops = new byte[samples.size()][];
        SampleBatches.forEachBatch(samples, 64, label, err, (off, images) -> {
            List<List<LNetPass.Candidate>> found = locator.locate(images, false);
            for (int i = 0; i < images.size(); i++) {
                Box region = found.get(i).get(0).box().scaled(o.inference().enlargement() * extra);
                crops[off + i] = ImageTensors.crop(images.get(i), region.x(), region.y(), region.width(),
                        region.height(), size);
            }
        });
        return new CropSet(List.of(crops), samples, size, pad);
    }

    ComputationGraph pretrain(CropSet train, Path dir) throws IOException {
        Map<Integer, Long> count = new HashMap<>();
        for (CelebaSample s : train.samples()) {
            count.merge(s.identity(), 1L, Long::sum);
        }
        if (count.size() < 2 || count.containsKey(-1)) {
            throw new IOException("anet-pretrain needs identity_CelebA.txt with at least 2 train identities");
        }
        Set<Integer> used = pretrainIdentities(count, o.anet().pretrainIdentities());
        Map<Integer, Integer> classOf = new TreeMap<>();
        for (CelebaSample s : train.samples()) {
            if (used.contains(s.identity())) {
                classOf.putIfAbsent(s.identity(), classOf.size());
            }
        }
        // hold out every 5th image of identities with at least 4 images to validate identity accuracy
        Map<Integer, Integer> seen = new HashMap<>();
        List<Integer> fit = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < train.samples().size(); i++) {
            int id = train.samples().get(i).identity();
            if (!used.contains(id)) {
                continue;
            }
            int k = seen.merge(id, 1, Integer::sum);
            (count.get(id) >= 4 && k % 5 == 0 ? held : fit).add(i);
        }
        err.printf(java.util.Locale.ROOT, "%s: %d identities, %d images (%d held out for identity accuracy)%n",
                Stage.ANET_PRETRAIN.id(), classOf.size(), fit.size() + held.size(), held.size());
        int n = classOf.size();
        float[][] targets = new float[train.samples().size()][n];
        for (int i = 0; i < targets.length; i++) {
            Integer c = classOf.get(train.samples().get(i).identity());
            if (c != null) {
                targets[i][c] = 1;
            }
        }
        ComputationGraph net = Networks.anet(o.run().profile(), n, o.anet().pretrain().learningRate(),
                o.anet().centerLoss(), o.run().seed());
        EpochLoop.Outcome out = EpochLoop.run(Stage.ANET_PRETRAIN.id(), "identity accuracy", net, fit.size(),
                batches(train, targets, fit), validation(train, targets, held, true),
                EpochLoop.Settings.of(o.anet().pretrain(), o.run().seed()), dir, o.run().resume(), err);
        Map<String, Object> s = out.summary(fit.size(), dir);
        s.put("identities", n);
        summary.put(Stage.ANET_PRETRAIN.id(), s);
        return out.net();
    }

    /** The {@code limit} identities with the most images (ties: lower identity number first); all when 0. */
    static Set<Integer> pretrainIdentities(Map<Integer, Long> imagesPerIdentity, int limit) {
        return imagesPerIdentity.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit > 0 ? limit : Long.MAX_VALUE)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    ComputationGraph finetune(ComputationGraph pretrained, CropSet train, CropSet val, Path dir) throws IOException {
        float[][] targets = tagMatrix(train.samples());
        float[][] valTargets = tagMatrix(val.samples());
        List<Integer> all = range(train.samples().size());
        ComputationGraph net = Networks.anetForAttributes(pretrained, Attributes.COUNT,
                o.anet().finetune().learningRate(), o.run().seed() + 1);
        EpochLoop.Outcome out = EpochLoop.run(Stage.ANET_FINETUNE.id(), "mean accuracy", net, all.size(),
                batches(train, targets, all), validation(val, valTargets, range(val.samples().size()), false),
                EpochLoop.Settings.of(o.anet().finetune(), o.run().seed() + 1), dir, o.run().resume(), err);
        summary.put(Stage.ANET_FINETUNE.id(), out.summary(all.size(), dir));
        return out.net();
    }

    private EpochLoop.Batches batches(CropSet set, float[][] targets, List<Integer> subset) {
        int input = o.run().profile().anetInput();
        return (idx, random) -> {
            List<byte[]> patches = new ArrayList<>(idx.length);
            float[][] t = new float[idx.length][];
            for (int k = 0; k < idx.length; k++) {
                int i = subset.get(idx[k]);
                byte[] p = PatchAugmentation.window(set.crops().get(i), set.size(), random.nextInt(2 * set.pad() + 1),
                        random.nextInt(2 * set.pad() + 1), input);
                patches.add(random.nextBoolean() ? ImageTensors.flipHorizontal(p, input) : p);
                t[k] = targets[i];
            }
            return new MultiDataSet(ImageTensors.toTensor(patches, input), Nd4j.create(t));
        };
    }

    private EpochLoop.Validation validation(CropSet set, float[][] targets, List<Integer> subset, boolean softmax) {
        int input = o.run().profile().anetInput();
        List<byte[]> views = new ArrayList<>(subset.size());
        float[][] t = new float[subset.size()][];
        for (int k = 0; k < subset.size(); k++) {
            int i = subset.get(k);
            views.add(PatchAugmentation.window(set.crops().get(i), set.size(), set.pad(), set.pad(), input));
            t[k] = targets[i];
        }
        if (views.isEmpty()) {
            return net -> new double[]{Double.NaN, Double.NaN};
        }
        return LNetTraining.validation(new LNetTraining.ViewSet(views, t, input), softmax);
    }

    static float[][] tagMatrix(List<CelebaSample> samples) {
        float[][] t = new float[samples.size()][];
        for (int i = 0; i < t.length; i++) {
            t[i] = samples.get(i).tagVector();
        }
        return t;
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

}
