package faceattr.model;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the LNet passes over whole images. With two passes (the paper's coarse-to-fine pair), each LNet_o window
 * (head-shoulders) is cut out as a square ({@link SquareView#withContext}), shown to LNet_s at its input size, and
 * LNet_s's best window is the face.
 */
public final class FaceLocator {
    private final List<LNetPass> passes;

    public FaceLocator(List<LNetPass> passes) {
        if (passes.isEmpty()) {
            throw new IllegalArgumentException("at least one LNet pass is needed");
        }
        this.passes = List.copyOf(passes);
    }

    public List<LNetPass> passes() {
        return passes;
    }

    /** The same passes, the last one looking also with {@code regressor}. */
    public FaceLocator withRegressor(BoxRegressor regressor) {
        List<LNetPass> replaced = new ArrayList<>(passes);
        replaced.set(replaced.size() - 1, passes.get(passes.size() - 1).withRegressor(regressor));
        return new FaceLocator(replaced);
    }

    /** The same LNets (and regressor) with other localizer settings. */
    public FaceLocator withSettings(Localizer.Settings settings) {
        return new FaceLocator(passes.stream().map(p -> new LNetPass(p.net(), p.input(), new Localizer(settings),
                p.regressor().orElse(null))).toList());
    }

    /** Candidate windows per image (image pixels), strongest first; just the best one each unless {@code multi}. */
    public List<List<LNetPass.Candidate>> locate(List<BufferedImage> images, boolean multi) {
        return locate(images, multi, passes.size());
    }

    /** As {@link #locate(List, boolean)} using only the first {@code depth} passes (training of later passes). */
    public List<List<LNetPass.Candidate>> locate(List<BufferedImage> images, boolean multi, int depth) {
        LNetPass first = passes.get(0);
        List<SquareView> views = images.stream()
                .map(im -> SquareView.whole(im.getWidth(), im.getHeight(), first.input())).toList();
        List<List<LNetPass.Candidate>> current = first.localize(images, views, multi);
        for (int s = 1; s < depth; s++) {
            LNetPass pass = passes.get(s);
            List<BufferedImage> cropImages = new ArrayList<>();
            List<SquareView> cropViews = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                for (LNetPass.Candidate c : current.get(i)) {
                    cropImages.add(images.get(i));
                    cropViews.add(SquareView.withContext(c.box(), pass.input()));
                }
            }
            List<List<LNetPass.Candidate>> refined = pass.localize(cropImages, cropViews, false);
            List<List<LNetPass.Candidate>> next = new ArrayList<>();
            int k = 0;
            for (int i = 0; i < images.size(); i++) {
                List<LNetPass.Candidate> faces = new ArrayList<>();
                for (int j = 0; j < current.get(i).size(); j++) {
                    faces.add(refined.get(k++).get(0));
                }
                faces.sort(Comparator.comparingDouble(LNetPass.Candidate::score).reversed());
                next.add(faces);
            }
            current = next;
        }
        return current;
    }
}
