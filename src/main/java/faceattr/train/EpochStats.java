package faceattr.train;

/** One epoch of one stage; the metric is accuracy-like (higher is better), NaN when the stage has none. */
public record EpochStats(int epoch, double trainLoss, double validationLoss, double validationMetric, double seconds,
                         double imagesPerSecond) {
}
