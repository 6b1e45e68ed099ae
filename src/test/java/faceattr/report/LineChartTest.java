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
    void refusesFewerThanTwoPositionsOrAnEmptyRange() {
        assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y", new String[]{"a"}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new LineChart("t", "x", "y", new String[]{"a", "b"}, 1, 1));
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
