package faceattr.image;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageTensorsTest {

    private static BufferedImage redLeftBlueRight(int w, int h) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = im.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        return im;
    }

    private static int[] rgb(byte[] p, int size, int x, int y) {
        int i = 3 * (y * size + x);
        return new int[]{p[i] & 0xff, p[i + 1] & 0xff, p[i + 2] & 0xff};
    }

    @Test
    void letterboxCentresTheImageBetweenGreyBars() {
        byte[] p = ImageTensors.letterbox(redLeftBlueRight(200, 100), 32);
        assertArrayEquals(new int[]{128, 128, 128}, rgb(p, 32, 16, 2), "bar above the 200x100 image");
        assertArrayEquals(new int[]{128, 128, 128}, rgb(p, 32, 16, 29), "bar below");
        assertArrayEquals(new int[]{255, 0, 0}, rgb(p, 32, 4, 16));
        assertArrayEquals(new int[]{0, 0, 255}, rgb(p, 32, 28, 16));
    }

    @Test
    void cropPastTheEdgeIsGreyAndFlipMirrors() {
        BufferedImage im = redLeftBlueRight(100, 100);
        byte[] p = ImageTensors.crop(im, -50, 0, 100, 100, 20);
        assertArrayEquals(new int[]{128, 128, 128}, rgb(p, 20, 3, 10), "left half lies outside the image");
        assertArrayEquals(new int[]{255, 0, 0}, rgb(p, 20, 15, 10));
        byte[] f = ImageTensors.flipHorizontal(p, 20);
        assertArrayEquals(rgb(p, 20, 3, 10), rgb(f, 20, 16, 10));
        assertArrayEquals(p, ImageTensors.flipHorizontal(f, 20));
    }

    @Test
    void tensorIsNchwAndNormalized() {
        byte[] p = ImageTensors.crop(redLeftBlueRight(10, 10), 0, 0, 10, 10, 10);
        INDArray t = ImageTensors.toTensor(List.of(p, p), 10);
        assertArrayEquals(new long[]{2, 3, 10, 10}, t.shape());
        assertEquals((255 - 127.5) / 64, t.getDouble(1, 0, 5, 1), 1e-5, "red channel of a red pixel");
        assertEquals((0 - 127.5) / 64, t.getDouble(1, 2, 5, 1), 1e-5, "blue channel of a red pixel");
        assertEquals((255 - 127.5) / 64, t.getDouble(0, 2, 5, 8), 1e-5, "blue channel of a blue pixel");
    }
}
