package faceattr.bench;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a figure was measured: cores, memory, JVM, ND4J backend and its threads, and when. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measuredAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryMb", totalMemoryMb());
        m.put("cpu", cpuModel());
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1048576);
        m.put("backend", faceattr.backend.ComputeBackend.start().describe());
        m.put("nd4jThreads", Nd4j.getEnvironment().maxThreads());
        m.put("loadAverage1m", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        return m;
    }

    /** One line for the tables' heading. */
    public static String line(Map<String, Object> m) {
        return String.format(java.util.Locale.ROOT, "machine: %s cores (%s), %s MiB, %s, %s, %s ND4J threads,"
                        + " load %.1f, at %s", m.get("cores"), m.get("cpu"), m.get("memoryMb"), m.get("jvm"),
                m.get("backend"), m.get("nd4jThreads"), (Double) m.get("loadAverage1m"), m.get("measuredAt"));
    }

    private static long totalMemoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: not Linux
        }
        return -1;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }
}
