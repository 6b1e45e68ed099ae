package faceattr.backend;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place that prepares DL4J/ND4J before any network is created or restored: {@link #start()} switches DL4J's
 * oneDNN layer helpers on (DL4J 1.0.0-M2.1 ships them switched off, see {@link org.nd4j.nativeblas.Nd4jCpu}), picks
 * the native build this CPU can run (oneDNN for AVX2, else the generic one), and logs one line saying which engine
 * runs. It is called from the static initializers of the classes that create or restore networks or tensors
 * ({@code Networks}, through which every network is made or restored, and {@code ImageTensors}), so the commands, the service, the tests and the
 * benchmarks all get the same engine without calling it themselves.
 *
 * <p>{@code FACEATTR_ONEDNN=false} (or {@code -Dfaceattr.onednn=false}) keeps the helpers off: the plain Java path
 * DL4J takes without them, for comparisons.
 */
public final class ComputeBackend {
    /** DL4J's switch: helpers are created only when this system property is {@code false}. */
    static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    /** JavaCPP's choice among native builds; empty means the generic one. */
    private static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    private static final String AVX2_NATIVES = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn-avx2/";
    private static final Logger LOG = LoggerFactory.getLogger(ComputeBackend.class);
    private static Info info;

    private ComputeBackend() {
    }

    /**
     * What runs the networks.
     *
     * @param backend     ND4J's backend ({@code CPU} or {@code CUDA})
     * @param helpers     whether convolution, pooling and batch-norm layers run through DL4J's native layer helpers
     *                    (off: DL4J's Java path, im2col and matrix products)
     * @param oneDnn      whether those helpers run oneDNN (the native library has it and uses it)
     * @param nativeLevel the instruction set the native library was built for
     * @param cpuLevel    the best instruction set this CPU offers
     * @param threads     ND4J's native threads
     */
    public record Info(String backend, boolean helpers, boolean oneDnn, String nativeLevel, String cpuLevel,
                       int threads) {
        public String describe() {
            String layers = !helpers ? "layer helpers off (Java path)"
                    : oneDnn ? "layer helpers on (oneDNN)" : "layer helpers on (libnd4j, no oneDNN)";
            return String.format(Locale.ROOT, "%s backend, %s, native binary %s, CPU %s, %d threads", backend, layers,
                    nativeLevel, cpuLevel, threads);
        }
    }

    /** Prepares the engine once (later calls return the same answer) and logs what runs. */
    public static synchronized Info start() {
        if (info != null) {
            return info;
        }
        boolean wanted = oneDnnWanted();
        if (System.getProperty(HELPERS_DISABLE) == null) {
            System.setProperty(HELPERS_DISABLE, Boolean.toString(!wanted));
        }
        boolean fallback = fallBackWithoutAvx2();
        String backend = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend", "unknown");
        boolean cpu = "CPU".equalsIgnoreCase(backend);
        boolean helpers = !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE, "true"));
        var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        boolean oneDnn = helpers && cpu && ops.buildInfo().contains("HAVE_ONEDNN")
                && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
        info = new Info(backend.toUpperCase(Locale.ROOT), helpers, oneDnn, level(ops.binaryLevel()),
                level(ops.optimalLevel()), Nd4j.getEnvironment().maxThreads());
        LOG.info("compute: {}", info.describe());
        if (fallback) {
            LOG.warn("compute: this CPU has no AVX2, so ND4J's generic x86-64 natives run (without oneDNN, about 4x "
                    + "slower); see the README, \"The compute engine and what your CPU needs\"");
        }
        return info;
    }

    /** Limits ND4J's native threads to {@code threads}; with 0 (or less) ND4J keeps its default (all cores). */
    public static void limitThreads(int threads) {
        if (threads > 0) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
    }

    /**
     * Runs {@code work} with DL4J's layer helpers switched off: networks created or restored inside it take DL4J's
     * plain Java path for good (helpers are attached when a layer is made). For comparisons of the two paths in one
     * process (tests); networks made elsewhere meanwhile are affected too.
     */
    public static synchronized <T> T withHelpersOff(java.util.concurrent.Callable<T> work) throws Exception {
        start();
        String before = System.getProperty(HELPERS_DISABLE);
        System.setProperty(HELPERS_DISABLE, "true");
        try {
            return work.call();
        } finally {
            System.setProperty(HELPERS_DISABLE, before);
        }
    }

    /** Whether oneDNN is asked for: {@code -Dfaceattr.onednn}, else {@code FACEATTR_ONEDNN}, else yes. */
    static boolean oneDnnWanted() {
        String p = System.getProperty("faceattr.onednn");
        if (p == null) {
            p = System.getenv("FACEATTR_ONEDNN");
        }
        return p == null || p.isBlank() || Boolean.parseBoolean(p.trim());
    }

    /**
     * The build carries two ND4J natives: the oneDNN AVX2 build, which JavaCPP loads by default, and the generic
     * x86-64 build that nd4j-native brings along. On a CPU without AVX2 the first would die on an illegal instruction,
     * so JavaCPP is told to load the second (unless the user chose a platform extension). Must run before ND4J loads.
     *
     * @return whether the generic natives were chosen
     */
    private static boolean fallBackWithoutAvx2() {
        if (System.getProperty(PLATFORM_EXTENSION) != null
                || ComputeBackend.class.getClassLoader().getResource(AVX2_NATIVES) == null) {
            return false;
        }
        String flags = cpuFlags();
        if (flags == null || flags.contains(" avx2 ")) {
            return false;
        }
        System.setProperty(PLATFORM_EXTENSION, "");
        return true;
    }

    /** The flags line of /proc/cpuinfo with a leading space, or null where there is none (not Linux). */
    private static String cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return " " + line.substring(line.indexOf(':') + 1).trim() + " ";
                }
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        return null;
    }

    private static String level(int level) {
        return switch (level) {
            case 1 -> "x86-64";
            case 2 -> "AVX2";
            case 3 -> "AVX-512";
            default -> "generic";
        };
    }

    /**
     * The convolution, pooling and batch-norm layers of {@code net} that run without a oneDNN helper (empty when all
     * have one). DL4J creates helpers when a layer is instantiated, so this is what the graph really runs.
     */
    public static List<String> layersWithoutHelper(ComputationGraph net) {
        List<String> missing = new ArrayList<>();
        for (Layer layer : net.getLayers()) {
            if (helped(layer) && layer.getHelper() == null) {
                missing.add(layer.conf().getLayer().getLayerName());
            }
        }
        return missing;
    }

    /** How many of {@code net}'s layers are of a kind oneDNN helps (convolution, pooling, batch norm). */
    public static int helpedLayers(ComputationGraph net) {
        int n = 0;
        for (Layer layer : net.getLayers()) {
            n += helped(layer) ? 1 : 0;
        }
        return n;
    }

    private static boolean helped(Layer layer) {
        return layer instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer
                || layer instanceof org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer
                || layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization;
    }
}
