package faceattr.concepts;

import faceattr.image.ContactSheet;
import faceattr.report.LineChart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/** The concept analysis' pictures: gain kept and accuracy vs k%, the weight heat map, and Fig. 8's mean faces. */
final class ConceptCharts {
    static final String TOPK_PNG = "concepts-gain-vs-k.png";
    static final String ACCURACY_PNG = "concepts-accuracy-vs-k.png";
    static final String HEATMAP_PNG = "concepts-weights.png";
    static final String FACES_PNG = "concepts-neuron-faces.png";
    static final String FACES_PRETRAINED_PNG = "concepts-neuron-faces-pretrained.png";
    /** Mean-face cells: the 64-px crops drawn at their own size (4 px of border). */
    static final int FACE_CELL = ConceptFeatures.CROP + 4;
    /** Share of the images in each of the high, medium and low response groups. */
    static final double GROUP_SHARE = 0.1;

    private static final Color TUNED = new Color(31, 119, 180);
    private static final Color PRETRAINED = new Color(255, 127, 14);
    private static final int LABEL_W = 160;
    private static final int CELL_W = 13;
    private static final int CELL_H = 15;
    private static final int HEADER = 64;
    private static final int FOOTER = 44;

    private ConceptCharts() {
    }

    private static String[] percentTicks() {
        String[] ticks = new String[ConceptAnalysis.PERCENTS.length];
        for (int k = 0; k < ticks.length; k++) {
            ticks[k] = ConceptAnalysis.PERCENTS[k] + "%";
        }
        return ticks;
    }

