package faceattr.model;

import java.util.Locale;

/**
 * Network sizes. {@code paper}: the paper's input sizes and depths (AlexNet-like LNets at 227×227, two-pass
 * coarse-to-fine localization; ANet with 4 conv layers, 3 poolings, locally shared C3/C4, one FC layer). {@code compact}:
 * the same shapes scaled down to train on two CPU cores; one LNet pass.
 *
 * @param lnetInput     side of the square LNet input (letterboxed whole image, or the head-shoulder crop for LNet_s)
 * @param lnetStages    number of {@link LNetPass LNet passes}: 1 = LNet on the whole image finds the face; 2 = LNet_o (head-shoulders) then LNet_s (face)
 * @param anetInput     side of the square ANet input patch
 * @param anetGrid      locally shared layers: the C2 map is split into anetGrid×anetGrid cells with their own filters
 * @param featureSize   width of ANet's FC feature layer
 */
public record Profile(String name, int lnetInput, int lnetStages, int anetInput, int anetGrid, int featureSize) {

    public static final Profile COMPACT = new Profile("compact", 64, 1, 48, 2, 256);
    public static final Profile PAPER = new Profile("paper", 227, 2, 128, 2, 512);

    public static Profile named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "compact" -> COMPACT;
            case "paper" -> PAPER;
            default -> throw new IllegalArgumentException("unknown profile '" + name + "' (known: compact, paper)");
        };
    }

    public boolean isPaper() {
        return name.equals(PAPER.name);
    }
}
