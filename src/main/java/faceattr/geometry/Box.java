package faceattr.geometry;

/** An axis-aligned box in pixels of the image it was found in; (x, y) is the upper-left corner. */
public record Box(double x, double y, double width, double height) {

    public double area() {
        return Math.max(0, width) * Math.max(0, height);
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    /** Intersection over union with another box; 0 when either is empty. */
    public double iou(Box other) {
        double ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
        double iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
        double inter = ix * iy;
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** The same centre, each side scaled by {@code factor}. */
    public Box scaled(double factor) {
        double w = width * factor;
        double h = height * factor;
        return new Box(centerX() - w / 2, centerY() - h / 2, w, h);
    }

    /**
     * The consensus of several boxes of one object: mean centre, geometric mean of the widths and of the heights (a
     * box twice too large and one half too small average to the right size).
     */
    public static Box average(java.util.List<Box> boxes) {
        if (boxes.isEmpty()) {
            throw new IllegalArgumentException("nothing to average");
        }
        double cx = 0;
        double cy = 0;
        double logW = 0;
        double logH = 0;
        for (Box b : boxes) {
            cx += b.centerX();
            cy += b.centerY();
            logW += Math.log(Math.max(1e-9, b.width()));
            logH += Math.log(Math.max(1e-9, b.height()));
        }
        int n = boxes.size();
        double w = Math.exp(logW / n);
        double h = Math.exp(logH / n);
        return new Box(cx / n - w / 2, cy / n - h / 2, w, h);
    }

    /** Clipped to an image of the given size. */
    public Box clip(int imageWidth, int imageHeight) {
        double x0 = Math.max(0, x);
        double y0 = Math.max(0, y);
        double x1 = Math.min(imageWidth, x + width);
        double y1 = Math.min(imageHeight, y + height);
        return new Box(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }
}
