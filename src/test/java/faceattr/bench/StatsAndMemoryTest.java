package faceattr.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsAndMemoryTest {

    @Test
    void percentilesAreNearestRankAndTheSlopeIsLeastSquares() {
        double[] v = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
        assertEquals(5, Stats.median(v));
        assertEquals(10, Stats.percentile(v, 99));
        assertEquals(10, Stats.percentile(v, 95));
        assertEquals(1, Stats.percentile(v, 1));
        assertTrue(Double.isNaN(Stats.percentile(new double[0], 50)));
        assertEquals(2.0, Stats.slope(new double[]{0, 1, 2, 3}, new double[]{1, 3, 5, 7}), 1e-12);
        assertEquals(0.0, Stats.slope(new double[]{1, 1}, new double[]{1, 5}));
    }

    @Test
    void memoryThatLevelsOffAfterWarmUpIsFlatAndMemoryThatKeepsGrowingIsNot() {
        List<MemoryTrace.Sample> levelling = new ArrayList<>();
        List<MemoryTrace.Sample> leaking = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            long events = i * 100L;
            // warm-up: the first 20 % grow fast (heap sizing, JIT), then a sawtooth around a level
            double warm = Math.min(i, 20) * 30;
            double noise = (i % 3) * 4;
            levelling.add(new MemoryTrace.Sample(events, new ProcessMemory(1000 + warm + noise, 1700, 300 + noise,
                    200 + noise)));
            leaking.add(new MemoryTrace.Sample(events, new ProcessMemory(1000 + warm + i * 2.0, 1800, 300,
                    200 + i * 0.5)));
        }
        MemoryTrace.Verdict flat = MemoryTrace.verdict(levelling, 0.2);
        assertTrue(flat.flat(), "levelled off: " + flat);
        assertEquals(2000, flat.warmupEvents());
        assertEquals(1700, flat.peakRssMb());
        MemoryTrace.Verdict growing = MemoryTrace.verdict(leaking, 0.2);
        // 2 MiB per 100 events = 200 MiB per 10k events of resident growth, 50 MiB of heap after GC
        assertEquals(200, growing.rssSlopeMbPer10k(), 1e-6);
        assertEquals(50, growing.heapSlopeMbPer10k(), 1e-6);
        assertFalse(growing.flat(), "growing: " + growing);
    }

    @Test
    void thisProcessReportsItsResidentSetAndHeap() {
        ProcessMemory m = ProcessMemory.now();
        assertTrue(m.rssMb() > 10 && m.peakRssMb() >= m.rssMb(), m.toString());
        assertTrue(m.heapUsedMb() > 0, m.toString());
    }
}
