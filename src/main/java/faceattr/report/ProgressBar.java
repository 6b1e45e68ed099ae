package faceattr.report;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr: what runs, how far, the running loss and throughput. */
public final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final String unit;
    private final long startNanos = System.nanoTime();
    private long lastDraw;

    public ProgressBar(PrintStream out, String label, long total) {
        this(out, label, total, "img");
    }

    /** @param unit what is counted, shown as the rate's unit ("img" gives img/s) */
    public ProgressBar(PrintStream out, String label, long total, String unit) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
    }

    /** Redraws at most a few times per second, and always at the end. */
    public void update(long done, String detail) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 250_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = done / Math.max(1e-9, seconds);
        int filled = (int) (WIDTH * Math.min(1.0, (double) done / total));
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
        out.print(String.format(Locale.ROOT, "\r%s [%s] %d/%d %s %.1f %s/s ETA %ds   ", label, bar, done, total,
                detail, rate, unit, Math.max(0, eta)));
        if (done >= total) {
            out.println();
        }
        out.flush();
    }

    public double imagesPerSecond(long done) {
        return done / Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }
}
