package faceattr.train;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Draws a stage's training curve (train loss, validation loss, validation metric per epoch) to a PNG. */
final class TrainingCurve {
    private static final int W = 720;
    private static final int H = 420;
    private static final int M = 60;

    private TrainingCurve() {
    }

    static void write(String title, String metricName, List<EpochStats> history, Path png) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, M, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawRect(M, M, W - 2 * M, H - 2 * M);
            double maxLoss = 1e-9;
            for (EpochStats s : history) {
                maxLoss = Math.max(maxLoss, Math.max(s.trainLoss(), s.validationLoss()));
            }
            int n = history.size();
            for (int i = 0; i <= 4; i++) {
                int y = H - M - i * (H - 2 * M) / 4;
                g.setColor(new Color(230, 230, 230));
                g.drawLine(M + 1, y, W - M - 1, y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.3f", maxLoss * i / 4), 8, y + 4);
                g.drawString(String.format(Locale.ROOT, "%.2f", i / 4.0), W - M + 6, y + 4);
            }
            for (int e = 0; e < n; e++) {
                g.drawString(Integer.toString(history.get(e).epoch()), x(e, n) - 3, H - M + 16);
            }
            g.drawString("epoch", W / 2 - 15, H - 18);
            g.drawString("loss", 8, M - 8);
            g.drawString(metricName, W - M - 10, M - 8);
            series(g, history, n, maxLoss, new Color(31, 119, 180), 0);
            series(g, history, n, maxLoss, new Color(214, 39, 40), 1);
            series(g, history, n, 1.0, new Color(44, 160, 44), 2);
            legend(g, new Color(31, 119, 180), "train loss", 0);
            legend(g, new Color(214, 39, 40), "validation loss", 1);
            legend(g, new Color(44, 160, 44), "validation " + metricName, 2);
        } finally {
            g.dispose();
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }

    private static void series(Graphics2D g, List<EpochStats> h, int n, double max, Color c, int which) {
        g.setColor(c);
        g.setStroke(new BasicStroke(2f));
        int px = -1;
        int py = -1;
        for (int e = 0; e < n; e++) {
            EpochStats s = h.get(e);
            double v = which == 0 ? s.trainLoss() : which == 1 ? s.validationLoss() : s.validationMetric();
            if (!Double.isFinite(v)) {
                continue;
            }
            int x = x(e, n);
            int y = (int) Math.round(H - M - (H - 2 * M) * Math.min(1, Math.max(0, v / max)));
            g.fillOval(x - 3, y - 3, 6, 6);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, Color c, String text, int row) {
        int y = M + 16 + row * 16;
        g.setColor(c);
        g.fillRect(M + 10, y - 8, 12, 8);
        g.setColor(Color.BLACK);
        g.drawString(text, M + 28, y);
    }

    private static int x(int e, int n) {
        return n <= 1 ? W / 2 : M + 20 + e * (W - 2 * M - 40) / (n - 1);
    }
}
