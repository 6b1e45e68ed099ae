package faceattr.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This process's memory: resident set (now and peak, from {@code /proc/self/status}: off-heap ND4J buffers count
 * there, not in the Java heap), heap in use, and heap in use after the last collection (the leak indicator).
 *
 * @param rssMb            VmRSS, MiB (NaN where /proc is not available)
 * @param peakRssMb        VmHWM, the peak resident set so far, MiB
 * @param heapUsedMb       Java heap in use now, MiB
 * @param heapAfterGcMb    sum over heap pools of their usage after the last collection, MiB
 */
public record ProcessMemory(double rssMb, double peakRssMb, double heapUsedMb, double heapAfterGcMb) {
    private static final Path STATUS = Path.of("/proc/self/status");

    public static ProcessMemory now() {
        double rss = Double.NaN;
        double hwm = Double.NaN;
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    rss = kbToMb(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kbToMb(line);
                }
            }
        } catch (IOException e) {
            // not Linux: resident-set figures stay NaN, heap figures are still real
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double afterGc = 0;
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage u = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (u != null) {
                afterGc += u.getUsed();
            }
        }
        return new ProcessMemory(rss, hwm, heap.getUsed() / 1048576.0, afterGc / 1048576.0);
    }

    private static double kbToMb(String statusLine) {
        String[] parts = statusLine.trim().split("\\s+");
        return Long.parseLong(parts[1]) / 1024.0;
    }
}
