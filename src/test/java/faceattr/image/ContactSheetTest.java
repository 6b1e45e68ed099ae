package faceattr.image;

import faceattr.geometry.Box;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContactSheetTest {
    @TempDir
    Path dir;

    @Test
    void gridSizeTilesAndBoxesAreDrawn() throws IOException {
        BufferedImage gray = new BufferedImage(100, 50, BufferedImage.TYPE_INT_RGB);
        var g = gray.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 100, 50);
        g.dispose();
        ContactSheet sheet = new ContactSheet(2, 104, 104)
                .add(gray, "a", List.of(new Box(10, 10, 40, 20)), new double[] {80, 25})
                .add(gray, "b").add(gray, "c");
        Path png = dir.resolve("sub/sheet.png");
        sheet.write(png);
        BufferedImage out = ImageIO.read(png.toFile());
        assertEquals(208, out.getWidth());
        assertEquals(2 * (104 + 14), out.getHeight());
        // tile a: image scaled x1 (100 fits 100), centred: offset (2, 27); the box's left edge at x = 12
        Color edge = new Color(out.getRGB(12, 27 + 20));
        assertEquals(true, edge.getGreen() > 200 && edge.getRed() < 120, "box edge drawn green: " + edge);
        Color inside = new Color(out.getRGB(30, 27 + 20));
        assertEquals(Color.GRAY.getRGB(), inside.getRGB());
        Color dot = new Color(out.getRGB(2 + 80, 27 + 25));
        assertEquals(true, dot.getRed() > 200 && dot.getGreen() < 120, "point drawn red: " + dot);
        assertThrows(IllegalArgumentException.class, () -> new ContactSheet(0, 10, 10));
    }
}
