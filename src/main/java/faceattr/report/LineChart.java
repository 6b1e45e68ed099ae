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
 * the given tick texts), y on a fixed range. Thin, faint series (e.g. one per attribute) can go under bold ones. An
 * optional second y axis on the right, with its own range, carries series of another quantity (e.g. accuracy beside
 * loss).
 */
public final class LineChart {
    public static final int WIDTH = 760;
    public static final int HEIGHT = 460;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    /** The right margin when the chart has a right axis: room for its tick labels. */
    private static final int RIGHT_WITH_AXIS = 56;
    private static final int TOP = 48;
    private static final int BOTTOM = 56;

    private record Series(String name, double[] ys, Color color, boolean bold, boolean onRightAxis) {
    }

    /** The right axis: its label and range. */
    private record Axis(String label, double min, double max) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final String[] xTicks;
    private final double yMin;
    private final double yMax;
    private final List<Series> series = new ArrayList<>();
    private Axis rightAxis;

    public LineChart(String title, String xLabel, String yLabel, String[] xTicks, double yMin, double yMax) {
        if (xTicks.length < 1 || !(yMax > yMin)) {
            throw new IllegalArgumentException("a chart needs at least one x position and yMax > yMin");
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
        series.add(new Series(name, ys.clone(), color, true, false));
        return this;
    }

    /** A thin series without a legend entry. */
    public LineChart addFaint(double[] ys, Color color) {
        series.add(new Series(null, ys.clone(), color, false, false));
        return this;
    }

    /** Adds the y axis on the right, with its own label and range, for {@link #addOnRightAxis} series. */
    public LineChart rightAxis(String label, double min, double max) {
        if (!(max > min)) {
            throw new IllegalArgumentException("the right axis needs max > min");
        }
        rightAxis = new Axis(label, min, max);
        return this;
    }

    /** A series with a legend entry, on the right axis; NaN values are skipped. */
    public LineChart addOnRightAxis(String name, double[] ys, Color color) {
        if (rightAxis == null) {
            throw new IllegalStateException("add the right axis first");
        }
        series.add(new Series(name, ys.clone(), color, true, true));
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
            String leftFormat = tickFormat(yMax - yMin);
            for (int i = 0; i <= 5; i++) {
                double v = yMin + (yMax - yMin) * i / 5;
                int y = y(v, yMin, yMax);
                g.setColor(new Color(225, 225, 225));
                g.drawLine(LEFT, y, WIDTH - right(), y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, leftFormat, v), 14, y + 4);
                if (rightAxis != null) {
                    double r = rightAxis.min + (rightAxis.max - rightAxis.min) * i / 5;
                    g.drawString(String.format(Locale.ROOT, tickFormat(rightAxis.max - rightAxis.min), r),
                            WIDTH - right() + 6, y + 4);
                }
            }
            for (int i = 0; i < xTicks.length; i++) {
                int x = x(i);
                g.setColor(new Color(235, 235, 235));
                g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
                g.setColor(Color.DARK_GRAY);
                g.drawString(xTicks[i], x - g.getFontMetrics().stringWidth(xTicks[i]) / 2, HEIGHT - BOTTOM + 16);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, WIDTH - LEFT - right(), HEIGHT - TOP - BOTTOM);
            g.drawString(xLabel, (WIDTH - g.getFontMetrics().stringWidth(xLabel)) / 2, HEIGHT - 16);
            g.drawString(yLabel, 14, TOP - 8);
            if (rightAxis != null) {
                g.drawString(rightAxis.label, WIDTH - 14 - g.getFontMetrics().stringWidth(rightAxis.label), TOP - 8);
            }
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
            double min = s.onRightAxis ? rightAxis.min : yMin;
            double max = s.onRightAxis ? rightAxis.max : yMax;
            int y = y(Math.max(min, Math.min(max, s.ys[i])), min, max);
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
        int x = WIDTH - right() - textWidth - 32;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x - 4, y - 12, textWidth + 30, 17);
        g.setColor(s.color);
        g.fillRect(x, y - 8, 14, 8);
        g.setColor(Color.BLACK);
        g.drawString(s.name, x + 20, y);
    }

    private int right() {
        return rightAxis == null ? RIGHT : RIGHT_WITH_AXIS;
    }

    /** Evenly spaced; a single position sits in the middle. */
    private int x(int i) {
        if (xTicks.length == 1) {
            return (LEFT + WIDTH - right()) / 2;
        }
        return LEFT + 24 + i * (WIDTH - LEFT - right() - 48) / (xTicks.length - 1);
    }

    private static int y(double v, double min, double max) {
        return (int) Math.round(HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (v - min) / (max - min));
    }

    /** Two decimals, more when ticks a fifth of the range apart would otherwise print alike. */
    private static String tickFormat(double range) {
        int decimals = Math.max(2, (int) Math.ceil(-Math.log10(range / 5)));
        return "%." + Math.min(decimals, 8) + "f";
    }
}
