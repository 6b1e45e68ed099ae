package faceattr.data;

import faceattr.image.ImageDecoder;
import faceattr.image.ImageLimits;
import faceattr.synth.SynthConfig;
import faceattr.synth.SynthGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator writes the official byte formats, and the reader parses them back to the same values. */
class CelebaLayoutRoundTripTest {
    private static final int COUNT = 48;
    /** The official header line of list_attr_celeba.txt, with its trailing space. */
    private static final String OFFICIAL_ATTR_HEADER = "5_o_Clock_Shadow Arched_Eyebrows Attractive Bags_Under_Eyes "
            + "Bald Bangs Big_Lips Big_Nose Black_Hair Blond_Hair Blurry Brown_Hair Bushy_Eyebrows Chubby Double_Chin "
            + "Eyeglasses Goatee Gray_Hair Heavy_Makeup High_Cheekbones Male Mouth_Slightly_Open Mustache Narrow_Eyes "
            + "No_Beard Oval_Face Pale_Skin Pointy_Nose Receding_Hairline Rosy_Cheeks Sideburns Smiling Straight_Hair "
            + "Wavy_Hair Wearing_Earrings Wearing_Hat Wearing_Lipstick Wearing_Necklace Wearing_Necktie Young ";
    private static final String OFFICIAL_LANDMARK_HEADER = "lefteye_x lefteye_y righteye_x righteye_y nose_x nose_y "
            + "leftmouth_x leftmouth_y rightmouth_x rightmouth_y";

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws IOException {
        new SynthGenerator(SynthConfig.small(dir, COUNT, 6, 7)).generate();
    }

    private static List<String> lines(String name) throws IOException {
        return Files.readAllLines(dir.resolve(name));
    }

    @Test
    void filesHaveOfficialCountHeaderAndRowLayout() throws IOException {
        List<String> attr = lines(CelebaFormat.ATTR_FILE);
        assertEquals(Integer.toString(COUNT), attr.get(0));
        assertEquals(OFFICIAL_ATTR_HEADER, attr.get(1));
        assertEquals(COUNT + 2, attr.size());
        Pattern attrRow = Pattern.compile("\\d{6}\\.jpg (1|-1)( ( 1|-1)){39}");
        attr.subList(2, attr.size()).forEach(l -> assertTrue(attrRow.matcher(l).matches(), l));
        assertTrue(attr.get(2).startsWith("000001.jpg "));

        List<String> bbox = lines(CelebaFormat.BBOX_FILE);
        assertEquals(Integer.toString(COUNT), bbox.get(0));
        assertEquals("image_id x_1 y_1 width height", bbox.get(1));
        Pattern bboxRow = Pattern.compile("\\d{6}\\.jpg [ \\d]{5} [ \\d]{3} [ \\d]{3} [ \\d]{3}");
        bbox.subList(2, bbox.size()).forEach(l -> assertTrue(bboxRow.matcher(l).matches(), l));

        for (String name : List.of(CelebaFormat.LANDMARKS_FILE, CelebaFormat.LANDMARKS_ALIGN_FILE)) {
            List<String> lm = lines(name);
            assertEquals(Integer.toString(COUNT), lm.get(0));
            assertEquals(OFFICIAL_LANDMARK_HEADER, lm.get(1));
            Pattern row = Pattern.compile("\\d{6}\\.jpg -?\\d+( [ \\-\\d]{4}){9}");
            lm.subList(2, lm.size()).forEach(l -> assertTrue(row.matcher(l).matches(), name + ": " + l));
        }
        Pattern pair = Pattern.compile("\\d{6}\\.jpg \\d+");
        List<String> partition = lines(CelebaFormat.PARTITION_FILE);
        assertEquals(COUNT, partition.size(), "partition file has no header");
        partition.forEach(l -> assertTrue(l.matches("\\d{6}\\.jpg [012]"), l));
        List<String> identity = lines(CelebaFormat.IDENTITY_FILE);
        assertEquals(COUNT, identity.size(), "identity file has no header");
        identity.forEach(l -> assertTrue(pair.matcher(l).matches(), l));
        assertTrue(Files.readString(dir.resolve(CelebaFormat.ATTR_FILE)).endsWith("\n"));
        assertTrue(!Files.readString(dir.resolve(CelebaFormat.ATTR_FILE)).contains("\r"));
    }

    @Test
    void readerParsesTheGeneratedSetBack() throws IOException {
        CelebaDataset wild = CelebaReader.read(dir, ImageVariant.IN_THE_WILD).requireImages();
        assertEquals(COUNT, wild.samples().size());
        assertTrue(wild.hasIdentities());
        assertEquals(COUNT, wild.train().size() + wild.validation().size() + wild.test().size());
        List<String> attr = lines(CelebaFormat.ATTR_FILE);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
        SampleLoader loader = new SampleLoader(decoder);
        for (int i = 0; i < COUNT; i++) {
            CelebaSample s = wild.samples().get(i);
            assertEquals(CelebaFormat.imageName(i + 1), s.imageId());
            assertEquals(attr.get(i + 2), CelebaFormat.attrRow(s.imageId(), s.attributes()));
            assertNotNull(s.box());
            assertTrue(s.box().width() / s.box().height() > 0.6 && s.box().width() / s.box().height() < 1.1,
                    "face box proportions " + s.box());
        }
        var batch = loader.batches(wild.samples().subList(0, 4), 4).next();
        for (SampleLoader.Loaded l : batch) {
            BufferedImage img = l.image();
            var b = l.sample().box();
            assertTrue(b.x() >= 0 && b.y() >= 0 && b.x() + b.width() <= img.getWidth()
                    && b.y() + b.height() <= img.getHeight(), "box inside image: " + b);
            int[] lm = l.sample().landmarks();
            for (int k = 0; k < 10; k += 2) {
                assertTrue(lm[k] >= b.x() && lm[k] <= b.x() + b.width() && lm[k + 1] >= b.y()
                        && lm[k + 1] <= b.y() + b.height(), "landmark inside the face box");
            }
        }
    }

