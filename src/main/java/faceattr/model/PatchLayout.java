package faceattr.model;

import faceattr.geometry.Box;

import java.util.List;

/**
 * Where ANet's patches come from: the localized face box enlarged by {@code enlargement} (context, as in the paper),
 * then one patch per entry, shifted by (dx, dy) times the enlarged size and scaled by {@code scale}.
 */
public record PatchLayout(double enlargement, List<Patch> patches) {

    public record Patch(double dx, double dy, double scale) {
    }

    /** Centre patch plus four shifted ones (left, right, up, down by 6% of the enlarged box). */
    public static PatchLayout fivePatches(double enlargement) {
        return new PatchLayout(enlargement, List.of(new Patch(0, 0, 1), new Patch(-0.06, 0, 1), new Patch(0.06, 0, 1),
                new Patch(0, -0.06, 1), new Patch(0, 0.06, 1)));
    }

    public static PatchLayout centreOnly(double enlargement) {
        return new PatchLayout(enlargement, List.of(new Patch(0, 0, 1)));
    }

    public int size() {
        return patches.size();
    }

    /** The regions (image pixels) of all patches of one face. */
    public List<Box> regions(Box face) {
        Box enlarged = face.scaled(enlargement);
        return patches.stream().map(p -> {
            double w = enlarged.width() * p.scale();
            double h = enlarged.height() * p.scale();
            double cx = enlarged.centerX() + p.dx() * enlarged.width();
            double cy = enlarged.centerY() + p.dy() * enlarged.height();
            return new Box(cx - w / 2, cy - h / 2, w, h);
        }).toList();
    }
}
