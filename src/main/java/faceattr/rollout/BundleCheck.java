package faceattr.rollout;

import faceattr.errors.RejectedInputException;
import faceattr.image.ImageDecoder;
import faceattr.image.ImageLimits;
import faceattr.model.BundleManifest;
import faceattr.model.Cascade;
import faceattr.model.DetectedFace;
import faceattr.model.ModelBundle;
import faceattr.model.Profile;
import faceattr.model.TaggedImage;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a candidate bundle may replace the running model: it must load (every network restores), carry a
 * new version, have the running model's profile (and input sizes that agree with that profile), publish every
 * attribute the running model publishes (unless removal is allowed), and tag the built-in image
 * ({@value #SMOKE_IMAGE}, a synthetic face) without throwing, with one answer, boxes inside the image and one
 * probability in [0, 1] per attribute of its manifest for each face. Runs on the caller's thread (the watcher's,
 * never a stream thread); CPU-heavy for a few seconds.
 */
public final class BundleCheck {
    /** Classpath resource of the smoke-pass image. */
    public static final String SMOKE_IMAGE = "rollout/smoke-face.jpg";

    private final boolean allowAttributeRemoval;

    public BundleCheck(boolean allowAttributeRemoval) {
        this.allowAttributeRemoval = allowAttributeRemoval;
    }

    /** The candidate at {@code path}, loaded and checked against {@code running}; a refusal says why not. */
    public LoadedModel check(Path path, LoadedModel running) throws BundleRefusedException {
        ModelBundle bundle;
        try {
            bundle = ModelBundle.load(path);
        } catch (IOException | RuntimeException e) {
            throw new BundleRefusedException(RefusalReason.UNREADABLE, path + " is not a readable model bundle: " + e,
                    e);
        }
        BundleManifest candidate = bundle.manifest();
        BundleManifest current = running.manifest();
        if (Objects.equals(candidate.version(), current.version())) {
            throw new BundleRefusedException(RefusalReason.SAME_VERSION, path + " has version " + candidate.version()
                    + ", the running model's; give a new bundle a new version");
        }
        checkProfile(path, candidate, current);
        List<String> missing = current.attributes().stream().filter(a -> !candidate.attributes().contains(a)).toList();
        if (!missing.isEmpty() && !allowAttributeRemoval) {
            throw new BundleRefusedException(RefusalReason.ATTRIBUTES_REMOVED, path + " (" + candidate.version()
                    + ") lacks attributes the running model publishes: " + missing
                    + " (set model.allow.attribute.removal=true to allow)");
        }
        Cascade cascade;
        try {
            cascade = bundle.taggingCascade();
            smokePass(cascade, candidate.attributes().size());
        } catch (RuntimeException e) {
            throw new BundleRefusedException(RefusalReason.SMOKE_PASS_FAILED, path + " (" + candidate.version()
                    + ") failed the smoke pass on " + SMOKE_IMAGE + ": " + e.getMessage(), e);
        }
        return new LoadedModel(cascade, candidate, path.toString());
    }

    private static void checkProfile(Path path, BundleManifest candidate, BundleManifest current)
            throws BundleRefusedException {
        if (!Objects.equals(candidate.profile(), current.profile())) {
            throw new BundleRefusedException(RefusalReason.WRONG_PROFILE, path + " (" + candidate.version()
                    + ") is a " + candidate.profile() + " bundle, the running model is " + current.profile()
                    + "; a profile change needs a restart with its own sizing");
        }
        Profile profile;
        try {
            profile = Profile.named(candidate.profile());
        } catch (IllegalArgumentException e) {
            throw new BundleRefusedException(RefusalReason.WRONG_PROFILE, path + ": " + e.getMessage(), e);
        }
        if (candidate.lnetInputs().size() != profile.lnetStages() || candidate.anetInput() != profile.anetInput()
                || candidate.featureSize() != profile.featureSize()) {
            throw new BundleRefusedException(RefusalReason.WRONG_PROFILE, path + " (" + candidate.version()
                    + ") says profile " + profile.name() + " but has " + candidate.lnetInputs().size()
                    + " LNet stage(s), ANet input " + candidate.anetInput() + " and " + candidate.featureSize()
                    + " features (the profile: " + profile.lnetStages() + ", " + profile.anetInput() + ", "
                    + profile.featureSize() + ")");
        }
    }

    /** Throws (IllegalStateException) unless the cascade gives a well-formed answer for the built-in image. */
    static void smokePass(Cascade cascade, int attributes) {
        BufferedImage image = smokeImage();
        List<TaggedImage> answer = cascade.tag(List.of(image));
        if (answer == null || answer.size() != 1 || answer.get(0) == null || answer.get(0).faces() == null) {
            throw new IllegalStateException("no answer for the one image");
        }
        for (DetectedFace face : answer.get(0).faces()) {
            if (face.probabilities() == null || face.probabilities().length != attributes
                    || face.present() == null || face.present().length != attributes) {
                throw new IllegalStateException("a face without one probability per attribute of the manifest ("
                        + attributes + ")");
            }
            for (float p : face.probabilities()) {
                if (!(p >= 0f && p <= 1f)) {
                    throw new IllegalStateException("probability " + p + " outside [0, 1]");
                }
            }
            var box = face.box();
            if (!(box.width() > 0 && box.height() > 0 && box.x() < image.getWidth() && box.y() < image.getHeight()
                    && box.x() + box.width() > 0 && box.y() + box.height() > 0)) {
                throw new IllegalStateException("a face box outside the image: " + box);
            }
        }
    }

    static BufferedImage smokeImage() {
        try (InputStream in = BundleCheck.class.getClassLoader().getResourceAsStream(SMOKE_IMAGE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in image " + SMOKE_IMAGE
                        + " is missing from the class path");
            }
            return new ImageDecoder(ImageLimits.defaults()).decode(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RejectedInputException e) {
            throw new IllegalStateException("the built-in image " + SMOKE_IMAGE + " does not decode: " + e.getMessage(),
                    e);
        }
    }
}
