package faceattr.model;

import faceattr.data.CelebaDataset;
import faceattr.data.CelebaReader;
import faceattr.data.CelebaSample;
import faceattr.data.ImageVariant;
import faceattr.geometry.Box;
import faceattr.synth.SynthConfig;
import faceattr.synth.SynthGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The closer look ({@code refinePasses}) of the bundled LNet at its own boxes, on synthetic images it never saw, and the
 * average of the looks that makes the box.
 */
class LNetRefinementTest {

    @Test
    void aCloserLookKeepsTheScoreAndFitsTheFaceBetter(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("set");
        new SynthGenerator(SynthConfig.small(data, 120, 40, 41)).generate();
        CelebaDataset set = CelebaReader.read(data, ImageVariant.IN_THE_WILD);
        LNetPass shipped = ModelBundle.loadDefault().cascade().locator().passes().get(0);
        Localizer.Settings settings = shipped.localizer().settings();
        LNetPass once = new LNetPass(shipped.net(), shipped.input(), new Localizer(settings.withLooks(settings.looks().withRefinePasses(0))));
        LNetPass closer = new LNetPass(shipped.net(), shipped.input(),
                new Localizer(settings.withLooks(settings.looks().withRefinePasses(1).withAverage(true))));
        LNetPass lastLook = new LNetPass(shipped.net(), shipped.input(),
                new Localizer(settings.withLooks(settings.looks().withRefinePasses(1).withAverage(false))));

        List<BufferedImage> images = new ArrayList<>();
        List<SquareView> views = new ArrayList<>();
        List<Box> truth = new ArrayList<>();
        for (CelebaSample s : set.samples()) {
            BufferedImage im = ImageIO.read(s.imagePath().toFile());
            images.add(im);
            views.add(SquareView.whole(im.getWidth(), im.getHeight(), shipped.input()));
            truth.add(s.box());
        }
        List<List<LNetPass.Candidate>> first = once.localize(images, views, false);
        List<List<LNetPass.Candidate>> refined = closer.localize(images, views, false);
        List<List<LNetPass.Candidate>> last = lastLook.localize(images, views, false);
        double iouFirst = 0;
        double iouRefined = 0;
        int moved = 0;
        for (int i = 0; i < images.size(); i++) {
            LNetPass.Candidate a = first.get(i).get(0);
            LNetPass.Candidate b = refined.get(i).get(0);
            assertEquals(a.score(), b.score(), 0.0, "the face threshold still sees the whole-image window's score");
            moved += a.box().equals(b.box()) ? 0 : 1;
            Box both = Box.average(List.of(a.box(), last.get(i).get(0).box()));
            assertEquals(both.centerX(), b.box().centerX(), 1e-9, "the box averages the first and the closer look");
            assertEquals(both.centerY(), b.box().centerY(), 1e-9);
            assertEquals(both.width(), b.box().width(), 1e-9);
            assertEquals(both.height(), b.box().height(), 1e-9);
            iouFirst += a.box().iou(truth.get(i)) / images.size();
            iouRefined += b.box().iou(truth.get(i)) / images.size();
        }
        assertTrue(moved > images.size() / 2, "the closer look re-boxes the faces (" + moved + " moved)");
        assertTrue(iouRefined > iouFirst, "mean IoU with the annotated boxes: refined " + iouRefined + " vs first look "
                + iouFirst);
    }

    @Test
    void theShippedModelAveragesItsLooksAndRepeatsItsRegressor() throws Exception {
        LNetPass stage = ModelBundle.loadDefault().cascade().locator().passes().get(0);
        Localizer.Settings shipped = stage.localizer().settings();
        assertEquals(new Localizer.Looks(1, true, 1), shipped.looks());
        assertTrue(stage.regressor().isPresent());
    }

    @Test
    void refinePassesDefaultToNoneAndAreValidated() {
        assertEquals(0, Localizer.Settings.faceCam(3).looks().refinePasses());
        assertEquals(2, Localizer.Settings.faceCam(3).looks().withRefinePasses(2).refinePasses());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Localizer.Settings.faceCam(3).looks().withRefinePasses(-1));
    }
}
