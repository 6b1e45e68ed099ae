package faceattr.search;

import faceattr.errors.RejectedInputException;
import faceattr.image.ImageLoader;
import faceattr.image.Jpeg;
import org.apache.kafka.common.header.Headers;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Image event to thumbnail: the event's image is read exactly as the tagger reads it ({@link ImageLoader}: inline
 * bytes, or an allowed URI, the same limits), scaled so its longest side is at most {@value #MAX_SIDE} px, and
 * encoded as JPEG.
 */
public final class Thumbnails {
    public static final int MAX_SIDE = 160;
    private static final int QUALITY = 80;
    private final ImageLoader loader;

    public Thumbnails(ImageLoader loader) {
        this.loader = loader;
    }

    byte[] of(String topic, Headers headers, byte[] value) throws RejectedInputException {
        BufferedImage image = loader.decode(loader.load(loader.event(topic, headers, value)));
        return Jpeg.encode(scaled(image), QUALITY);
    }

    static BufferedImage scaled(BufferedImage image) {
        double f = Math.min(1.0, (double) MAX_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * f));
        int h = Math.max(1, (int) Math.round(image.getHeight() * f));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

}
