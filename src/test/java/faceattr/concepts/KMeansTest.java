package faceattr.concepts;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KMeansTest {

    private static double[][] blobs(long seed) {
        Random r = new Random(seed);
        double[][] centres = {{0, 0, 0}, {10, 0, 0}, {0, 10, 5}};
        double[][] points = new double[60][];
        for (int i = 0; i < points.length; i++) {
            double[] c = centres[i % 3];
            points[i] = new double[]{c[0] + r.nextGaussian(), c[1] + r.nextGaussian(), c[2] + r.nextGaussian()};
        }
        return points;
    }

    @Test
    void findsSeparatedGroups() {
        double[][] points = blobs(3);
        KMeans.Result r = KMeans.cluster(points, 3, 7, 5);
        for (int i = 3; i < points.length; i++) {
            assertEquals(r.assignment()[i % 3], r.assignment()[i], "point " + i + " joins its blob");
        }
        assertNotEquals(r.assignment()[0], r.assignment()[1]);
        assertNotEquals(r.assignment()[1], r.assignment()[2]);
        assertNotEquals(r.assignment()[0], r.assignment()[2]);
        assertTrue(r.inertia() < 60 * 3 * 2, "within-cluster spread is the noise only: " + r.inertia());
    }

    @Test
    void sameSeedSameClusters() {
        double[][] points = new double[40][8];
        Random rnd = new Random(9);
        for (double[] p : points) {
            for (int d = 0; d < p.length; d++) {
                p[d] = rnd.nextGaussian();
            }
        }
        KMeans.Result a = KMeans.cluster(points, 6, 42, 10);
        KMeans.Result b = KMeans.cluster(points, 6, 42, 10);
        assertArrayEquals(a.assignment(), b.assignment());
        assertEquals(a.inertia(), b.inertia());
        for (int c = 0; c < a.centroids().length; c++) {
            assertArrayEquals(a.centroids()[c], b.centroids()[c]);
        }
        assertEquals(6, a.centroids().length);
        // more clusters than points: one per point, nothing left over
        KMeans.Result tiny = KMeans.cluster(new double[][]{{0}, {1}}, 6, 1, 3);
        assertEquals(2, tiny.centroids().length);
        assertEquals(0, tiny.inertia(), 1e-12);
    }
}
