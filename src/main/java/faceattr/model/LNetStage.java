package faceattr.model;

import faceattr.image.ImageTensors;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** One LNet (LNet_o or LNet_s, or the compact profile's single LNet) with its window search. */
public final class LNetStage {
    private final ComputationGraph net;
    private final int input;
    private final Localizer localizer;

    public LNetStage(ComputationGraph net, int input, Localizer localizer) {
        this.net = net;
        this.input = input;
        this.localizer = localizer;
    }

    public ComputationGraph net() {
        return net;
    }

    public int input() {
        return input;
    }

    public Localizer localizer() {
        return localizer;
    }

    /** A scored window in image pixels. */
    public record Candidate(Box box, double score) {
    }

    /** Averaged C5 response maps of a batch of views, one forward pass. */
    public List<ResponseMap> responseMaps(List<byte[]> viewPixels) {
        INDArray x = ImageTensors.toTensor(viewPixels, input);
        INDArray c5 = net.output(List.of(Networks.C5), false, new INDArray[]{x}, null)[0];
        List<ResponseMap> maps = new ArrayList<>(viewPixels.size());
        for (int i = 0; i < viewPixels.size(); i++) {
            maps.add(ResponseMap.averaged(c5, i));
        }
        return maps;
    }

    /**
     * Windows found in each view (image pixels): all density-peak windows when {@code multi}, else the single best.
     */
    public List<List<Candidate>> localize(List<BufferedImage> images, List<SquareView> views, boolean multi) {
        List<byte[]> pixels = new ArrayList<>(views.size());
        for (int i = 0; i < views.size(); i++) {
            pixels.add(views.get(i).pixels(images.get(i)));
        }
        List<ResponseMap> maps = responseMaps(pixels);
        List<List<Candidate>> out = new ArrayList<>(views.size());
        for (int i = 0; i < views.size(); i++) {
            ResponseMap map = maps.get(i);
            List<Localizer.Window> windows = multi ? localizer.windows(map) : List.of(localizer.best(map));
            double unit = (double) input / (map.width() * localizer.settings().upsample());
            List<Candidate> candidates = new ArrayList<>(windows.size());
            for (Localizer.Window w : windows) {
                Box inInput = new Box(w.x0() * unit, w.y0() * unit, (w.x1() - w.x0()) * unit, (w.y1() - w.y0()) * unit);
                candidates.add(new Candidate(views.get(i).toImage(inInput), w.score()));
            }
            out.add(candidates);
        }
        return out;
    }
}
