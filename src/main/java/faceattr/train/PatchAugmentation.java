package faceattr.train;

import faceattr.image.ImageTensors;

/**
 * Cheap augmentation on cached uint8 patches: a shifted window, grey outside the patch (mirroring is
 * {@link ImageTensors#flipHorizontal}).
 */
final class PatchAugmentation {
    private PatchAugmentation() {
    }

    /** The {@code out}×{@code out} window of a square {@code size} patch whose upper-left corner is (x0, y0). */
    static byte[] window(byte[] src, int size, int x0, int y0, int out) {
        byte[] dst = new byte[out * out * 3];
        java.util.Arrays.fill(dst, (byte) ImageTensors.PAD_GREY);
        for (int y = 0; y < out; y++) {
            int sy = y + y0;
            if (sy < 0 || sy >= size) {
                continue;
            }
            int from = Math.max(0, -x0);
            int to = Math.min(out, size - x0);
            if (to > from) {
                System.arraycopy(src, 3 * (sy * size + x0 + from), dst, 3 * (y * out + from), 3 * (to - from));
            }
        }
        return dst;
    }
}
