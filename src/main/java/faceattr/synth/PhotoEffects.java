package faceattr.synth;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/** Camera-like degradations applied to a finished {@link BufferedImage#TYPE_INT_RGB} picture, in place. */
final class PhotoEffects {
    private PhotoEffects() {
    }

    /**
     * Lighting gradient, colour cast, contrast and sensor noise.
     *
     * @param cast      per-channel gains (r, g, b)
     * @param light     overall brightness gain
     * @param gradient  strength of the linear lighting gradient (0 = flat)
     * @param angle     direction of the gradient in radians
     * @param noise     amplitude of uniform per-pixel noise in 0..255 units
     */
    static void light(BufferedImage img, double[] cast, double light, double contrast, double gradient, double angle,
                      int noise, SplittableRandom r) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        double cos = Math.cos(angle) * gradient / (Math.max(w, h) / 2.0);
        double sin = Math.sin(angle) * gradient / (Math.max(w, h) / 2.0);
        for (int y = 0; y < h; y++) {
            double rowLight = (y - h / 2.0) * sin;
            for (int x = 0; x < w; x++) {
                double f = light * (1 + rowLight + (x - w / 2.0) * cos);
                int p = px[y * w + x];
                int n = noise == 0 ? 0 : r.nextInt(2 * noise + 1) - noise;
                int rr = tone(((p >> 16) & 255) * cast[0] * f, contrast, n);
                int gg = tone(((p >> 8) & 255) * cast[1] * f, contrast, n);
                int bb = tone((p & 255) * cast[2] * f, contrast, n);
                px[y * w + x] = (rr << 16) | (gg << 8) | bb;
            }
        }
    }

    private static int tone(double v, double contrast, int noise) {
        double t = (v - 128) * contrast + 128 + noise;
        return t < 0 ? 0 : t > 255 ? 255 : (int) t;
    }

    /** Three box-blur passes (close to a Gaussian of sigma ≈ radius), edges clamped. */
    static void blur(BufferedImage img, int radius) {
        if (radius < 1) {
            return;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int[] tmp = new int[px.length];
        for (int pass = 0; pass < 3; pass++) {
            boxPass(px, tmp, w, h, radius, 1, w);
            boxPass(tmp, px, h, w, radius, w, 1);
        }
    }

    /** Blurs along one axis: {@code len} pixels per line with stride {@code step}, lines {@code lineStride} apart. */
    private static void boxPass(int[] src, int[] dst, int len, int lines, int radius, int step, int lineStride) {
        int win = 2 * radius + 1;
        for (int line = 0; line < lines; line++) {
            int base = line * lineStride;
            int sr = 0;
            int sg = 0;
            int sb = 0;
            for (int i = -radius; i <= radius; i++) {
                int p = src[base + clampIndex(i, len) * step];
                sr += (p >> 16) & 255;
                sg += (p >> 8) & 255;
                sb += p & 255;
            }
            for (int i = 0; i < len; i++) {
                dst[base + i * step] = ((sr / win) << 16) | ((sg / win) << 8) | (sb / win);
                int out = src[base + clampIndex(i - radius, len) * step];
                int in = src[base + clampIndex(i + radius + 1, len) * step];
                sr += ((in >> 16) & 255) - ((out >> 16) & 255);
                sg += ((in >> 8) & 255) - ((out >> 8) & 255);
                sb += (in & 255) - (out & 255);
            }
        }
    }

    private static int clampIndex(int i, int len) {
        return i < 0 ? 0 : i >= len ? len - 1 : i;
    }
}
