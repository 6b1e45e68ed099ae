package faceattr.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineChartTest {

    @Test
    void writesAPngOfTheFixedSizeWithGapsRepeatedTicksAndFaintSeries(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("sub/chart.png");
        new LineChart("title", "x", "y", new String[]{"a", "a", "b"}, 0, 1)
                .addFaint(new double[]{0.2, Double.NaN, 0.4}, new Color(200, 200, 200))
                .addFaint(new double[]{0.3, 0.3}, new Color(200, 200, 200)) // shorter than the ticks
                .add("bold", new double[]{0.1, 2.0, -1.0}, Color.RED)       // out of range: drawn at the edges
                .add("bold", new double[]{0.5, 0.5, 0.5}, Color.BLUE)       // a repeated name
                .write(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(LineChart.WIDTH, image.getWidth());
        assertEquals(LineChart.HEIGHT, image.getHeight());
        int red = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                red += image.getRGB(x, y) == Color.RED.getRGB() ? 1 : 0;
            }
        }
        assertTrue(red > 100, "the bold series is drawn: " + red + " red pixels");
    }

    @Test
    void refusesNoPositionsOrAnEmptyRange() {
        assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y", new String[0], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y", new String[]{"a", "b"}, 1, 1));
        LineChart chart = new LineChart("t", "x", "y", new String[]{"a", "b"}, 0, 1);
        assertThrows(IllegalStateException.class, () -> chart.addOnRightAxis("acc", new double[]{1, 2}, Color.RED),
                "a right-axis series needs the right axis");
        assertThrows(IllegalArgumentException.class, () -> chart.rightAxis("acc", 1, 1));
    }

    @Test
    void drawsARightAxisSeriesOnItsOwnRangeAndASingleEpoch(@TempDir Path tmp) throws Exception {
        // the loss on the left (0..4), the accuracy on the right (0.5..1): 0.75 sits mid-height only on the right axis
        Path png = tmp.resolve("curve.png");
        new LineChart("one epoch", "epoch", "loss", new String[]{"1"}, 0, 4)
                .add("train loss", new double[]{3.0}, Color.BLUE)
                .rightAxis("accuracy", 0.5, 1.0)
                .addOnRightAxis("val accuracy", new double[]{0.75}, Color.RED)
                .write(png);
        BufferedImage image = ImageIO.read(png.toFile());
        double redY = meanY(image, Color.RED);
        double blueY = meanY(image, Color.BLUE);
        assertTrue(redY > 0 && blueY > 0, "both series are drawn");
        assertTrue(redY > blueY + 40, "0.75 of 0.5..1 lies below 3 of 0..4: red at y " + redY + ", blue at " + blueY);
    }

    /** The mean row of the pixels of one colour in the plot (legend rows at the bottom excluded); 0 when none. */
    private static double meanY(BufferedImage image, Color color) {
        long sum = 0;
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight() - 60; y++) {
                if (image.getRGB(x, y) == color.getRGB()) {
                    sum += y;
                    n++;
                }
            }
        }
        return n == 0 ? 0 : (double) sum / n;
    }

    @Test
    void tickStepsGiveAtMostTenIntervals() {
        assertEquals(0.1, LineChart.tickUnit(1), 1e-12);
        assertEquals(0.05, LineChart.tickUnit(0.4), 1e-12);
        assertEquals(0.25, LineChart.tickUnit(2.25), 1e-12);
        assertEquals(0.02, LineChart.tickUnit(0.2), 1e-12);
        assertEquals(5, LineChart.tickUnit(37), 1e-12);
    }
}
