package faceattr.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;

/** Small drawing helpers shared by the face, clutter and object painters. */
final class Shapes {
    private Shapes() {
    }

    /** A smooth closed curve through the points (Catmull-Rom converted to cubic Béziers). */
    static Path2D smoothClosed(double... xy) {
        int n = xy.length / 2;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 0; i < n; i++) {
            int i0 = (i - 1 + n) % n;
            int i2 = (i + 1) % n;
            int i3 = (i + 2) % n;
            double c1x = xy[2 * i] + (xy[2 * i2] - xy[2 * i0]) / 6;
            double c1y = xy[2 * i + 1] + (xy[2 * i2 + 1] - xy[2 * i0 + 1]) / 6;
            double c2x = xy[2 * i2] - (xy[2 * i3] - xy[2 * i]) / 6;
            double c2y = xy[2 * i2 + 1] - (xy[2 * i3 + 1] - xy[2 * i + 1]) / 6;
            p.curveTo(c1x, c1y, c2x, c2y, xy[2 * i2], xy[2 * i2 + 1]);
        }
        p.closePath();
        return p;
    }

    static Path2D polygon(double... xy) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return p;
    }

    static Ellipse2D ellipse(double cx, double cy, double rx, double ry) {
        return new Ellipse2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry);
    }

    static QuadCurve2D quad(double x1, double y1, double cx, double cy, double x2, double y2) {
        return new QuadCurve2D.Double(x1, y1, cx, cy, x2, y2);
    }

    static Stroke stroke(double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    static void fill(Graphics2D g, java.awt.Shape s, Color c) {
        g.setColor(c);
        g.fill(s);
    }

    static void draw(Graphics2D g, java.awt.Shape s, Color c, double width) {
        g.setColor(c);
        g.setStroke(stroke(width));
        g.draw(s);
    }

    static Color scale(Color c, double f) {
        return new Color(clamp(c.getRed() * f), clamp(c.getGreen() * f), clamp(c.getBlue() * f));
    }

    static Color alpha(Color c, double a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), clamp(a * 255));
    }

    static Color mix(Color a, Color b, double t) {
        return new Color(clamp(a.getRed() + (b.getRed() - a.getRed()) * t),
                clamp(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                clamp(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    static int clamp(double v) {
        return v < 0 ? 0 : v > 255 ? 255 : (int) Math.round(v);
    }
}
