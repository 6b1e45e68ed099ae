package faceattr.evaluate;

import faceattr.data.SampleBatches;
import faceattr.geometry.Box;

import java.util.List;

/**
 * Localization against annotated boxes, shared by {@code evaluate} (IoU 0.5) and {@code localize-report} (a range of
 * IoU thresholds): per image the IoU of LNet's best window and of a centred baseline box, and recall at each
 * threshold. SampleBatches without an annotated box are left out of every count.
 *
 * @param thresholds     IoU thresholds, ascending
 * @param passing        share of boxed images whose best window passes the face threshold and has IoU ≥ t
 * @param bestWindow     share whose best window has IoU ≥ t whether or not it passed the face threshold
 * @param centred        share whose centred baseline box has IoU ≥ t
 * @param boxedImages    images with an annotated box (the denominator)
 * @param meanIoU        mean IoU of the best window over those images
 * @param ious           per image (input order) the best window's IoU, NaN where there is no annotated box
 * @param centredIous    per image the centred box's IoU, NaN where there is no annotated box
 */
public record LocalizationRecall(double[] thresholds, double[] passing, double[] bestWindow, double[] centred,
                                 int boxedImages, double meanIoU, double[] ious, double[] centredIous) {

    /** The thresholds {@code localize-report} uses. */
    public static final double[] REPORT_THRESHOLDS = {0.3, 0.4, 0.5, 0.6, 0.7};

    /**
     * @param truth  annotated box per image, null where there is none
     * @param found  LNet's best window per image
     * @param isFace whether that window passed the face threshold
     * @param sizes  width and height of each image (the centred box has the split's mean relative box size)
     */
    public static LocalizationRecall measure(List<Box> truth, Box[] found, boolean[] isFace, int[][] sizes,
                                             double[] thresholds) {
        int n = truth.size();
        for (int t = 1; t < thresholds.length; t++) {
            if (thresholds[t] < thresholds[t - 1]) {
                throw new IllegalArgumentException("IoU thresholds must be ascending");
            }
        }
        Box[] centredBoxes = centredBoxes(truth, sizes);
        double[] ious = new double[n];
        double[] centredIous = new double[n];
        int boxed = 0;
        double iouSum = 0;
        int[] passing = new int[thresholds.length];
        int[] best = new int[thresholds.length];
        int[] centred = new int[thresholds.length];
        for (int i = 0; i < n; i++) {
            Box gt = truth.get(i);
            if (gt == null) {
                ious[i] = Double.NaN;
                centredIous[i] = Double.NaN;
                continue;
            }
            boxed++;
            ious[i] = found[i].iou(gt);
            centredIous[i] = centredBoxes[i].iou(gt);
            iouSum += ious[i];
            for (int t = 0; t < thresholds.length; t++) {
                best[t] += ious[i] >= thresholds[t] ? 1 : 0;
                passing[t] += ious[i] >= thresholds[t] && isFace[i] ? 1 : 0;
                centred[t] += centredIous[i] >= thresholds[t] ? 1 : 0;
            }
        }
        double d = Math.max(1, boxed);
        return new LocalizationRecall(thresholds.clone(), share(passing, d), share(best, d), share(centred, d), boxed,
                iouSum / d, ious, centredIous);
    }

    /** Index of a threshold in {@link #thresholds()}, or -1. */
    public int indexOf(double threshold) {
        for (int t = 0; t < thresholds.length; t++) {
            if (Math.abs(thresholds[t] - threshold) < 1e-9) {
                return t;
            }
        }
        return -1;
    }

    /**
     * The baseline: per image a box of the split's mean relative width and height (over the annotated boxes),
     * centred on the image.
     */
    static Box[] centredBoxes(List<Box> truth, int[][] sizes) {
        double relW = 0, relH = 0;
        int boxed = 0;
        for (int i = 0; i < truth.size(); i++) {
            Box gt = truth.get(i);
            if (gt != null) {
                relW += gt.width() / sizes[i][0];
                relH += gt.height() / sizes[i][1];
                boxed++;
            }
        }
        relW /= Math.max(1, boxed);
        relH /= Math.max(1, boxed);
        Box[] out = new Box[truth.size()];
        for (int i = 0; i < out.length; i++) {
            double w = relW * sizes[i][0];
            double h = relH * sizes[i][1];
            out[i] = new Box((sizes[i][0] - w) / 2, (sizes[i][1] - h) / 2, w, h);
        }
        return out;
    }

    private static double[] share(int[] counts, double d) {
        double[] out = new double[counts.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts[i] / d;
        }
        return out;
    }
}
