package faceattr.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed annotation files fail with the file, the line and what is wrong. */
class CelebaReaderErrorsTest {
    @TempDir
    Path dir;

    private static final String ROW1 = "000001.jpg -1  1  1 -1 -1 -1 -1 -1 -1 -1 -1  1 -1 -1 -1 -1 -1 -1  1  1 -1  1 -1"
            + " -1  1 -1 -1  1 -1 -1 -1  1  1 -1  1 -1  1 -1 -1  1";
    private static final String ROW2 = "000002.jpg 1 -1 -1  1 -1 -1 -1  1 -1 -1 -1  1 -1 -1 -1 -1 -1 -1 -1  1 -1  1 -1"
            + " -1  1 -1 -1 -1 -1 -1 -1  1 -1 -1 -1 -1 -1 -1 -1  1";

    private void write(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name), String.join("\r\n", lines) + "\r\n");
    }

    private void validFiles() throws IOException {
        write(CelebaFormat.ATTR_FILE, "2", CelebaFormat.ATTR_HEADER, ROW1, ROW2);
        write(CelebaFormat.PARTITION_FILE, "000001.jpg 0", "000002.jpg 2");
        write(CelebaFormat.BBOX_FILE, "2", CelebaFormat.BBOX_HEADER, "000001.jpg    95  71 226 313",
                "000002.jpg    72  94 221 306");
    }

    private AnnotationFormatException fails() {
        return assertThrows(AnnotationFormatException.class, () -> CelebaReader.read(dir, ImageVariant.IN_THE_WILD));
    }

    @Test
    void officialRowsWithCrlfAndSpaceRunsParse() throws IOException {
        validFiles();
        CelebaDataset ds = CelebaReader.read(dir, ImageVariant.IN_THE_WILD);
        assertEquals(2, ds.samples().size());
        CelebaSample first = ds.samples().get(0);
        assertTrue(first.has("Arched_Eyebrows") && !first.has("5_o_Clock_Shadow") && first.has("Young"));
        assertEquals(95, first.box().x());
        assertEquals(313, first.box().height());
        assertEquals(Split.TEST, ds.samples().get(1).split());
        assertTrue(ds.samples().get(1).has("5_o_Clock_Shadow"));
        assertEquals(1, ds.train().size());
    }

    @Test
    void wrongCount() throws IOException {
        validFiles();
        write(CelebaFormat.ATTR_FILE, "3", CelebaFormat.ATTR_HEADER, ROW1, ROW2);
        AnnotationFormatException e = fails();
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains(CelebaFormat.ATTR_FILE + ":1:"), e.getMessage());
        assertTrue(e.getMessage().contains("says 3 images but the file has 2 rows"), e.getMessage());
    }

    @Test
    void wrongColumnCount() throws IOException {
        validFiles();
        write(CelebaFormat.ATTR_FILE, "2", CelebaFormat.ATTR_HEADER, ROW1, ROW2 + "  1");
        AnnotationFormatException e = fails();
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("expected 41 columns") && e.getMessage().contains("found 42"),
                e.getMessage());
    }

    @Test
    void nonIntegerValue() throws IOException {
        validFiles();
        write(CelebaFormat.BBOX_FILE, "2", CelebaFormat.BBOX_HEADER, "000001.jpg    95  7x 226 313",
                "000002.jpg    72  94 221 306");
        AnnotationFormatException e = fails();
        assertTrue(e.getMessage().contains(CelebaFormat.BBOX_FILE + ":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("y_1 '7x' is not an integer"), e.getMessage());
    }

    @Test
    void attributeValueOtherThanPlusMinusOne() throws IOException {
        validFiles();
        write(CelebaFormat.ATTR_FILE, "2", CelebaFormat.ATTR_HEADER, ROW1.replaceFirst(" -1", " 0"), ROW2);
        AnnotationFormatException e = fails();
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("5_o_Clock_Shadow value 0 is neither 1 nor -1"), e.getMessage());
    }

    @Test
    void unknownPartitionValue() throws IOException {
        validFiles();
        write(CelebaFormat.PARTITION_FILE, "000001.jpg 0", "000002.jpg 3");
        AnnotationFormatException e = fails();
        assertTrue(e.getMessage().contains(CelebaFormat.PARTITION_FILE + ":2:"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown partition value 3"), e.getMessage());
    }

    @Test
    void attributeHeaderNotTheOfficialNames() throws IOException {
        validFiles();
        List<String> names = new ArrayList<>(Attributes.NAMES);
        names.set(4, "Balding");
        write(CelebaFormat.ATTR_FILE, "2", String.join(" ", names), ROW1, ROW2);
        AnnotationFormatException e = fails();
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("column 5 should be 'Bald' but is 'Balding'"), e.getMessage());

        names = new ArrayList<>(Attributes.NAMES.subList(0, 39));
        write(CelebaFormat.ATTR_FILE, "2", String.join(" ", names), ROW1, ROW2);
        assertTrue(fails().getMessage().contains("column 40 should be 'Young' but is '(nothing)'"));
    }

    @Test
    void imageWithoutPartitionRowAndDuplicates() throws IOException {
        validFiles();
        write(CelebaFormat.PARTITION_FILE, "000001.jpg 0");
        AnnotationFormatException e = fails();
        assertTrue(e.getMessage().contains(CelebaFormat.PARTITION_FILE)
                && e.getMessage().contains("has no row for image 000002.jpg"), e.getMessage());

        write(CelebaFormat.PARTITION_FILE, "000001.jpg 0", "000001.jpg 1");
        assertTrue(fails().getMessage().contains(":2: image 000001.jpg is listed twice"));
    }

    @Test
    void missingRequiredFile() throws IOException {
        validFiles();
        Files.delete(dir.resolve(CelebaFormat.PARTITION_FILE));
        AnnotationFormatException e = fails();
        assertTrue(e.getMessage().contains(CelebaFormat.PARTITION_FILE) && e.getMessage().contains("not found"));
    }

    @Test
    void lfwaLayoutWithPersonNamesAndDerivedSplit() throws IOException {
        Path lfw = Files.createDirectories(dir.resolve("lfw"));
        Path anno = Files.createDirectories(dir.resolve("Anno"));
        String tags = ROW1.substring(ROW1.indexOf(' '));
        Files.writeString(anno.resolve("list_attr_lfw.txt"), String.join("\n", "4", CelebaFormat.ATTR_HEADER,
                "Aaron_Eckhart_0001.jpg" + tags, "Zach_Parise_0001.jpg" + tags, "Zach_Parise_0002.jpg" + tags,
                "Abel_Pacheco/Abel_Pacheco_0001.jpg" + tags) + "\n");
        Files.createFile(lfw.resolve("Aaron_Eckhart_0001.jpg"));
        CelebaDataset ds = CelebaReader.readLfwa(dir);
        assertEquals(4, ds.samples().size());
        assertEquals(ds.samples().get(1).identity(), ds.samples().get(2).identity());
        assertEquals(Split.TRAIN, ds.samples().get(0).split());
        assertEquals(Split.TEST, ds.samples().get(1).split());
        assertEquals(3, ds.missingImages().size());
        assertEquals("Abel_Pacheco", CelebaReader.lfwPerson("Abel_Pacheco/Abel_Pacheco_0001.jpg"));
    }
}
