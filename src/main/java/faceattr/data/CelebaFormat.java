package faceattr.data;

import java.util.List;

/**
 * The byte-level format of CelebA's annotation files, shared by the reader and by the synthetic generator so both
 * agree with the official release: a count line and a header line (except the partition and identity files), then one
 * row per image, values separated by runs of spaces, {@code \n} line ends.
 */
public final class CelebaFormat {
    public static final String ATTR_FILE = "list_attr_celeba.txt";
    public static final String BBOX_FILE = "list_bbox_celeba.txt";
    public static final String LANDMARKS_FILE = "list_landmarks_celeba.txt";
    public static final String LANDMARKS_ALIGN_FILE = "list_landmarks_align_celeba.txt";
    public static final String PARTITION_FILE = "list_eval_partition.txt";
    public static final String IDENTITY_FILE = "identity_CelebA.txt";

    /** Line 2 of the attribute file: the 40 names, each followed by one space (the official file ends it so). */
    public static final String ATTR_HEADER = String.join(" ", Attributes.NAMES) + " ";
    public static final String BBOX_HEADER = "image_id x_1 y_1 width height";
    public static final List<String> LANDMARK_NAMES = List.of("lefteye_x", "lefteye_y", "righteye_x", "righteye_y",
            "nose_x", "nose_y", "leftmouth_x", "leftmouth_y", "rightmouth_x", "rightmouth_y");
    public static final String LANDMARKS_HEADER = String.join(" ", LANDMARK_NAMES);

    /** Aligned crop size of {@code img_align_celeba}: 178 wide, 218 tall. */
    public static final int ALIGNED_WIDTH = 178;
    public static final int ALIGNED_HEIGHT = 218;

    private CelebaFormat() {
    }

    /** The official file name of image number {@code oneBased}: {@code 000001.jpg}. */
    public static String imageName(int oneBased) {
        return String.format("%06d.jpg", oneBased);
    }

    /** {@code 000001.jpg -1  1  1 -1 ...}: first value after one space, the others right-aligned in 2 columns. */
    public static String attrRow(String imageId, boolean[] tags) {
        StringBuilder sb = new StringBuilder(imageId.length() + 3 * tags.length);
        sb.append(imageId).append(' ').append(tags[0] ? "1" : "-1");
        for (int i = 1; i < tags.length; i++) {
            sb.append(tags[i] ? "  1" : " -1");
        }
        return sb.toString();
    }

    /** {@code 000001.jpg    95  71 226 313}. */
    public static String bboxRow(String imageId, int x, int y, int width, int height) {
        return String.format("%s %5d %3d %3d %3d", imageId, x, y, width, height);
    }

    /** {@code 000001.jpg 165  184  244 ...}: first value after one space, the others right-aligned in 5 columns. */
    public static String landmarksRow(String imageId, int[] xy) {
        StringBuilder sb = new StringBuilder(imageId).append(' ').append(xy[0]);
        for (int i = 1; i < xy.length; i++) {
            sb.append(String.format(" %4d", xy[i]));
        }
        return sb.toString();
    }

    /** {@code 000001.jpg 0} (partition) or {@code 000001.jpg 2880} (identity). */
    public static String pairRow(String imageId, int value) {
        return imageId + " " + value;
    }
}
