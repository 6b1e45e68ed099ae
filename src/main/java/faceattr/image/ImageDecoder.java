package faceattr.image;

import faceattr.errors.ReasonCode;
import faceattr.errors.RejectedInputException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/** The project's one image decoder: untrusted bytes to an RGB image, with limits checked before decoding. */
public final class ImageDecoder {
    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Decodes to {@link BufferedImage#TYPE_INT_RGB}, or says why not. */
    public BufferedImage decode(byte[] bytes) throws RejectedInputException {
        if (bytes == null || bytes.length == 0) {
            throw new RejectedInputException(ReasonCode.CORRUPT_IMAGE, "image is empty (0 bytes)");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new RejectedInputException(ReasonCode.TOO_LARGE,
                    "image is " + bytes.length + " bytes, limit is " + limits.maxBytes());
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new RejectedInputException(ReasonCode.UNSUPPORTED_FORMAT, "not a supported image format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                checkSize(w, h);
                BufferedImage image = reader.read(0);
                return toRgb(image);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new RejectedInputException(ReasonCode.CORRUPT_IMAGE, "cannot decode image: " + e.getMessage(), e);
        }
    }

    private void checkSize(int w, int h) throws RejectedInputException {
        if (w > limits.maxSide() || h > limits.maxSide() || (long) w * h > limits.maxPixels()) {
            throw new RejectedInputException(ReasonCode.TOO_LARGE, "image is " + w + "x" + h
                    + ", limits are " + limits.maxSide() + " px per side and " + limits.maxPixels() + " pixels");
        }
        if (w < limits.minSide() || h < limits.minSide()) {
            throw new RejectedInputException(ReasonCode.TOO_SMALL,
                    "image is " + w + "x" + h + ", minimum side is " + limits.minSide() + " px");
        }
    }

    static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = rgb.createGraphics();
        g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        g.dispose();
        return rgb;
    }
}
