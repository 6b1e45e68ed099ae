package faceattr.concepts;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class L1LogisticTest {
    /** Features 0 and 1 decide the label (with noise); the other 18 are noise. */
    private static final int DIM = 20;

    private static float[][] x;
    private static boolean[] y;

    static {
        Random r = new Random(11);
        x = new float[400][DIM];
        y = new boolean[400];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < DIM; d++) {
                x[i][d] = (float) r.nextGaussian();
            }
            // imbalanced on purpose (about 30% positive): the class weights must handle it
            y[i] = 2.0 * x[i][0] - 1.5 * x[i][1] + 0.5 * r.nextGaussian() > 1.2;
        }
    }

    @Test
    void solutionsSatisfyTheLassoOptimalityConditions() {
        L1Logistic solver = new L1Logistic(x, y);
        double lambda = 0.2 * solver.lambdaMax();
        L1Logistic.Model m = solver.solve(lambda, 1e-9, 5000);
        // KKT: |∂L/∂β_j| ≤ λ where β_j = 0; ∂L/∂β_j = −λ·sign(β_j) where β_j ≠ 0
        for (int j = 0; j < DIM; j++) {
            double g = solver.gradient(j);
            if (m.weights()[j] == 0) {
                assertTrue(Math.abs(g) <= lambda * (1 + 1e-4), "zero weight " + j + ": |g| " + g + " > λ " + lambda);
            } else {
                assertEquals(-lambda * Math.signum(m.weights()[j]), g, 1e-5, "non-zero weight " + j);
            }
        }
        assertTrue(m.weights()[0] > 0 && m.weights()[1] < 0, "the true signs");
        assertTrue(m.nonZero() < DIM, "L1 makes the solution sparse: " + m.nonZero());
    }

    @Test
    void pathStartsEmptyAndAddsTheInformativeFeaturesFirst() {
        L1Logistic solver = new L1Logistic(x, y);
        List<L1Logistic.Model> path = solver.path(20, 0.001, 1e-7, 2000, m -> false);
        assertEquals(20, path.size());
        assertEquals(0, path.get(0).nonZero(), "at λ_max every weight is zero");
        L1Logistic.Model firstWithTwo = path.stream().filter(m -> m.nonZero() >= 2).findFirst().orElseThrow();
        assertTrue(firstWithTwo.weights()[0] != 0 && firstWithTwo.weights()[1] != 0,
                "the two informative features enter first");
        for (int s = 1; s < path.size(); s++) {
            assertTrue(path.get(s).lambda() < path.get(s - 1).lambda(), "λ decreases along the path");
        }
        // the least-regularized model classifies its training data well
        L1Logistic.Model last = path.get(path.size() - 1);
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            correct += (last.decision(x[i]) >= 0) == y[i] ? 1 : 0;
        }
        assertTrue(correct / (double) x.length > 0.9, "training accuracy " + correct / (double) x.length);
        // stopping early returns the path up to the first model the predicate accepts
        List<L1Logistic.Model> early = new L1Logistic(x, y).path(20, 0.001, 1e-7, 2000, m -> m.nonZero() >= 1);
        assertTrue(early.get(early.size() - 1).nonZero() >= 1, "ends at the first accepted model");
        assertTrue(early.subList(0, early.size() - 1).stream().allMatch(m -> m.nonZero() == 0), "none accepted before");
        assertTrue(early.size() < 20);
    }

    @Test
    void refusesASingleClass() {
        boolean[] same = new boolean[x.length];
        try {
            new L1Logistic(x, same);
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("both classes"));
            return;
        }
        throw new AssertionError("a single-class problem was accepted");
    }
}
