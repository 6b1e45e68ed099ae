package faceattr.image;

import faceattr.geometry.Box;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws face boxes, their label lines (e.g. the present attributes) and optionally a response heat map onto a copy
 * of an image, for a person to check at a glance. Legible on light and dark photos alike: each box is a bright
 * colour over a dark halo, and labels are white text on a near-opaque dark plate (with a faint light rim) and the
 * box's colour as an accent bar. Label plates go beside or below their box where they fit without covering another box or plate,
 * and flow into columns when the list is taller than the image. Sizes scale with the image.
 */
public final class Annotator {
    /** Box colours: saturated, distinct, and bright enough to read over the dark halo. */
    private static final Color[] PALETTE = {
            new Color(0xFFD400), new Color(0x00E5FF), new Color(0xFF4FD8), new Color(0x7CFF3D), new Color(0xFF9A1F),
            new Color(0xB18CFF)};
    private static final Color HALO = new Color(0, 0, 0, 220);
    private static final Color PLATE = new Color(12, 12, 16, 240);
    /** A faint light rim, so the plate still reads as a plate on a dark photo. */
    private static final Color PLATE_RIM = new Color(255, 255, 255, 110);
    private static final Color TEXT = Color.WHITE;

    private Annotator() {
    }

    /**
     * A copy of {@code image} (same size, {@link BufferedImage#TYPE_INT_RGB}) with the heat map (if not null)
     * blended under the boxes, and box {@code i} labelled with {@code labels.get(i)} (may be empty).
     */
    public static BufferedImage annotate(BufferedImage image, List<Box> boxes, List<List<String>> labels,
                                         float[][] heatmap) {
        if (labels.size() != boxes.size()) {
            throw new IllegalArgumentException(boxes.size() + " boxes but " + labels.size() + " label lists");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, Color.WHITE, null);
            if (heatmap != null) {
                HeatmapOverlay.blend(out, heatmap);
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            int shortSide = Math.min(w, h);
            int stroke = Math.max(2, Math.round(shortSide / 220f));
            Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, Math.min(28, Math.round(shortSide / 28f))));

            List<Rectangle> taken = new ArrayList<>();
            List<Rectangle> boxRects = new ArrayList<>();
            for (Box box : boxes) {
                Box c = box.clip(w, h);
                boxRects.add(new Rectangle((int) Math.round(c.x()), (int) Math.round(c.y()),
                        (int) Math.round(c.width()), (int) Math.round(c.height())));
            }
            taken.addAll(boxRects);
            for (int i = 0; i < boxRects.size(); i++) {
                drawBox(g, boxRects.get(i), PALETTE[i % PALETTE.length], stroke);
            }
            for (int i = 0; i < boxRects.size(); i++) {
                List<String> lines = labels.get(i);
                if (!lines.isEmpty()) {
                    taken.add(drawLabel(g, font, boxRects.get(i), lines, PALETTE[i % PALETTE.length], stroke, w, h,
                            taken));
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The outline lies inside the box rectangle: a dark halo with the colour on top. */
    private static void drawBox(Graphics2D g, Rectangle r, Color colour, int stroke) {
        if (r.width <= 0 || r.height <= 0) {
            return;
        }
        int halo = stroke + 2;
        g.setColor(HALO);
        g.setStroke(new BasicStroke(halo, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER));
        g.drawRect(r.x + halo / 2, r.y + halo / 2, Math.max(0, r.width - halo), Math.max(0, r.height - halo));
        g.setColor(colour);
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER));
        g.drawRect(r.x + halo / 2, r.y + halo / 2, Math.max(0, r.width - halo), Math.max(0, r.height - halo));
    }

    /** Smallest label font tried before accepting a plate that covers part of a face. */
    private static final int MIN_FONT_SIZE = 9;

