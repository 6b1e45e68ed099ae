package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * The class DL4J 1.0.0-M2.1's oneDNN layer helpers look for, under the name they look for it.
 *
 * <p>{@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} asks, by reflection,
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} whether oneDNN is in use. ND4J M2.1
 * ships that class as {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} with
 * {@code isUseONEDNN()}, so the lookup fails, the helper records the failure for good and every convolution,
 * pooling and batch-norm layer falls back to the slow Java path. This class answers the old question with the real
 * environment's answer; it is never used for anything else. {@link faceattr.backend.ComputeBackend} checks that it
 * is found and that layers get their helpers.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The environment as the helpers expect it: {@code getInstance()} and {@code isUseMKLDNN()}. */
    public static final class Environment {
        private static final String CPU_ENVIRONMENT = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /**
         * Whether the loaded native library runs oneDNN: the real environment's {@code isUseONEDNN()}, false on a
         * backend without it (CUDA, or a CPU backend that lacks the binding).
         */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName(CPU_ENVIRONMENT);
                Object instance = env.getMethod("getInstance").invoke(null);
                Method useOneDnn = env.getMethod("isUseONEDNN");
                return (Boolean) useOneDnn.invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
