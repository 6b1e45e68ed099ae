package faceattr.train;

import faceattr.report.LineChart;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A stage's training curve as a PNG: train and validation loss per epoch on the left axis (from 0 to the highest
 * loss), the validation metric on the right axis (0 to 1).
 */
final class TrainingCurve {
    private TrainingCurve() {
    }

    static void write(String title, String metricName, List<EpochStats> history, Path png) throws IOException {
        int n = history.size();
        String[] epochs = new String[n];
        double[] trainLoss = new double[n];
        double[] validationLoss = new double[n];
        double[] metric = new double[n];
        double maxLoss = 1e-9;
        for (int e = 0; e < n; e++) {
            EpochStats s = history.get(e);
            epochs[e] = Integer.toString(s.epoch());
            trainLoss[e] = s.trainLoss();
            validationLoss[e] = s.validationLoss();
            metric[e] = s.validationMetric();
            for (double loss : new double[]{s.trainLoss(), s.validationLoss()}) {
                if (Double.isFinite(loss)) {
                    maxLoss = Math.max(maxLoss, loss);
                }
            }
        }
        new LineChart(title, "epoch", "loss", epochs, 0, maxLoss)
                .rightAxis(metricName, 0, 1)
                .add("train loss", trainLoss, new Color(31, 119, 180))
                .add("validation loss", validationLoss, new Color(214, 39, 40))
                .addOnRightAxis("validation " + metricName, metric, new Color(44, 160, 44))
                .write(png);
    }
}
