package faceattr.concepts;

import java.util.Random;

/**
 * k-means (Lloyd) with k-means++ seeding; several restarts from one seeded random stream, the lowest within-cluster
 * sum of squares wins (ties: the earliest), so the same input and seed always give the same clusters.
 */
final class KMeans {

    /** @param assignment cluster of each point; {@code inertia} the within-cluster sum of squared distances */
    record Result(int[] assignment, double[][] centroids, double inertia) {
    }

    private KMeans() {
    }

    static Result cluster(double[][] points, int k, long seed, int restarts) {
        if (points.length == 0) {
            throw new IllegalArgumentException("no points to cluster");
        }
        int clusters = Math.max(1, Math.min(k, points.length));
        Random random = new Random(seed);
        Result best = null;
        for (int r = 0; r < Math.max(1, restarts); r++) {
            Result res = lloyd(points, seedCentroids(points, clusters, random), 200);
            if (best == null || res.inertia < best.inertia - 1e-12) {
                best = res;
            }
        }
        return best;
    }

    /** k-means++: the first centre uniformly, each next one with probability proportional to squared distance. */
    static double[][] seedCentroids(double[][] points, int k, Random random) {
        double[][] centres = new double[k][];
        centres[0] = points[random.nextInt(points.length)].clone();
        double[] d2 = new double[points.length];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < points.length; i++) {
                d2[i] = Double.POSITIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    d2[i] = Math.min(d2[i], distance2(points[i], centres[j]));
                }
                total += d2[i];
            }
            int chosen = points.length - 1;
            if (total > 0) {
                double u = random.nextDouble() * total;
                for (int i = 0; i < points.length; i++) {
                    u -= d2[i];
                    if (u < 0) {
                        chosen = i;
                        break;
                    }
                }
            } else {
                chosen = random.nextInt(points.length);
            }
            centres[c] = points[chosen].clone();
        }
        return centres;
    }

    private static Result lloyd(double[][] points, double[][] centres, int maxIterations) {
        int n = points.length;
        int k = centres.length;
        int dim = points[0].length;
        int[] assignment = new int[n];
        java.util.Arrays.fill(assignment, -1);
        for (int iter = 0; iter < maxIterations; iter++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int nearest = nearest(points[i], centres);
                if (nearest != assignment[i]) {
                    assignment[i] = nearest;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[][] sums = new double[k][dim];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[assignment[i]]++;
                for (int d = 0; d < dim; d++) {
                    sums[assignment[i]][d] += points[i][d];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    // an empty cluster takes the point farthest from its centre
                    int far = 0;
                    double farD = -1;
                    for (int i = 0; i < n; i++) {
                        double d = distance2(points[i], centres[assignment[i]]);
                        if (d > farD) {
                            farD = d;
                            far = i;
                        }
                    }
                    centres[c] = points[far].clone();
                    continue;
                }
                for (int d = 0; d < dim; d++) {
                    centres[c][d] = sums[c][d] / counts[c];
                }
            }
        }
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            assignment[i] = nearest(points[i], centres);
            inertia += distance2(points[i], centres[assignment[i]]);
        }
        return new Result(assignment, centres, inertia);
    }

    private static int nearest(double[] x, double[][] centres) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double d = distance2(x, centres[c]);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    static double distance2(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double t = a[d] - b[d];
            s += t * t;
        }
        return s;
    }
}