    private static Rectangle drawLabel(Graphics2D g, Font font, Rectangle box, List<String> lines, Color accent,
                                       int stroke, int imageWidth, int imageHeight, List<Rectangle> taken) {
        // Shrink the font until the plate fits beside the box without covering a face or another plate.
        LabelLayout layout = null;
        for (int size = font.getSize(); size >= Math.min(MIN_FONT_SIZE, font.getSize()); size--) {
            LabelLayout candidate = LabelLayout.of(g, font.deriveFont((float) size), box, lines, stroke, imageWidth,
                    imageHeight, taken);
            if (layout == null || candidate.overlap < layout.overlap) {
                layout = candidate;
            }
            if (layout.overlap == 0) {
                break;
            }
        }
        Rectangle plate = layout.plate;
        g.setFont(layout.font);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(PLATE);
        int arc = layout.pad * 2;
        g.fill(new RoundRectangle2D.Float(plate.x, plate.y, plate.width, plate.height, arc, arc));
        g.setColor(PLATE_RIM);
        g.setStroke(new BasicStroke(1f));
        g.draw(new RoundRectangle2D.Float(plate.x + 0.5f, plate.y + 0.5f, plate.width - 1, plate.height - 1, arc, arc));
        g.setColor(accent);
        g.fillRect(plate.x, plate.y, layout.accentWidth, plate.height);
        g.setColor(TEXT);
        int x = plate.x + layout.accentWidth + layout.pad;
        for (int c = 0; c < layout.columnWidths.length; c++) {
            for (int r = 0; r < layout.rows && c * layout.rows + r < lines.size(); r++) {
                g.drawString(lines.get(c * layout.rows + r), x,
                        plate.y + layout.pad + r * fm.getHeight() + fm.getAscent());
            }
            x += layout.columnWidths[c] + layout.pad * 3;
        }
        return plate;
    }

    /** A label plate's size and place for one font: lines flow into columns when taller than the image. */
    private record LabelLayout(Font font, Rectangle plate, int pad, int accentWidth, int rows, int[] columnWidths,
                               long overlap) {
        static LabelLayout of(Graphics2D g, Font font, Rectangle box, List<String> lines, int stroke, int imageWidth,
                              int imageHeight, List<Rectangle> taken) {
            FontMetrics fm = g.getFontMetrics(font);
            int pad = Math.max(3, fm.getHeight() / 4);
            int accentWidth = Math.max(3, stroke + 1);
            int lineHeight = fm.getHeight();
            int rowsFit = Math.max(1, (imageHeight - 2 * pad) / lineHeight);
            int columns = (lines.size() + rowsFit - 1) / rowsFit;
            int rows = (lines.size() + columns - 1) / columns;
            int[] columnWidths = new int[columns];
            for (int i = 0; i < lines.size(); i++) {
                columnWidths[i / rows] = Math.max(columnWidths[i / rows], fm.stringWidth(lines.get(i)));
            }
            int textWidth = 0;
            for (int cw : columnWidths) {
                textWidth += cw;
            }
            int plateW = accentWidth + pad * 2 + textWidth + (columns - 1) * pad * 3;
            int plateH = pad * 2 + rows * lineHeight;
            Rectangle plate = place(box, plateW, plateH, imageWidth, imageHeight, taken);
            return new LabelLayout(font, plate, pad, accentWidth, rows, columnWidths, overlapArea(plate, taken));
        }
    }

    static long overlapArea(Rectangle r, List<Rectangle> taken) {
        long area = 0;
        for (Rectangle t : taken) {
            Rectangle i = r.intersection(t);
            if (!i.isEmpty()) {
                area += (long) i.width * i.height;
            }
        }
        return area;
    }

    /**
     * Where a w×h plate goes: below, right of, above or left of the box (aligned with its left or top edge),
     * the first that fits inside the image and overlaps nothing already drawn; else, pushed inside the image,
     * the one that covers the least of what is already drawn.
     */
    static Rectangle place(Rectangle box, int w, int h, int imageWidth, int imageHeight, List<Rectangle> taken) {
        int gap = 2;
        Rectangle[] candidates = {
                new Rectangle(box.x, box.y + box.height + gap, w, h),
                new Rectangle(box.x + box.width + gap, box.y, w, h),
                new Rectangle(box.x, box.y - h - gap, w, h),
                new Rectangle(box.x - w - gap, box.y, w, h),
                new Rectangle(box.x + box.width - w, box.y + box.height + gap, w, h),
                new Rectangle(box.x + box.width - w, box.y - h - gap, w, h),
        };
        Rectangle image = new Rectangle(0, 0, imageWidth, imageHeight);
        for (Rectangle c : candidates) {
            if (image.contains(c) && overlapArea(c, taken) == 0) {
                return c;
            }
        }
        Rectangle best = null;
        long bestOverlap = Long.MAX_VALUE;
        for (Rectangle c : candidates) {
            Rectangle inside = new Rectangle(Math.max(0, Math.min(c.x, imageWidth - w)),
                    Math.max(0, Math.min(c.y, imageHeight - h)), w, h);
            long overlap = overlapArea(inside, taken);
            if (overlap < bestOverlap) {
                best = inside;
                bestOverlap = overlap;
            }
        }
        return best;
    }

    /** The image as PNG bytes. */
    public static byte[] toPng(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the image as a PNG file, creating parent directories. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, toPng(image));
    }
}
