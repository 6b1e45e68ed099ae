package faceattr.rollout;

import faceattr.model.BundleManifest;
import faceattr.model.ModelBundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/** Candidate bundles for the swap tests, made from the bundled model by changing its manifest (cheap: no training). */
public final class TestBundles {
    private static ModelBundle bundled;

    private TestBundles() {
    }

    public static synchronized ModelBundle bundled() throws IOException {
        if (bundled == null) {
            bundled = ModelBundle.loadDefault();
        }
        return bundled;
    }

    /** The bundled model's networks under another manifest version. */
    public static Path withVersion(Path file, String version) throws IOException {
        BundleManifest m = bundled().manifest();
        return save(file, manifest(m, version, m.profile(), m.attributes()));
    }

    /** Claims the {@code paper} profile over the compact networks. */
    public static Path wrongProfile(Path file, String version) throws IOException {
        BundleManifest m = bundled().manifest();
        return save(file, manifest(m, version, "paper", m.attributes()));
    }

    /** Names one attribute fewer than the bundled model (the last one); its classifiers still answer for all. */
    public static Path withoutLastAttribute(Path file, String version) throws IOException {
        BundleManifest m = bundled().manifest();
        return save(file, manifest(m, version, m.profile(), m.attributes().subList(0, m.attributes().size() - 1)));
    }

    /** The first half of a real bundle's bytes: a zip cut short. */
    public static Path truncated(Path file, String version) throws IOException {
        Path whole = withVersion(file.resolveSibling(file.getFileName() + ".whole"), version);
        byte[] bytes = Files.readAllBytes(whole);
        Files.delete(whole);
        return Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    }

    /** Not a zip at all. */
    public static Path corrupt(Path file) throws IOException {
        return Files.writeString(file, "this is not a model bundle\n");
    }

    /** Puts {@code source} at {@code target} in one step, as a careful roll-out does (copy beside it, then rename). */
    public static void install(Path source, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".incoming");
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path save(Path file, BundleManifest m) throws IOException {
        bundled().withManifest(m).save(file);
        return file;
    }

    private static BundleManifest manifest(BundleManifest m, String version, String profile, List<String> attributes) {
        return new BundleManifest(m.formatVersion(), version, profile, attributes, m.lnetInputs(), m.anetInput(),
                m.featureSize(), m.localizer(), m.calibration(), m.patchLayout(), m.thresholds(), m.training(),
                m.metrics());
    }
}
