package faceattr.stream;

import faceattr.synth.SynthDemoImages;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Realistic test photos: the synthetic generator's in-the-wild JPEGs, made once per test JVM. */
public final class SynthFaces {
    private static final int COUNT = 24;
    private static SynthDemoImages images;

    private SynthFaces() {
    }

    private static synchronized SynthDemoImages images() {
        if (images == null) {
            try {
                Path dir = Files.createTempDirectory("faceattr-test-faces-");
                dir.toFile().deleteOnExit();
                images = SynthDemoImages.generate(dir, COUNT, 20151207);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return images;
    }

    /** The i-th synthetic photo, JPEG-encoded (indices wrap around). */
    public static byte[] jpeg(int i) {
        return images().apply(i);
    }

    /** The i-th photo with the poison marker in its corner, PNG-encoded (lossless, so the marker survives). */
    static byte[] poisonPng(int i) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg(i)));
            BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(img, 0, 0, null);
            rgb.setRGB(0, 0, TestImages.POISON_RGB);
            rgb.setRGB(1, 0, TestImages.POISON_RGB);
            return TestImages.encode(rgb, "png");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
