package faceattr.backend;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The Java-side work of a batch (cutting views and patches out of images, searching response maps) spread over the
 * CPU's cores, between the network passes that ND4J already spreads itself. Results keep the order of their indices.
 */
public final class Parallel {
    private Parallel() {
    }

    /** {@code f(0) … f(n-1)}, computed on the common fork-join pool (and the calling thread). */
    public static <T> List<T> map(int n, IntFunction<T> f) {
        if (n <= 1) {
            return n == 0 ? List.of() : List.of(f.apply(0));
        }
        return IntStream.range(0, n).parallel().mapToObj(f).toList();
    }
}
