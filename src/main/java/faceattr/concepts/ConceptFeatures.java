package faceattr.concepts;

import faceattr.data.CelebaSample;
import faceattr.data.SampleBatches;
import faceattr.geometry.Box;
import faceattr.image.ImageTensors;
import faceattr.model.Cascade;
import faceattr.model.LNetPass;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the concept analysis looks at, from one pass over the images: LNet's dominant face per image, the
 * patch-averaged FC features of each ANet (fine-tuned, and the identity-pre-trained one when given) for that face,
 * a small crop of the face for the mean faces, and the images' assignment to three identity-disjoint parts.
 *
 * @param part per image 0 (fit the SVMs), 1 (choose thresholds) or 2 (measure)
 */
record ConceptFeatures(List<CelebaSample> samples, float[][] tuned, float[][] pretrained, byte[][] crops, int cropSize,
                       int[] part, int[] partIdentities) {
    static final int CROP = 64;

    static ConceptFeatures extract(Cascade tuned, Cascade pretrained, List<CelebaSample> samples, int batch,
                                   PrintStream err) throws IOException {
        int n = samples.size();
        float[][] ft = new float[n][];
        float[][] fp = pretrained == null ? null : new float[n][];
        byte[][] crops = new byte[n][];
        SampleBatches.forEachBatch(samples, batch, "concepts: ANet features" + (pretrained == null ? "" : " (both networks)"),
                err, (off, images) -> {
                    List<Box> boxes = new ArrayList<>();
                    for (List<LNetPass.Candidate> c : tuned.localize(images, false)) {
                        boxes.add(c.get(0).box());
                    }
                    System.arraycopy(tuned.features(images, boxes), 0, ft, off, images.size());
                    if (pretrained != null) {
                        System.arraycopy(pretrained.features(images, boxes), 0, fp, off, images.size());
                    }
                    for (int i = 0; i < images.size(); i++) {
                        Box r = tuned.layout().regions(boxes.get(i)).get(0);
                        crops[off + i] = ImageTensors.crop(images.get(i), r.x(), r.y(), r.width(), r.height(), CROP);
                    }
                });
        int[][] parts = partition(samples);
        return new ConceptFeatures(samples, ft, fp, crops, CROP, parts[0], parts[1]);
    }

    /**
     * Identities sorted by id: the first half fits, the next quarter calibrates, the last quarter measures. Without
     * identities (id −1) the images themselves are split in file order in the same proportions.
     */
    static int[][] partition(List<CelebaSample> samples) throws IOException {
        int n = samples.size();
        int[] part = new int[n];
        boolean identities = samples.stream().noneMatch(s -> s.identity() < 0);
        TreeSet<Integer> ids = new TreeSet<>();
        samples.forEach(s -> ids.add(s.identity()));
        int units = identities ? ids.size() : n;
        if (units < 4) {
            throw new IOException("the concept analysis needs at least 4 " + (identities ? "identities" : "images")
                    + " (three disjoint parts), found " + units);
        }
        int fitEnd = Math.max(1, units / 2);
        int calEnd = Math.max(fitEnd + 1, Math.min(units - 1, units * 3 / 4));
        Map<Integer, Integer> rank = new HashMap<>();
        int r = 0;
        for (int id : ids) {
            rank.put(id, r++);
        }
        for (int i = 0; i < n; i++) {
            int u = identities ? rank.get(samples.get(i).identity()) : i;
            part[i] = u < fitEnd ? 0 : u < calEnd ? 1 : 2;
        }
        int[] counts = identities ? new int[]{fitEnd, calEnd - fitEnd, units - calEnd} : new int[]{0, 0, 0};
        return new int[][]{part, counts};
    }

    boolean hasIdentities() {
        return partIdentities[0] > 0;
    }

    int count(int which) {
        int c = 0;
        for (int p : part) {
            c += p == which ? 1 : 0;
        }
        return c;
    }

    /** The rows of one part. */
    ConceptAnalysis.Part part(float[][] features, int which) {
        List<float[]> x = new ArrayList<>();
        List<boolean[]> y = new ArrayList<>();
        for (int i = 0; i < part.length; i++) {
            if (part[i] == which) {
                x.add(features[i]);
                y.add(samples.get(i).attributes());
            }
        }
        return new ConceptAnalysis.Part(x.toArray(new float[0][]), y.toArray(new boolean[0][]));
    }
}
