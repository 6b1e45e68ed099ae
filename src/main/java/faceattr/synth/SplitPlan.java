package faceattr.synth;

import java.util.SplittableRandom;

/**
 * Which person and split each image belongs to.
 *
 * @param identityOfImage  1-based identity of each image (0-based image index)
 * @param splitOfImage     partition value (0 train, 1 val, 2 test) of each image
 * @param splitOfIdentity  partition of each identity (index 0 unused)
 */
record SplitPlan(int[] identityOfImage, int[] splitOfImage, int[] splitOfIdentity) {

    /**
     * Identity-disjoint splits (about 80/10/10 of the people, at least one each), images spread evenly over people;
     * images are ordered train, val, test like CelebA's, shuffled within each split.
     */
    static SplitPlan of(long seed, int count, int identities) {
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
        return new SplitPlan(identityOfImage, splitOfImage, splitOfIdentity);
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
}
