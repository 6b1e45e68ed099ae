package faceattr.synth;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/** A one-line progress bar with rate and ETA on stderr, redrawn at most every 200 ms; silent when disabled. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final String label;
    private final int total;
    private final boolean enabled;
    private final PrintStream out;
    private final AtomicInteger done = new AtomicInteger();
    private final long start = System.nanoTime();
    private volatile long lastDraw;
    private int drawn;

    ProgressBar(String label, int total, boolean enabled) {
        this.label = label;
        this.total = total;
        this.enabled = enabled;
        this.out = System.err;
    }

    void step() {
        int d = done.incrementAndGet();
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (d == total || now - lastDraw > 200_000_000L) {
            lastDraw = now;
            draw(d, now);
        }
    }

    private synchronized void draw(int d, long now) {
        if (d <= drawn) {
            return;
        }
        drawn = d;
        double secs = Math.max(1e-9, (now - start) / 1e9);
        double rate = d / secs;
        int filled = (int) ((long) WIDTH * d / Math.max(1, total));
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        long eta = rate > 0 ? Math.round((total - d) / rate) : 0;
        out.printf("\r%s [%s] %d/%d %3d%% %.0f/s ETA %ds ", label, bar, d, total, 100L * d / Math.max(1, total),
                rate, eta);
        if (d == total) {
            out.println();
        }
        out.flush();
    }

    /** Items per second since the bar was created. */
    double rate() {
        return done.get() / Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    }
}
