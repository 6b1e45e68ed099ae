package faceattr.model;

import faceattr.geometry.Box;
import faceattr.image.ImageTensors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalizationMathTest {

    @Test
    void iouOfKnownBoxes() {
        Box a = new Box(0, 0, 10, 10);
        assertEquals(1.0, a.iou(new Box(0, 0, 10, 10)), 1e-12);
        assertEquals(0.0, a.iou(new Box(10, 0, 10, 10)), 1e-12, "touching boxes do not overlap");
        assertEquals(50.0 / 150.0, a.iou(new Box(5, 0, 10, 10)), 1e-12);
        assertEquals(25.0 / 100.0, a.iou(new Box(0, 0, 5, 5)), 1e-12, "contained box: inner area over outer");
        assertEquals(0.0, a.iou(new Box(3, 3, 0, 0)), 1e-12);
        Box s = new Box(10, 20, 40, 60).scaled(1.5);
        assertEquals(new Box(0, 5, 60, 90), s);
        assertEquals(new Box(0, 5, 50, 85), new Box(-10, 5, 60, 90).clip(50, 90));
    }

    @Test
    void averageOfBoxesTakesMeanCentresAndGeometricMeanSides() {
        Box twiceTooLarge = new Box(0, 0, 40, 80);
        Box halfTooSmall = new Box(25, 10, 10, 20);
        Box mean = Box.average(List.of(twiceTooLarge, halfTooSmall));
        assertEquals(25, mean.centerX(), 1e-9);
        assertEquals(30, mean.centerY(), 1e-9);
        assertEquals(20, mean.width(), 1e-9);
        assertEquals(40, mean.height(), 1e-9);
        Box one = Box.average(List.of(new Box(3, 4, 5, 6)));
        assertEquals(3, one.x(), 1e-9);
        assertEquals(6, one.height(), 1e-9);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Box.average(List.of()));
    }

    @Test
    void squareViewsMapBackToImagePixels() {
        SquareView whole = SquareView.whole(200, 100, 64);
        // the 200x100 image is letterboxed into the middle of a 200x200 square
        assertEquals(new Box(0, -50, 200, 200), new Box(whole.x(), whole.y(), whole.side(), whole.side()));
        Box back = whole.toImage(new Box(16, 32, 32, 16));
        assertEquals(50, back.x(), 1e-9);
        assertEquals(50, back.y(), 1e-9);
        assertEquals(100, back.width(), 1e-9);
        assertEquals(50, back.height(), 1e-9);
        ImageTensors.Letterbox lb = ImageTensors.Letterbox.of(200, 100, 64);
        double[] p = lb.toImage(16, 32);
        assertEquals(50, p[0], 1e-9);
        assertEquals(50, p[1], 1e-9);
        SquareView around = SquareView.around(new Box(10, 10, 20, 40), 32);
        assertEquals(new Box(0, 10, 40, 40), new Box(around.x(), around.y(), around.side(), around.side()));
    }

    @Test
    void integralImageSumsRectangles() {
        float[] v = new float[6 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        ResponseMap m = new ResponseMap(6, 4, v);
        double expected = 0;
        for (int y = 1; y < 3; y++) {
            for (int x = 2; x < 5; x++) {
                expected += y * 6 + x;
            }
        }
        assertEquals(expected, m.sum(2, 1, 5, 3), 1e-9);
        assertEquals(276, m.sum(-3, -3, 99, 99), 1e-9, "clipped to the map: the sum of 0..23");
        ResponseMap up = m.upsampled(4);
        assertEquals(24, up.width());
        assertEquals(16, up.height());
        assertEquals(m.at(0, 0), up.at(0, 0), 1e-6);
        assertEquals(m.at(5, 3), up.at(23, 15), 1e-6);
    }

    @Test
    void contrastWindowFitsABlobInsteadOfShrinkingOntoItsPeak() {
        // a 6x8 plateau with a single brighter cell inside: mean-inside alone would pick a tiny window on that cell
        ResponseMap map = blobs(20, 20, new int[][]{{4, 6, 6, 8}});
        float[] v = new float[400];
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                v[y * 20 + x] = map.at(x, y);
            }
        }
        v[9 * 20 + 6] = 2f;
        map = new ResponseMap(20, 20, v);
        Localizer localizer = new Localizer(contrastWindows(1, List.of(0.75, 1.0, 1.33), 3));
        Localizer.Window w = localizer.best(map);
        Box found = new Box(w.x0(), w.y0(), w.x1() - w.x0(), w.y1() - w.y0());
        assertTrue(found.iou(new Box(4, 6, 6, 8)) > 0.7, "best window " + found + " should fit the blob");
    }

    @Test
    void densityPeaksFindTwoBlobs() {
        ResponseMap map = smoothBlobs(24, 24, new double[][]{{6, 6, 2.5, 1.0}, {17, 16, 2.5, 0.8}});
        List<DensityPeaks.Peak> peaks = DensityPeaks.find(map, 0.5, 0.2);
        assertEquals(2, peaks.size(), "one peak per blob: " + peaks);
        assertEquals(6, peaks.get(0).x());
        assertEquals(6, peaks.get(0).y());
        assertEquals(17, peaks.get(1).x());
        assertEquals(16, peaks.get(1).y());
        assertEquals(1.0, peaks.get(0).sigma(), 1e-12, "the global maximum has the largest separation");

        Localizer localizer = new Localizer(contrastWindows(2, List.of(1.0), 4));
        List<Localizer.Window> windows = localizer.windows(map);
        assertEquals(2, windows.size(), "one window per face");
        for (Localizer.Window w : windows) {
            double cx = (w.x0() + w.x1()) / 4; // upsample 2: back to map cells
            assertTrue(Math.abs(cx - 6.5) < 2 || Math.abs(cx - 17.5) < 2, "window centred on a blob: " + w);
        }
        assertEquals(1, DensityPeaks.find(smoothBlobs(24, 24, new double[][]{{12, 12, 3, 1}}), 0.5, 0.2).size());
    }

    @Test
    void momentSizingBoxesTheThresholdedRegionAroundThePeak() {
        // a uniform 8x8 region on a zero background (plus a brighter cell, so the peak is not at the region's centre):
        // a uniform density has sd = side / sqrt(12), so the moment box is the region itself, then made boxAspect high
        float[] v = new float[32 * 32];
        for (int y = 6; y < 14; y++) {
            for (int x = 10; x < 18; x++) {
                v[y * 32 + x] = 1f;
            }
        }
        v[7 * 32 + 11] = 1.05f;
        ResponseMap map = new ResponseMap(32, 32, v);
        Localizer moments = new Localizer(contrastWindows(1, List.of(1.0), 3)
                .withSizing(Localizer.BoxSizing.moments(0.2).withBoxAspect(1.25)));
        Localizer.Window w = moments.best(map);
        assertEquals(14, (w.x0() + w.x1()) / 2, 0.05, "centred on the region, not on its brightest cell");
        assertEquals(10, (w.y0() + w.y1()) / 2, 0.05);
        assertEquals(8, w.x1() - w.x0(), 0.1, "as wide as the region");
        assertEquals(10, w.y1() - w.y0(), 0.1, "1.25 times as high as wide");
        Localizer contrast = new Localizer(contrastWindows(1, List.of(1.0), 3));
        assertEquals(contrast.best(map).score(), w.score(), 1e-12, "the score (what the face threshold sees) is the "
                + "contrast window's either way");
    }

    @Test
    void momentSizingGivesEachOfTwoFacesItsOwnBox() {
        ResponseMap map = smoothBlobs(32, 32, new double[][]{{8, 8, 2.0, 1.0}, {23, 22, 3.0, 0.8}});
        Localizer localizer = new Localizer(contrastWindows(2, List.of(1.0), 4)
                .withSizing(Localizer.BoxSizing.moments(0.2).withBoxAspect(1.0)));
        List<Localizer.Window> windows = localizer.windows(map);
        assertEquals(2, windows.size(), "one box per face: " + windows);
        Localizer.Window small = windows.stream().filter(w -> w.x1() < 32).findFirst().orElseThrow();
        Localizer.Window large = windows.stream().filter(w -> w.x0() > 32).findFirst().orElseThrow();
        assertEquals(8.5, (small.x0() + small.x1()) / 4, 0.3, "upsample 2: back to map cells");
        assertEquals(23.5, (large.x0() + large.x1()) / 4, 0.3);
        assertEquals(22.5, (large.y0() + large.y1()) / 4, 0.3);
        assertTrue(large.x1() - large.x0() > 1.3 * (small.x1() - small.x0()),
                "the wider blob gets the wider box: " + small + " vs " + large);
    }

    @Test
    void faceActivationMapWeighsChannelsByTheFaceOutput() {
        // two channels on a 3x2 map: the first answers the face, the second answers clothes below it
        float[] a = {0, 5, 0, 0, 1, 0, /* channel 2: */ 0, 0, 0, 4, 4, 4};
        FeatureMaps c5 = FeatureMaps.of(org.nd4j.linalg.factory.Nd4j.create(a, new long[]{1, 2, 2, 3}));
        ResponseMap mean = ResponseMap.averaged(c5, 0);
        ResponseMap cam = ResponseMap.weighted(c5, 0, new float[]{1f, -0.5f});
        assertEquals(2.5, mean.at(1, 0), 1e-6);
        assertEquals(2.5, mean.at(1, 1), 1e-6, "the averaged map cannot tell the face from the clothes");
        // cam before the shift: 0 5 0 / -2 -1 -2; the minimum becomes 0
        assertEquals(7, cam.at(1, 0), 1e-6);
        assertEquals(1, cam.at(1, 1), 1e-6);
        assertEquals(0, cam.at(0, 1), 1e-6);
        assertEquals(2, cam.at(0, 0), 1e-6);
    }

    @Test
    void faceActivationMapNeedsAnLNetWithAFaceOutput() {
        var withoutFace = Networks.lnet(Profile.COMPACT, 40, false, 1e-3, 0, false, 1);
        var withFace = Networks.lnet(Profile.COMPACT, 40, false, 1e-3, 0, true, 1);
        Localizer cam = new Localizer(Localizer.Settings.faceCam(2));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new LNetPass(withoutFace, 64, cam));
        assertTrue(e.getMessage().contains("no 'face' output"), e.getMessage());
        LNetPass stage = new LNetPass(withFace, 64, cam);
        ResponseMap map = stage.responseMaps(List.of(new byte[64 * 64 * 3])).get(0);
        assertEquals(16, map.width());
        assertTrue(LNetPass.hasFaceOutput(withFace));
    }

    /** Contrast windows on the averaged map, without flip averaging: what these map-level tests exercise. */
    private static Localizer.Settings contrastWindows(int upsample, List<Double> aspects, int maxFaces) {
        return new Localizer.Settings(Localizer.ResponseSource.MEAN.withFlipAverage(false),
                Localizer.WindowSearch.DEFAULT.withUpsample(upsample).withMinSide(0.1).withAspects(aspects),
                Localizer.PeakSelection.upTo(maxFaces), Localizer.Scoring.WINDOW, Localizer.BoxSizing.CONTRAST,
                Localizer.Looks.FIRST_ONLY);
    }

    static ResponseMap blobs(int w, int h, int[][] rects) {
        float[] v = new float[w * h];
        for (int[] r : rects) {
            for (int y = r[1]; y < r[1] + r[3]; y++) {
                for (int x = r[0]; x < r[0] + r[2]; x++) {
                    v[y * w + x] = 1f;
                }
            }
        }
        return new ResponseMap(w, h, v);
    }

    static ResponseMap smoothBlobs(int w, int h, double[][] blobs) {
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (double[] b : blobs) {
                    s += b[3] * Math.exp(-((x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1])) / (2 * b[2] * b[2]));
                }
                v[y * w + x] = (float) s;
            }
        }
        return new ResponseMap(w, h, v);
    }
}
