package faceattr.image;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The one converter from images to network inputs: square uint8 RGB patches (letterboxed whole images or crops of a
 * region), optionally flipped, and batches of them as normalized NCHW float tensors. Patches are kept as uint8
 * ({@code byte[size*size*3]}, row-major RGB) so that training sets can be cached in memory cheaply.
 */
public final class ImageTensors {
    /** Grey used outside the image (letterbox bars, crops that run past an edge). */
    public static final int PAD_GREY = 128;
    private static final float MEAN = 127.5f;
    private static final float SCALE = 1f / 64f;

    /** Halvings of the images being cut (see {@link #halving}). */
    private static final Map<BufferedImage, List<BufferedImage>> HALVINGS = new WeakHashMap<>();

    static {
        faceattr.backend.ComputeBackend.start();
    }

    private ImageTensors() {
    }

    /**
     * Where a letterboxed image sits in its square: image pixel p maps to {@code p * scale + offset}.
     */
    public record Letterbox(int size, double scale, double offsetX, double offsetY) {
        public static Letterbox of(int imageWidth, int imageHeight, int size) {
            double scale = (double) size / Math.max(imageWidth, imageHeight);
            return new Letterbox(size, scale, (size - imageWidth * scale) / 2, (size - imageHeight * scale) / 2);
        }

        /** From square coordinates back to image pixels. */
        public double[] toImage(double x, double y) {
            return new double[]{(x - offsetX) / scale, (y - offsetY) / scale};
        }
    }

    /** The whole image scaled to fit a {@code size}×{@code size} square, centred, grey bars around it. */
    public static byte[] letterbox(BufferedImage image, int size) {
        Letterbox lb = Letterbox.of(image.getWidth(), image.getHeight(), size);
        AffineTransform t = new AffineTransform(lb.scale(), 0, 0, lb.scale(), lb.offsetX(), lb.offsetY());
        return render(image, t, size);
    }

    /**
     * The region (x, y, w, h in image pixels, may extend past the image) resized to a {@code size}×{@code size}
     * square; parts outside the image are grey.
     */
    public static byte[] crop(BufferedImage image, double x, double y, double w, double h, int size) {
        double sx = size / Math.max(w, 1e-6);
        double sy = size / Math.max(h, 1e-6);
        AffineTransform t = new AffineTransform(sx, 0, 0, sy, -x * sx, -y * sy);
        return render(image, t, size);
    }

    private static byte[] render(BufferedImage image, AffineTransform t, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(new Color(PAD_GREY, PAD_GREY, PAD_GREY));
            g.fillRect(0, 0, size, size);
            boolean downscale = Math.abs(t.getScaleX()) < 0.5 || Math.abs(t.getScaleY()) < 0.5;
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, downscale
                    ? RenderingHints.VALUE_INTERPOLATION_BICUBIC : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            BufferedImage source = downscale ? preShrink(image, t) : image;
            AffineTransform tt = new AffineTransform(t);
            if (source != image) {
                tt.scale((double) image.getWidth() / source.getWidth(), (double) image.getHeight() / source.getHeight());
            }
            g.drawImage(source, tt, null);
        } finally {
            g.dispose();
        }
        return toBytes(out);
    }

    /** Box-filter halving until the remaining scale is at least 1/2, so that strong downscaling does not alias. */
    private static BufferedImage preShrink(BufferedImage image, AffineTransform t) {
        double scale = Math.min(Math.abs(t.getScaleX()), Math.abs(t.getScaleY()));
        BufferedImage current = image;
        int level = 0;
        while (scale < 0.5 && current.getWidth() >= 4 && current.getHeight() >= 4) {
            scale *= (double) current.getWidth() / (current.getWidth() / 2);
            current = halving(image, ++level);
        }
        return current;
    }

    /**
     * {@code image} halved {@code level} times. The cascade cuts many views and patches out of one image, most of them
     * shrunk, so the halvings of an image are made once and kept while the image itself is in use (weak keys, by
     * identity: callers must not draw on an image after cutting from it).
     */
    private static BufferedImage halving(BufferedImage image, int level) {
        List<BufferedImage> levels;
        synchronized (HALVINGS) {
            levels = HALVINGS.computeIfAbsent(image, k -> new ArrayList<>());
        }
        synchronized (levels) {
            while (levels.size() < level) {
                levels.add(halve(levels.isEmpty() ? image : levels.get(levels.size() - 1)));
            }
            return levels.get(level - 1);
        }
    }

    private static BufferedImage halve(BufferedImage current) {
        int w = current.getWidth() / 2;
        int h = current.getHeight() / 2;
        BufferedImage half = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = half.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(current, 0, 0, w, h, null);
        g.dispose();
        return half;
    }

    /** Row-major RGB bytes of an image. */
    public static byte[] toBytes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            out[3 * i] = (byte) (argb[i] >> 16);
            out[3 * i + 1] = (byte) (argb[i] >> 8);
            out[3 * i + 2] = (byte) argb[i];
        }
        return out;
    }

    /** The patch mirrored left-right. */
    public static byte[] flipHorizontal(byte[] patch, int size) {
        byte[] out = new byte[patch.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int src = 3 * (y * size + x);
                int dst = 3 * (y * size + size - 1 - x);
                out[dst] = patch[src];
                out[dst + 1] = patch[src + 1];
                out[dst + 2] = patch[src + 2];
            }
        }
        return out;
    }

    /** A batch of square patches as a normalized float tensor of shape [n, 3, size, size]. */
    public static INDArray toTensor(List<byte[]> patches, int size) {
        int plane = size * size;
        float[] data = new float[patches.size() * 3 * plane];
        for (int n = 0; n < patches.size(); n++) {
            byte[] p = patches.get(n);
            if (p.length != 3 * plane) {
                throw new IllegalArgumentException("patch " + n + " has " + p.length + " bytes, expected " + 3 * plane);
            }
            int base = n * 3 * plane;
            for (int i = 0; i < plane; i++) {
                data[base + i] = ((p[3 * i] & 0xff) - MEAN) * SCALE;
                data[base + plane + i] = ((p[3 * i + 1] & 0xff) - MEAN) * SCALE;
                data[base + 2 * plane + i] = ((p[3 * i + 2] & 0xff) - MEAN) * SCALE;
            }
        }
        return Nd4j.create(data, new long[]{patches.size(), 3, size, size}, 'c');
    }
}
