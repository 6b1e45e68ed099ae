package faceattr.report;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart written as a PNG: named series over shared x positions (drawn evenly spaced and labelled with
 * the given tick texts), y on a fixed range. Thin, faint series (e.g. one per attribute) can go under bold ones.
 */
public final class LineChart {
    public static final int WIDTH = 760;
    public static final int HEIGHT = 460;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 48;
    private static final int BOTTOM = 56;

    private record Series(String name, double[] ys, Color color, boolean bold) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final String[] xTicks;
    private final double yMin;
    private final double yMax;
    private final List<Series> series = new ArrayList<>();

    public LineChart(String title, String xLabel, String yLabel, String[] xTicks, double yMin, double yMax) {
        if (xTicks.length < 2 || !(yMax > yMin)) {
            throw new IllegalArgumentException("a chart needs at least 2 x positions and yMax > yMin");
        }
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xTicks = xTicks.clone();
        this.yMin = yMin;
        this.yMax = yMax;
    }

    /** A series with a legend entry; NaN values are skipped. */
    public LineChart add(String name, double[] ys, Color color) {
        series.add(new Series(name, ys.clone(), color, true));
        return this;
    }

    /** A thin series without a legend entry. */
    public LineChart addFaint(double[] ys, Color color) {
        series.add(new Series(null, ys.clone(), color, false));
        return this;
    }

    BufferedImage render() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, LEFT, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i <= 5; i++) {
                double v = yMin + (yMax - yMin) * i / 5;
                int y = y(v);
                g.setColor(new Color(225, 225, 225));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.2f", v), 14, y + 4);
            }
            for (int i = 0; i < xTicks.length; i++) {
                int x = x(i);
                g.setColor(new Color(235, 235, 235));
                g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
                g.setColor(Color.DARK_GRAY);
                g.drawString(xTicks[i], x - g.getFontMetrics().stringWidth(xTicks[i]) / 2, HEIGHT - BOTTOM + 16);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
            g.drawString(xLabel, (WIDTH - g.getFontMetrics().stringWidth(xLabel)) / 2, HEIGHT - 16);
            g.drawString(yLabel, 14, TOP - 8);
            for (Series s : series) {
                if (!s.bold) {
                    draw(g, s);
                }
            }
            int legendWidth = 0;
            for (Series s : series) {
                if (s.bold) {
                    draw(g, s);
                    legendWidth = Math.max(legendWidth, g.getFontMetrics().stringWidth(s.name));
                }
            }
            int row = 0;
            for (Series s : series) {
                if (s.bold) {
                    legend(g, s, row++, legendWidth);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    public void write(Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(render(), "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }

    private void draw(Graphics2D g, Series s) {
        g.setColor(s.color);
        g.setStroke(new BasicStroke(s.bold ? 2.5f : 1f));
        int px = Integer.MIN_VALUE;
        int py = 0;
        for (int i = 0; i < Math.min(s.ys.length, xTicks.length); i++) {
            if (!Double.isFinite(s.ys[i])) {
                px = Integer.MIN_VALUE;
                continue;
            }
            int x = x(i);
            int y = y(Math.max(yMin, Math.min(yMax, s.ys[i])));
            if (s.bold) {
                g.fillOval(x - 4, y - 4, 8, 8);
            }
            if (px != Integer.MIN_VALUE) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** Legend rows in the upper right corner, on a white plate as wide as the longest name. */
    private void legend(Graphics2D g, Series s, int row, int textWidth) {
        int y = TOP + 18 + row * 18;
        int x = WIDTH - RIGHT - textWidth - 32;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x - 4, y - 12, textWidth + 30, 17);
        g.setColor(s.color);
        g.fillRect(x, y - 8, 14, 8);
        g.setColor(Color.BLACK);
        g.drawString(s.name, x + 20, y);
    }

    private int x(int i) {
        return LEFT + 24 + i * (WIDTH - LEFT - RIGHT - 48) / (xTicks.length - 1);
    }

    private int y(double v) {
        return (int) Math.round(HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (v - yMin) / (yMax - yMin));
    }
}