    @Test
    void generatedTagsAreConsistentAndSplitsIdentityDisjoint() throws IOException {
        CelebaDataset ds = CelebaReader.read(dir, ImageVariant.IN_THE_WILD);
        java.util.Map<Integer, Split> splitOf = new java.util.HashMap<>();
        for (CelebaSample s : ds.samples()) {
            assertEquals(List.of(), faceattr.synth.AttributeRules.violations(s.attributes()), s.imageId());
            Split before = splitOf.putIfAbsent(s.identity(), s.split());
            assertTrue(before == null || before == s.split(), "identity " + s.identity() + " in two splits");
        }
        assertEquals(6, splitOf.size());
        for (Split split : Split.values()) {
            assertTrue(splitOf.containsValue(split), "some identity in " + split);
        }
    }

    @Test
    void manifestListsRenderedAndPriorOnlyAttributes() throws IOException {
        SynthManifest m = SynthManifest.read(dir).orElseThrow();
        assertEquals(7, m.seed());
        assertEquals(COUNT, m.count());
        assertEquals(39, m.renderedAttributes().size());
        assertTrue(m.isRendered("Eyeglasses") && !m.isRendered("Attractive"));
        assertTrue(m.nonRenderedPriors().get("Attractive") > 0.3);
        assertTrue(SynthManifest.read(dir.resolve("img_celeba")).isEmpty(), "no manifest, no synthetic set");
    }

    @Test
    void alignedCropsAre178x218WithEyesAtFixedPositions() throws IOException {
        CelebaDataset aligned = CelebaReader.read(dir, ImageVariant.ALIGNED).requireImages();
        SampleLoader loader = new SampleLoader(new ImageDecoder(ImageLimits.defaults()));
        for (CelebaSample s : aligned.samples().subList(0, 8)) {
            BufferedImage img = loader.load(s).image();
            assertEquals(178, img.getWidth());
            assertEquals(218, img.getHeight());
        }
        for (CelebaSample s : aligned.samples()) {
            int[] lm = s.landmarks();
            assertTrue(Math.abs(lm[0] - 70) <= 1 && Math.abs(lm[1] - 112) <= 1, "left eye " + lm[0] + "," + lm[1]);
            assertTrue(Math.abs(lm[2] - 108) <= 1 && Math.abs(lm[3] - 112) <= 1, "right eye " + lm[2] + "," + lm[3]);
            assertTrue(lm[5] > 118 && lm[5] < 160 && lm[7] > lm[5], "nose below the eyes, mouth below the nose");
        }
    }

    @Test
    void missingImagesAreReportedNotSkipped() throws IOException {
        Path copy = dir.resolveSibling(dir.getFileName() + "-missing");
        Files.createDirectories(copy.resolve("img_celeba"));
        for (String f : List.of(CelebaFormat.ATTR_FILE, CelebaFormat.PARTITION_FILE, CelebaFormat.BBOX_FILE)) {
            Files.copy(dir.resolve(f), copy.resolve(f));
        }
        for (int i = 1; i <= COUNT; i++) {
            if (i != 5 && i != 9) {
                Files.copy(dir.resolve("img_celeba").resolve(CelebaFormat.imageName(i)),
                        copy.resolve("img_celeba").resolve(CelebaFormat.imageName(i)));
            }
        }
        CelebaDataset ds = CelebaReader.read(copy, ImageVariant.IN_THE_WILD);
        assertEquals(List.of(copy.resolve("img_celeba/000005.jpg"), copy.resolve("img_celeba/000009.jpg")),
                ds.missingImages());
        MissingImagesException e = assertThrows(MissingImagesException.class, ds::requireImages);
        assertTrue(e.getMessage().contains("2 annotated image(s) missing") && e.getMessage().contains("000005.jpg"));
        SampleLoader loader = new SampleLoader(new ImageDecoder(ImageLimits.defaults()));
        assertThrows(MissingImagesException.class, () -> loader.load(ds.samples().get(4)));
        assertEquals(-1, ds.samples().get(0).identity(), "no identity file: identity -1");
    }

    @Test
    void readsTheReleaseFolderLayout() throws IOException {
        Path release = dir.resolveSibling(dir.getFileName() + "-release");
        Files.createDirectories(release.resolve("Anno"));
        Files.createDirectories(release.resolve("Eval"));
        Files.createDirectories(release.resolve("Img"));
        for (String f : List.of(CelebaFormat.ATTR_FILE, CelebaFormat.BBOX_FILE, CelebaFormat.LANDMARKS_FILE,
                CelebaFormat.IDENTITY_FILE)) {
            Files.copy(dir.resolve(f), release.resolve("Anno").resolve(f));
        }
        Files.copy(dir.resolve(CelebaFormat.PARTITION_FILE), release.resolve("Eval").resolve(CelebaFormat.PARTITION_FILE));
        Files.createSymbolicLink(release.resolve("Img/img_celeba"), dir.resolve("img_celeba"));
        CelebaDataset ds = CelebaReader.read(release, ImageVariant.IN_THE_WILD).requireImages();
        assertEquals(COUNT, ds.samples().size());
        assertEquals(release.resolve("Img/img_celeba/000001.jpg"), ds.samples().get(0).imagePath());
    }
}
