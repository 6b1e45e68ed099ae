package faceattr.evaluate;

import java.util.List;
import java.util.Map;

/**
 * What {@code faceattr evaluate} measures; serialized as {@code evaluation.json}. Fractions are in 0..1.
 *
 * @param meanAccuracy           mean over the 40 attributes of per-attribute accuracy
 * @param meanAccuracyRendered   the same over the attributes the data actually shows (all 40 for real CelebA)
 * @param localizationRecall50   share of images whose best LNet window passes the face threshold and has IoU ≥ 0.5
 *                               with the annotated box
 * @param dominantBoxRecall50    share whose best window has IoU ≥ 0.5 whether or not it passed the threshold
 * @param centredBoxRecall50     the same for a centred box of the split's mean relative box size (baseline)
 */
public record Evaluation(String model, String data, String split, int images, double meanAccuracy,
                         double meanAccuracyRendered, double meanBalancedAccuracy, double meanMajorityBaseline,
                         int renderedAttributes, int renderedAboveBaseline, double localizationRecall50,
                         double dominantBoxRecall50, double centredBoxRecall50, double meanIoU,
                         double faceDetectionRate, Double backgroundFalsePositiveRate, int backgroundImages,
                         double imagesPerSecond, Map<String, AttributeResult> attributes, List<String> notRendered) {

    /** One attribute's row. {@code paperAccuracy}: LNets+ANet on the real CelebA test set (Table 1 of the paper). */
    public record AttributeResult(double accuracy, double balancedAccuracy, double majorityBaseline,
                                  double positiveRate, boolean rendered, int paperAccuracy) {
    }
}
