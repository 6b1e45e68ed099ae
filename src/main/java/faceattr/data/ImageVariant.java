package faceattr.data;

/** Which of CelebA's two image sets a sample's image path points into. */
public enum ImageVariant {
    /** {@code img_celeba/}: the original photos; boxes and {@code list_landmarks_celeba.txt} are in these coordinates. */
    IN_THE_WILD("img_celeba"),
    /** {@code img_align_celeba/}: 178×218 crops aligned on the eyes; {@code list_landmarks_align_celeba.txt} applies. */
    ALIGNED("img_align_celeba");

    private final String folder;

    ImageVariant(String folder) {
        this.folder = folder;
    }

    /** The folder name used by the official release. */
    public String folder() {
        return folder;
    }
}
