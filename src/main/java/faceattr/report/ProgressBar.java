package faceattr.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar: what runs, how far, a detail (e.g. the running loss), the rate and the time left. It is
 * redrawn at most a few times per second, and always when the last item is done. Items are counted either by
 * {@link #update} (one thread tells how many are done) or by {@link #step} (any number of threads each finish one).
 */
public final class ProgressBar {
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 250_000_000L;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final String unit;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private long lastDraw;
    private long drawn = -1;

    /** A bar counting images ("img/s"). */
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

    /** A bar that counts (for {@link #rate()}) but draws nothing. */
    public static ProgressBar silent(long total) {
        return new ProgressBar(null, "", total);
    }

    /** {@code done} items are done; {@code detail} is shown after the count (may be empty). */
    public void update(long done, String detail) {
        this.done.set(done);
        draw(done, detail);
    }

    /** One more item is done; safe to call from several threads at once. */
    public void step() {
        draw(done.incrementAndGet(), "");
    }

    /** Items per second since the bar was made, counting the items done so far. */
    public double rate() {
        return done.get() / Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }

    private synchronized void draw(long d, String detail) {
        if (out == null || d < drawn || (d == drawn && d >= total)) {
            return; // silent, an older count than the one shown, or the end line is already printed
        }
        long now = System.nanoTime();
        if (d < total && drawn >= 0 && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = d;
        double seconds = (now - startNanos) / 1e9;
        double rate = d / Math.max(1e-9, seconds);
        int filled = (int) (WIDTH * Math.min(1.0, (double) d / total));
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        long eta = rate > 0 ? Math.round((total - d) / rate) : -1;
        out.print(String.format(Locale.ROOT, "\r%s [%s] %d/%d %s %.1f %s/s ETA %ds   ", label, bar, d, total,
                detail, rate, unit, Math.max(0, eta)));
        if (d >= total) {
            out.println();
        }
        out.flush();
    }
}