    /** Gain over the majority baseline kept, vs the share of neurons kept; faint lines: each attribute (fine-tuned). */
    static LineChart gainChart(List<ConceptAnalysis.NetworkConcepts> networks) {
        double lo = 0;
        double hi = 1;
        for (ConceptAnalysis.NetworkConcepts n : networks) {
            for (double v : n.keptGain()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        lo = Math.max(-1, Math.floor(lo * 4) / 4);
        // headroom above 100% (the curves end at 1 for k = 100%), so their end points are not drawn on the frame
        hi = Math.min(2, Math.max(1.25, Math.ceil(hi * 4) / 4 + 0.0001));
        LineChart chart = new LineChart("Share of the gain over the majority baseline kept by the top k% of neurons",
                "neurons kept (top k% by |weight| of each attribute's SVM)", "share of the all-neuron gain kept",
                percentTicks(), lo, hi);
        ConceptAnalysis.NetworkConcepts first = networks.get(0);
        for (ConceptAnalysis.AttributeConcepts a : first.attributes()) {
            if (a.eligible()) {
                chart.addFaint(a.keptGain(), new Color(160, 190, 220));
            }
        }
        double[] target = new double[ConceptAnalysis.PERCENTS.length];
        java.util.Arrays.fill(target, 0.9);
        chart.addFaint(target, new Color(150, 150, 150));
        for (ConceptAnalysis.NetworkConcepts n : networks) {
            chart.add(n.network() + " (" + n.eligibleAttributes() + " attributes)", n.keptGain(),
                    n == first ? TUNED : PRETRAINED);
        }
        if (first.activeNeurons() < first.featureSize()) {
            chart.add(first.network() + ", k% of the " + first.activeNeurons() + " responding", first.keptGainResponding(),
                    new Color(23, 190, 207));
        }
        return chart;
    }

    /** Mean accuracy over the attributes vs k%, with the mean majority baseline. */
    static LineChart accuracyChart(List<ConceptAnalysis.NetworkConcepts> networks) {
        double lo = 1;
        for (ConceptAnalysis.NetworkConcepts n : networks) {
            lo = Math.min(lo, n.meanMajority());
            for (double v : n.meanAccuracy()) {
                lo = Double.isFinite(v) ? Math.min(lo, v) : lo;
            }
        }
        lo = Double.isFinite(lo) ? Math.max(0, Math.floor(lo * 20 - 1) / 20) : 0;
        LineChart chart = new LineChart("Mean accuracy with the top k% of neurons", "neurons kept (top k% per attribute)",
                "mean accuracy (measurement part)", percentTicks(), lo, 1);
        ConceptAnalysis.NetworkConcepts first = networks.get(0);
        for (ConceptAnalysis.NetworkConcepts n : networks) {
            chart.add(n.network(), n.meanAccuracy(), n == first ? TUNED : PRETRAINED);
        }
        double[] baseline = new double[ConceptAnalysis.PERCENTS.length];
        java.util.Arrays.fill(baseline, first.meanMajority());
        chart.add("majority baseline", baseline, new Color(150, 150, 150));
        return chart;
    }

    /**
     * Attributes (rows, grouped by k-means cluster) × the neurons in any attribute's top list (columns, labelled),
     * each row's weights divided by that row's largest |weight|; red positive, blue negative.
     */
    static BufferedImage heatMap(ConceptAnalysis.NetworkConcepts n) {
        List<Integer> rows = new ArrayList<>();
        for (ConceptAnalysis.Cluster c : n.clusters()) {
            for (String name : c.attributes()) {
                rows.add(indexOf(n, name));
            }
        }
        for (int a = 0; a < n.attributes().size(); a++) {
            if (!rows.contains(a)) {
                rows.add(a);
            }
        }
        Set<Integer> cols = new LinkedHashSet<>();
        for (int a : rows) {
            n.attributes().get(a).topNeurons().forEach(w -> cols.add(w.neuron()));
        }
        List<Integer> columns = new ArrayList<>(cols);
        int w = LABEL_W + Math.max(1, columns.size()) * CELL_W + 110;
        int h = HEADER + rows.size() * CELL_H + FOOTER;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString("SVM weights, " + n.network() + " ANet: each attribute's top neurons (" + columns.size()
                    + " of " + n.featureSize() + ")", 8, 18);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString("rows grouped by k-means cluster; each row scaled by its largest |weight|", 8, 34);
            Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
            g.setFont(small);
            String previousCluster = null;
            for (int r = 0; r < rows.size(); r++) {
                ConceptAnalysis.AttributeConcepts a = n.attributes().get(rows.get(r));
                int y = HEADER + r * CELL_H;
                String cluster = clusterOf(n, a.name());
                if (previousCluster != null && !previousCluster.equals(cluster)) {
                    g.setColor(Color.BLACK);
                    g.drawLine(LABEL_W - 4, y, LABEL_W + columns.size() * CELL_W, y);
                }
                previousCluster = cluster;
                g.setColor(a.constant() ? Color.GRAY : Color.BLACK);
                g.drawString(a.name() + (a.constant() ? " (constant)" : "") + "  " + cluster, 6, y + CELL_H - 4);
                double max = 1e-12;
                for (int c : columns) {
                    max = Math.max(max, Math.abs(n.weights()[rows.get(r)][c]));
                }
                for (int c = 0; c < columns.size(); c++) {
                    double v = n.weights()[rows.get(r)][columns.get(c)] / max;
                    g.setColor(diverging(v));
                    g.fillRect(LABEL_W + c * CELL_W, y, CELL_W - 1, CELL_H - 1);
                }
            }
            g.setColor(Color.BLACK);
            AffineTransform saved = g.getTransform();
            for (int c = 0; c < columns.size(); c++) {
                g.setTransform(saved);
                g.translate(LABEL_W + c * CELL_W + CELL_W - 3, HEADER - 4);
                g.rotate(-Math.PI / 2);
                g.drawString(Integer.toString(columns.get(c)), 0, 0);
            }
            g.setTransform(saved);
            int legendX = LABEL_W + columns.size() * CELL_W + 20;
            for (int i = 0; i <= 40; i++) {
                g.setColor(diverging(1 - i / 20.0));
                g.fillRect(legendX, HEADER + i * 4, 16, 4);
            }
            g.setColor(Color.BLACK);
            g.drawString("+1", legendX + 20, HEADER + 8);
            g.drawString(" 0", legendX + 20, HEADER + 84);
            g.drawString("-1", legendX + 20, HEADER + 164);
            g.drawString("neuron index (FC unit); clusters marked k1, k2, ... after the names", 8, h - 16);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * Fig. 8: per selected neuron, the mean face of the images with its highest, medium (around the median) and lowest
     * responses ({@link #GROUP_SHARE} of the images each).
     */
    static ContactSheet meanFaces(ConceptFeatures data, float[][] features, List<Integer> neurons) {
        ContactSheet sheet = new ContactSheet(3, FACE_CELL, FACE_CELL);
        int n = features.length;
        int group = Math.max(1, (int) Math.round(n * GROUP_SHARE));
        for (int neuron : neurons) {
            List<Integer> order = IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -features[i][neuron]).thenComparing(i -> i))
                    .toList();
            int mid = Math.max(0, Math.min(n - group, n / 2 - group / 2));
            sheet.add(meanFace(data, order.subList(0, group)), "#" + neuron + " high");
            sheet.add(meanFace(data, order.subList(mid, mid + group)), "#" + neuron + " medium");
            sheet.add(meanFace(data, order.subList(n - group, n)), "#" + neuron + " low");
        }
        return sheet;
    }

    static BufferedImage meanFace(ConceptFeatures data, List<Integer> images) {
        int s = data.cropSize();
        double[] sum = new double[s * s * 3];
        for (int i : images) {
            byte[] c = data.crops()[i];
            for (int p = 0; p < sum.length; p++) {
                sum[p] += c[p] & 0xFF;
            }
        }
        BufferedImage out = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int p = 3 * (y * s + x);
                int r = (int) Math.round(sum[p] / images.size());
                int gr = (int) Math.round(sum[p + 1] / images.size());
                int b = (int) Math.round(sum[p + 2] / images.size());
                out.setRGB(x, y, r << 16 | gr << 8 | b);
            }
        }
        return out;
    }

    static void writePng(BufferedImage image, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }

    /** Blue (−1) → white (0) → red (+1). */
    static Color diverging(double v) {
        double t = Math.max(-1, Math.min(1, v));
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }

    private static int indexOf(ConceptAnalysis.NetworkConcepts n, String name) {
        for (int a = 0; a < n.attributes().size(); a++) {
            if (n.attributes().get(a).name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static String clusterOf(ConceptAnalysis.NetworkConcepts n, String name) {
        for (ConceptAnalysis.Cluster c : n.clusters()) {
            if (c.attributes().contains(name)) {
                return "k" + c.id();
            }
        }
        return "";
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
