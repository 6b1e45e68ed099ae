package faceattr.image;

import faceattr.geometry.Box;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A grid of images written as one PNG, for people to look at: each tile is scaled to fit its cell, with optional
 * boxes (drawn in green) and points (red) in the tile image's own pixel coordinates, and a one-line caption.
 */
public final class ContactSheet {
    private static final int CAPTION = 14;
    private static final Color BOX = new Color(40, 255, 60);
    private static final Color POINT = new Color(255, 40, 40);

    private final int columns;
    private final int cellWidth;
    private final int cellHeight;
    private final List<Tile> tiles = new ArrayList<>();

    private record Tile(BufferedImage image, String caption, List<Box> boxes, double[] points) {
    }

    public ContactSheet(int columns, int cellWidth, int cellHeight) {
        if (columns < 1 || cellWidth < 8 || cellHeight < 8) {
            throw new IllegalArgumentException("need at least 1 column and 8x8-pixel cells");
        }
        this.columns = columns;
        this.cellWidth = cellWidth;
        this.cellHeight = cellHeight;
    }

    public ContactSheet add(BufferedImage image, String caption) {
        return add(image, caption, List.of(), new double[0]);
    }

    /** Adds a tile; {@code points} are x, y pairs. */
    public ContactSheet add(BufferedImage image, String caption, List<Box> boxes, double[] points) {
        tiles.add(new Tile(image, caption == null ? "" : caption, List.copyOf(boxes), points.clone()));
        return this;
    }

    public int size() {
        return tiles.size();
    }

    public BufferedImage render() {
        int rows = Math.max(1, (tiles.size() + columns - 1) / columns);
        int tileH = cellHeight + CAPTION;
        BufferedImage sheet = new BufferedImage(columns * cellWidth, rows * tileH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(32, 32, 32));
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int i = 0; i < tiles.size(); i++) {
            Tile t = tiles.get(i);
            int x0 = (i % columns) * cellWidth;
            int y0 = (i / columns) * tileH;
            double s = Math.min((cellWidth - 4.0) / t.image.getWidth(), (cellHeight - 4.0) / t.image.getHeight());
            double ox = x0 + (cellWidth - t.image.getWidth() * s) / 2;
            double oy = y0 + (cellHeight - t.image.getHeight() * s) / 2;
            g.drawImage(t.image, (int) Math.round(ox), (int) Math.round(oy),
                    (int) Math.round(t.image.getWidth() * s), (int) Math.round(t.image.getHeight() * s), null);
            g.setColor(BOX);
            g.setStroke(new BasicStroke(2f));
            for (Box b : t.boxes) {
                g.draw(new Rectangle2D.Double(ox + b.x() * s, oy + b.y() * s, b.width() * s, b.height() * s));
            }
            g.setColor(POINT);
            for (int p = 0; p + 1 < t.points.length; p += 2) {
                g.fill(new Ellipse2D.Double(ox + t.points[p] * s - 2, oy + t.points[p + 1] * s - 2, 4, 4));
            }
            g.setColor(Color.WHITE);
            g.setClip(x0, y0 + cellHeight, cellWidth, CAPTION);
            g.drawString(t.caption, x0 + 3, y0 + cellHeight + CAPTION - 3);
            g.setClip(null);
        }
        g.dispose();
        return sheet;
    }

    public void write(Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(render(), "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }
}
