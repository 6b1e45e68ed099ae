package faceattr.data;

import faceattr.geometry.Box;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One annotated image.
 *
 * @param imageId           file name as written in the annotation files, e.g. {@code 000001.jpg}
 * @param imagePath         where the image lives for the variant the dataset was opened with
 * @param attributes        40 tags in the official order of {@link Attributes#NAMES}, true = 1, false = -1
 * @param identity          person id from {@code identity_CelebA.txt}, or -1 when that file is absent
 * @param split             evaluation partition
 * @param box               face box in in-the-wild coordinates, or null when {@code list_bbox_celeba.txt} is absent
 * @param landmarks         10 values (x, y of left eye, right eye, nose, left and right mouth corner) in the
 *                          coordinates of the opened variant, or null when the landmark file is absent
 */
public record CelebaSample(String imageId, Path imagePath, boolean[] attributes, int identity, Split split,
                           Box box, int[] landmarks) {

    /** Whether the named attribute is tagged 1. */
    public boolean has(String attribute) {
        return attributes[Attributes.indexOf(attribute)];
    }

    /** Tags as +1 / -1, the file's own encoding. */
    public int[] signedTags() {
        int[] tags = new int[attributes.length];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = attributes[i] ? 1 : -1;
        }
        return tags;
    }

    /** The names of the attributes tagged 1. */
    public List<String> positiveAttributes() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < attributes.length; i++) {
            if (attributes[i]) {
                names.add(Attributes.NAMES.get(i));
            }
        }
        return names;
    }

    /** The attribute labels as 0/1 targets, in the dataset's attribute order. */
    public float[] tagVector() {
        float[] t = new float[attributes().length];
        for (int i = 0; i < t.length; i++) {
            t[i] = attributes()[i] ? 1 : 0;
        }
        return t;
    }
}
