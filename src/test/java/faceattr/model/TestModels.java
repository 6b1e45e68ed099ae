package faceattr.model;

import faceattr.data.Attributes;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Untrained but complete model bundles and simple test images, for tests of plumbing rather than accuracy. */
public final class TestModels {
    private TestModels() {
    }

    public static ModelBundle randomBundle(PatchLayout layout, long seed) {
        Profile p = Profile.COMPACT;
        ComputationGraph lnet = Networks.lnet(p, Attributes.COUNT, false, 1e-3, 1e-4, seed);
        ComputationGraph anet = Networks.anetForAttributes(Networks.anet(p, 7, 1e-3, 0, seed), Attributes.COUNT, 1e-3,
                seed);
        Random r = new Random(seed);
        float[][] x = new float[60][p.featureSize()];
        boolean[][] y = new boolean[60][Attributes.COUNT];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < x[i].length; d++) {
                x[i][d] = (float) Math.abs(r.nextGaussian());
            }
            for (int a = 0; a < Attributes.COUNT; a++) {
                y[i][a] = r.nextBoolean();
            }
        }
        AttributeClassifiers classifiers = AttributeClassifiers.train(Attributes.NAMES, java.util.Arrays.copyOf(x, 40),
                java.util.Arrays.copyOf(y, 40), java.util.Arrays.copyOfRange(x, 40, 60),
                java.util.Arrays.copyOfRange(y, 40, 60), 1.0, seed);
        BundleManifest m = new BundleManifest(ModelBundle.FORMAT_VERSION, "test-" + seed, p.name(), Attributes.NAMES,
                List.of(p.lnetInput()), p.anetInput(), p.featureSize(), Localizer.Settings.defaults(3),
                new ThresholdCalibration(-1e9, 1, 0), layout, Map.of(), Map.of("data", "none"), Map.of());
        return new ModelBundle(m, List.of(lnet), anet, classifiers);
    }

    /** A cluttered picture with one or two bright ellipses ("faces"). */
    public static BufferedImage picture(int w, int h, long seed, int faces) {
        Random r = new Random(seed);
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = im.createGraphics();
        for (int i = 0; i < 30; i++) {
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillRect(r.nextInt(w), r.nextInt(h), 5 + r.nextInt(w / 3), 5 + r.nextInt(h / 3));
        }
        for (int f = 0; f < faces; f++) {
            g.setColor(new Color(230, 190, 160));
            int s = Math.min(w, h) / 4;
            g.fillOval(f * w / 2 + w / 8, h / 3, s, (int) (s * 1.3));
            g.setColor(Color.BLACK);
            g.fillOval(f * w / 2 + w / 8 + s / 4, h / 3 + s / 3, s / 8, s / 8);
            g.fillOval(f * w / 2 + w / 8 + s * 5 / 8, h / 3 + s / 3, s / 8, s / 8);
        }
        g.dispose();
        return im;
    }
}
