package faceattr.image;

import java.awt.image.BufferedImage;

/**
 * Blends a response map (any resolution, any value range) over an image: min-max normalised, bilinearly resized
 * to the image, coloured with the "turbo" colour map (dark blue → green → yellow → red) and alpha-blended with an
 * opacity that grows with the response, so low-response areas keep the photo visible.
 */
public final class HeatmapOverlay {
    /** Opacity at the strongest response. */
    static final double MAX_ALPHA = 0.6;

    private HeatmapOverlay() {
    }

    /** Blends {@code map[row][column]} over {@code image} in place; a flat map (no contrast) changes nothing. */
    public static void blend(BufferedImage image, float[][] map) {
        int mh = map.length;
        if (mh == 0 || map[0].length == 0) {
            throw new IllegalArgumentException("heat map is empty");
        }
        int mw = map[0].length;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float[] row : map) {
            if (row.length != mw) {
                throw new IllegalArgumentException("heat map rows differ in length");
            }
            for (float v : row) {
                if (Float.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!(max > min)) {
            return;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        for (int y = 0; y < h; y++) {
            double my = clamp((y + 0.5) * mh / h - 0.5, 0, mh - 1);
            int y0 = (int) my;
            int y1 = Math.min(y0 + 1, mh - 1);
            double fy = my - y0;
            for (int x = 0; x < w; x++) {
                double mx = clamp((x + 0.5) * mw / w - 0.5, 0, mw - 1);
                int x0 = (int) mx;
                int x1 = Math.min(x0 + 1, mw - 1);
                double fx = mx - x0;
                double v = (1 - fy) * ((1 - fx) * finite(map[y0][x0], min) + fx * finite(map[y0][x1], min))
                        + fy * ((1 - fx) * finite(map[y1][x0], min) + fx * finite(map[y1][x1], min));
                double t = (v - min) / (max - min);
                image.setRGB(x, y, over(image.getRGB(x, y), turbo(t), MAX_ALPHA * t));
            }
        }
    }

    private static double finite(float v, float fallback) {
        return Float.isFinite(v) ? v : fallback;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** {@code colour} over {@code base} with opacity {@code alpha} (0..1), both 0xRRGGBB. */
    static int over(int base, int colour, double alpha) {
        int r = (int) Math.round(((base >> 16) & 0xFF) * (1 - alpha) + ((colour >> 16) & 0xFF) * alpha);
        int g = (int) Math.round(((base >> 8) & 0xFF) * (1 - alpha) + ((colour >> 8) & 0xFF) * alpha);
        int b = (int) Math.round((base & 0xFF) * (1 - alpha) + (colour & 0xFF) * alpha);
        return r << 16 | g << 8 | b;
    }

    /** Google's "turbo" colour map, polynomial approximation (Mikhailov 2019), t in [0, 1] → 0xRRGGBB. */
    public static int turbo(double t) {
        t = clamp(t, 0, 1);
        double r = 0.13572138 + t * (4.61539260 + t * (-42.66032258 + t * (132.13108234 + t * (-152.94239396
                + t * 59.28637943))));
        double g = 0.09140261 + t * (2.19418839 + t * (4.84296658 + t * (-14.18503333 + t * (4.27729857
                + t * 2.82956604))));
        double b = 0.10667330 + t * (12.64194608 + t * (-60.58204836 + t * (110.36276771 + t * (-89.90310912
                + t * 27.34824973))));
        return channel(r) << 16 | channel(g) << 8 | channel(b);
    }

    private static int channel(double v) {
        return (int) Math.round(clamp(v, 0, 1) * 255);
    }
}
