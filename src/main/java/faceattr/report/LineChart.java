package faceattr.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small line chart written as a PNG: named series over shared x positions (drawn evenly spaced and labelled with
 * the given tick texts), y on a fixed range. Thin, faint series (e.g. one per attribute) go under bold ones. An
 * optional second y axis on the right, with its own range, carries series of another quantity (e.g. accuracy beside
 * loss). Drawn by JFreeChart (a category line chart): this class only keeps the project's look and its one-call API.
 */
public final class LineChart {
    public static final int WIDTH = 760;
    public static final int HEIGHT = 460;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private record Series(String name, double[] ys, Color color, boolean bold) {
    }

    /** The right axis: its label and range. */
    private record Axis(String label, double min, double max) {
    }

    /** An x position: the key is its index (tick texts need not be unique), the axis shows its text. */
    private record Tick(int index, String text) implements Comparable<Tick> {
        @Override
        public int compareTo(Tick o) {
            return Integer.compare(index, o.index);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final String[] xTicks;
    private final double yMin;
    private final double yMax;
    private final List<Series> series = new ArrayList<>();
    private final List<Series> rightSeries = new ArrayList<>();
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

    /** A series with a legend entry; NaN values are skipped (the line breaks there). */
    public LineChart add(String name, double[] ys, Color color) {
        series.add(new Series(name, ys.clone(), color, true));
        return this;
    }

    /** A thin series without a legend entry. */
    public LineChart addFaint(double[] ys, Color color) {
        series.add(new Series(null, ys.clone(), color, false));
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
        rightSeries.add(new Series(name, ys.clone(), color, true));
        return this;
    }

    BufferedImage render() {
        return chart().createBufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB, null);
    }

    public void write(Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(render(), "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }

    private JFreeChart chart() {
        // faint series first: JFreeChart draws rows in dataset order, so they end up under the bold ones
        List<Series> ordered = new ArrayList<>();
        series.stream().filter(s -> !s.bold).forEach(ordered::add);
        series.stream().filter(s -> s.bold).forEach(ordered::add);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        LineAndShapeRenderer renderer = renderer(ordered, data, yMin, yMax, 0);

        CategoryAxis x = new CategoryAxis(xLabel);
        x.setLabelFont(LABEL_FONT);
        x.setTickLabelFont(TICK_FONT);
        x.setLowerMargin(0.03);
        x.setUpperMargin(0.03);
        CategoryPlot plot = new CategoryPlot(data, x, valueAxis(yLabel, yMin, yMax), renderer);
        if (rightAxis != null) {
            DefaultCategoryDataset rightData = new DefaultCategoryDataset();
            plot.setRangeAxis(1, valueAxis(rightAxis.label, rightAxis.min, rightAxis.max));
            plot.setDataset(1, rightData);
            plot.setRenderer(1, renderer(rightSeries, rightData, rightAxis.min, rightAxis.max, ordered.size()));
            plot.mapDatasetToRangeAxis(1, 1);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.BLACK);
        plot.setRangeGridlinePaint(new Color(215, 215, 215));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainGridlinesVisible(true);
        plot.setDomainGridlinePaint(new Color(230, 230, 230));
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);

        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 8, 4, 12));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(LABEL_FONT);
        legend.setFrame(BlockBorder.NONE);
        legend.setBackgroundPaint(Color.WHITE);
        legend.setItemLabelPadding(new RectangleInsets(2, 2, 2, 16));
        return chart;
    }

    /** A value axis over exactly [min, max], ticks at round steps. */
    private static NumberAxis valueAxis(String label, double min, double max) {
        NumberAxis axis = new NumberAxis(label);
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setRange(min, max);
        axis.setAutoRangeIncludesZero(false);
        double unit = tickUnit(max - min);
        axis.setTickUnit(new NumberTickUnit(unit, decimals(unit)));
        return axis;
    }

    /**
     * Fills {@code data} with the series (values clamped to [min, max], NaN as gaps) and returns their renderer: bold
     * series with dots and a legend entry, faint ones thin and unnamed. Row keys start at {@code firstRow}, so that
     * they are unique across the left and right datasets.
     */
    private LineAndShapeRenderer renderer(List<Series> rows, DefaultCategoryDataset data, double min, double max,
                                          int firstRow) {
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        renderer.setDefaultShape(new Ellipse2D.Double(-4, -4, 8, 8));
        renderer.setAutoPopulateSeriesShape(false);
        for (int r = 0; r < rows.size(); r++) {
            Series s = rows.get(r);
            // row keys must be unique: a faint series is keyed by its position, a named one by position and name
            String key = s.bold ? (firstRow + r) + ":" + s.name : (firstRow + r) + ":";
            for (int i = 0; i < xTicks.length; i++) {
                double v = i < s.ys.length ? s.ys[i] : Double.NaN;
                data.addValue(Double.isFinite(v) ? Math.max(min, Math.min(max, v)) : null, key, new Tick(i, xTicks[i]));
            }
            renderer.setSeriesPaint(r, s.color);
            renderer.setSeriesStroke(r, new BasicStroke(s.bold ? 2.5f : 1f));
            renderer.setSeriesShapesVisible(r, s.bold);
            renderer.setSeriesVisibleInLegend(r, s.bold);
        }
        renderer.setLegendItemLabelGenerator((dataset, row) -> {
            String key = (String) dataset.getRowKey(row);
            return key.substring(key.indexOf(':') + 1);
        });
        return renderer;
    }

    /** A format with as many decimals as the tick step needs (0.25 → "0.00", 0.2 → "0.0"). */
    private static NumberFormat decimals(double unit) {
        int d = 0;
        while (d < 8 && Math.abs(unit * Math.pow(10, d) - Math.rint(unit * Math.pow(10, d))) > 1e-9) {
            d++;
        }
        return new DecimalFormat(d == 0 ? "0" : "0." + "0".repeat(d), DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** The smallest 1-2-2.5-5 step giving at most 10 intervals over the range (JFreeChart's own choice is denser). */
    static double tickUnit(double range) {
        double decade = Math.pow(10, Math.floor(Math.log10(range / 10)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (range / (m * decade) <= 10 + 1e-9) {
                return m * decade;
            }
        }
        return 10 * decade;
    }
}
