package faceattr.model;

import faceattr.geometry.Box;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the LNet stage(s) over whole images. With two stages (the paper's coarse-to-fine pair), each LNet_o window
 * (head-shoulders) is cut out as a square, shown to LNet_s at its input size, and LNet_s's best window is the face.
 */
public final class FaceLocator {
    /** Context around an earlier stage's window when a later stage re-examines it. */
    public static final double CONTEXT = 1.8;
    private final List<LNetStage> stages;

    public FaceLocator(List<LNetStage> stages) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("at least one LNet stage is needed");
        }
        this.stages = List.copyOf(stages);
    }

    /**
     * What a later stage sees of an earlier stage's window: the square around it, enlarged by {@link #CONTEXT} so
     * that a window that came out too small still contains the whole face.
     */
    public static SquareView refineView(Box window, int input) {
        return SquareView.around(window.scaled(CONTEXT), input);
    }

    public List<LNetStage> stages() {
        return stages;
    }

    /** The same stages, the last one looking also with {@code regressor}. */
    public FaceLocator withRegressor(BoxRegressor regressor) {
        List<LNetStage> replaced = new ArrayList<>(stages);
        replaced.set(replaced.size() - 1, stages.get(stages.size() - 1).withRegressor(regressor));
        return new FaceLocator(replaced);
    }

    /** The same LNets (and regressor) with other localizer settings. */
    public FaceLocator withSettings(Localizer.Settings settings) {
        return new FaceLocator(stages.stream().map(s -> new LNetStage(s.net(), s.input(), new Localizer(settings),
                s.regressor().orElse(null))).toList());
    }

    /** Candidate windows per image (image pixels), strongest first; just the best one each unless {@code multi}. */
    public List<List<LNetStage.Candidate>> locate(List<BufferedImage> images, boolean multi) {
        return locate(images, multi, stages.size());
    }

    /** As {@link #locate(List, boolean)} using only the first {@code depth} stages (training of later stages). */
    public List<List<LNetStage.Candidate>> locate(List<BufferedImage> images, boolean multi, int depth) {
        LNetStage first = stages.get(0);
        List<SquareView> views = images.stream()
                .map(im -> SquareView.whole(im.getWidth(), im.getHeight(), first.input())).toList();
        List<List<LNetStage.Candidate>> current = first.localize(images, views, multi);
        for (int s = 1; s < depth; s++) {
            LNetStage stage = stages.get(s);
            List<BufferedImage> cropImages = new ArrayList<>();
            List<SquareView> cropViews = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                for (LNetStage.Candidate c : current.get(i)) {
                    cropImages.add(images.get(i));
                    cropViews.add(refineView(c.box(), stage.input()));
                }
            }
            List<List<LNetStage.Candidate>> refined = stage.localize(cropImages, cropViews, false);
            List<List<LNetStage.Candidate>> next = new ArrayList<>();
            int k = 0;
            for (int i = 0; i < images.size(); i++) {
                List<LNetStage.Candidate> faces = new ArrayList<>();
                for (int j = 0; j < current.get(i).size(); j++) {
                    faces.add(refined.get(k++).get(0));
                }
                faces.sort(Comparator.comparingDouble(LNetStage.Candidate::score).reversed());
                next.add(faces);
            }
            current = next;
        }
        return current;
    }
}
