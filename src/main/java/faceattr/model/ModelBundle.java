package faceattr.model;

import faceattr.report.Json;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The one model file format: a zip with {@code manifest.json}, {@code lnet-1.zip} (and {@code lnet-2.zip} for the
 * two-pass profile), {@code anet.zip} (DL4J ModelSerializer, no updater state) and {@code classifiers.json}; optionally
 * {@code anet-pretrain.zip}, the identity-pre-trained ANet fine-tuning started from (only the concept analysis reads
 * it), {@code box-regressor.zip}, the {@link BoxRegressor} of the last LNet pass (without it, faces are boxed by LNet's
 * looks alone) and {@code face-verifier.json}, the {@link FaceVerifier} whose score the manifest's calibration
 * thresholds (without it, the calibration is on LNet's score). {@code manifest.json} is read through
 * {@link ManifestMigration}, which upgrades older manifest formats. The service and the CLI load only bundles.
 */
public final class ModelBundle {
    /** The manifest shape this build writes and reads; older ones are upgraded by {@link ManifestMigration}. */
    public static final int FORMAT_VERSION = 2;
    /** Classpath resource of the bundled default model. */
    public static final String DEFAULT_RESOURCE = "models/faceattr-compact.zip";
    /** Optional entry: the identity-pre-trained ANet. */
    public static final String PRETRAINED_ANET = "anet-pretrain.zip";
    /** Optional entry: the box regressor. */
    public static final String BOX_REGRESSOR = "box-regressor.zip";
    /** Optional entry: the face verifier. */
    public static final String FACE_VERIFIER = "face-verifier.json";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelBundle.class);

    private final BundleManifest manifest;
    private final List<ComputationGraph> lnets;
    private final ComputationGraph anet;
    private final AttributeClassifiers classifiers;
    private final ComputationGraph pretrainedAnet;
    private final ComputationGraph boxRegressor;
    private final FaceVerifier faceVerifier;

    public ModelBundle(BundleManifest manifest, List<ComputationGraph> lnets, ComputationGraph anet,
                       AttributeClassifiers classifiers) {
        this(manifest, lnets, anet, classifiers, null, null);
    }

    /** @param pretrainedAnet the identity-pre-trained ANet, or null when the bundle does not carry it */
    public ModelBundle(BundleManifest manifest, List<ComputationGraph> lnets, ComputationGraph anet,
                       AttributeClassifiers classifiers, ComputationGraph pretrainedAnet) {
        this(manifest, lnets, anet, classifiers, pretrainedAnet, null);
    }

    /**
     * @param pretrainedAnet the identity-pre-trained ANet, or null when the bundle does not carry it
     * @param boxRegressor   the last LNet pass's box regressor, or null
     */
    public ModelBundle(BundleManifest manifest, List<ComputationGraph> lnets, ComputationGraph anet,
                       AttributeClassifiers classifiers, ComputationGraph pretrainedAnet, ComputationGraph boxRegressor) {
        this(manifest, lnets, anet, classifiers, pretrainedAnet, boxRegressor, null);
    }

    /**
     * @param faceVerifier the face verifier the manifest's calibration was measured on, or null (the calibration is
     *                     then on LNet's score)
     */
    public ModelBundle(BundleManifest manifest, List<ComputationGraph> lnets, ComputationGraph anet,
                       AttributeClassifiers classifiers, ComputationGraph pretrainedAnet, ComputationGraph boxRegressor,
                       FaceVerifier faceVerifier) {
        if (lnets.size() != manifest.lnetInputs().size()) {
            throw new IllegalArgumentException("manifest names " + manifest.lnetInputs().size() + " LNet passes, got "
                    + lnets.size());
        }
        this.manifest = manifest;
        this.lnets = List.copyOf(lnets);
        this.anet = anet;
        this.classifiers = classifiers;
        this.pretrainedAnet = pretrainedAnet;
        this.boxRegressor = boxRegressor;
        this.faceVerifier = faceVerifier;
    }

    /** Data-classes for classifiers.json. */
    record ClassifiersFile(float[] mean, float[] std, List<AttributeClassifiers.Attribute> attributes) {
    }

    public BundleManifest manifest() {
        return manifest;
    }

    public List<ComputationGraph> lnets() {
        return lnets;
    }

    public ComputationGraph anet() {
        return anet;
    }

    public AttributeClassifiers classifiers() {
        return classifiers;
    }

    /** The identity-pre-trained ANet, when the bundle carries {@code anet-pretrain.zip}. */
    public java.util.Optional<ComputationGraph> pretrainedAnet() {
        return java.util.Optional.ofNullable(pretrainedAnet);
    }

    /** The box regressor, when the bundle carries {@code box-regressor.zip}. */
    public java.util.Optional<ComputationGraph> boxRegressor() {
        return java.util.Optional.ofNullable(boxRegressor);
    }

    /** The face verifier, when the bundle carries {@code face-verifier.json}. */
    public java.util.Optional<FaceVerifier> faceVerifier() {
        return java.util.Optional.ofNullable(faceVerifier);
    }

    public ModelBundle withManifest(BundleManifest m) {
        return new ModelBundle(m, lnets, anet, classifiers, pretrainedAnet, boxRegressor, faceVerifier);
    }

    /**
     * The same networks with other attribute classifiers under another manifest, whose attribute list and thresholds
     * are rewritten from the classifiers (they own the names; the manifest copies them for readers).
     */
    public ModelBundle withClassifiers(AttributeClassifiers newClassifiers, BundleManifest m) {
        BundleManifest rewritten = new BundleManifest(m.formatVersion(), m.version(), m.profile(), newClassifiers.names(),
                m.lnetInputs(), m.anetInput(), m.featureSize(), m.localizer(), m.calibration(), m.patchLayout(),
                newClassifiers.thresholds(), m.training(), m.metrics());
        return new ModelBundle(rewritten, lnets, anet, newClassifiers, pretrainedAnet, boxRegressor, faceVerifier);
    }

    /** The same bundle with another face verifier (null: none; the manifest's calibration must be on its score). */
    public ModelBundle withFaceVerifier(FaceVerifier verifier) {
        return new ModelBundle(manifest, lnets, anet, classifiers, pretrainedAnet, boxRegressor, verifier);
    }

    /** The same bundle with another box regressor (null: none). */
    public ModelBundle withBoxRegressor(ComputationGraph regressor) {
        return new ModelBundle(manifest, lnets, anet, classifiers, pretrainedAnet, regressor, faceVerifier);
    }

    /**
     * The same bundle prepared for tagging: batch norms folded into the layers before them ({@link InferenceGraphs}).
     * Its networks compute the same outputs faster but must not be trained or saved as a bundle; the identity
     * pre-trained ANet is left as it is.
     */
    public ModelBundle forInference() {
        return new ModelBundle(manifest, lnets.stream().map(InferenceGraphs::foldBatchNorm).toList(),
                InferenceGraphs.foldBatchNorm(anet), classifiers, pretrainedAnet,
                boxRegressor == null ? null : InferenceGraphs.foldBatchNorm(boxRegressor), faceVerifier);
    }

    /**
     * A cascade for tagging ({@link #forInference()}); when the bundle learned from synthetic faces only, the log says
     * so once per call (see {@link BundleManifest#syntheticDataNotice()}).
     */
    public Cascade taggingCascade() {
        manifest.syntheticDataNotice().ifPresent(notice -> LOG.warn("notice: {}", notice));
        return forInference().cascade();
    }

    /** A fresh cascade over this bundle's networks (the networks are shared: use one cascade per thread at a time). */
    public Cascade cascade() {
        Localizer localizer = new Localizer(manifest.localizer());
        List<LNetPass> passes = new ArrayList<>();
        for (int i = 0; i < lnets.size(); i++) {
            int input = manifest.lnetInputs().get(i);
            boolean last = i == lnets.size() - 1;
            passes.add(new LNetPass(lnets.get(i), input, localizer,
                    last && boxRegressor != null ? new BoxRegressor(boxRegressor, input) : null));
        }
        return new Cascade(passes, manifest.calibration(), faceVerifier, anet, manifest.anetInput(),
                manifest.patchLayout(), classifiers, manifest.version());
    }

    public void save(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "manifest.json", Json.PRETTY.writeValueAsBytes(manifest));
            for (int i = 0; i < lnets.size(); i++) {
                put(zip, "lnet-" + (i + 1) + ".zip", serialize(lnets.get(i)));
            }
            put(zip, "anet.zip", serialize(anet));
            if (pretrainedAnet != null) {
                put(zip, PRETRAINED_ANET, serialize(pretrainedAnet));
            }
            if (boxRegressor != null) {
                put(zip, BOX_REGRESSOR, serialize(boxRegressor));
            }
            put(zip, "classifiers.json", Json.PRETTY.writeValueAsBytes(
                    new ClassifiersFile(classifiers.mean(), classifiers.std(), classifiers.attributes())));
            if (faceVerifier != null) {
                put(zip, FACE_VERIFIER, Json.PRETTY.writeValueAsBytes(faceVerifier));
            }
        }
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static ModelBundle load(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return load(in, path.toString());
        }
    }

    /** The bundled default model from the classpath. */
    public static ModelBundle loadDefault() throws IOException {
        try (InputStream in = ModelBundle.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IOException("no bundled default model on the classpath (" + DEFAULT_RESOURCE + ")");
            }
            return load(in, "classpath:" + DEFAULT_RESOURCE);
        }
    }

    /** Loads {@code path}, or the bundled default when {@code path} is null. */
    public static ModelBundle loadOrDefault(Path path) throws IOException {
        return path == null ? loadDefault() : load(path);
    }

    public static ModelBundle load(InputStream in, String origin) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        byte[] manifestBytes = require(entries, "manifest.json", origin);
        BundleManifest manifest = Json.PRETTY.treeToValue(ManifestMigration.toCurrent(Json.PRETTY.readTree(manifestBytes), origin),
                BundleManifest.class);
        List<ComputationGraph> lnets = new ArrayList<>();
        for (int i = 1; i <= manifest.lnetInputs().size(); i++) {
            lnets.add(restore(require(entries, "lnet-" + i + ".zip", origin)));
        }
        ComputationGraph anet = restore(require(entries, "anet.zip", origin));
        ClassifiersFile cf = Json.PRETTY.readValue(require(entries, "classifiers.json", origin), ClassifiersFile.class);
        byte[] verifier = entries.get(FACE_VERIFIER);
        return new ModelBundle(manifest, lnets, anet, new AttributeClassifiers(cf.mean(), cf.std(), cf.attributes()),
                optional(entries, PRETRAINED_ANET), optional(entries, BOX_REGRESSOR),
                verifier == null ? null : Json.PRETTY.readValue(verifier, FaceVerifier.class));
    }

    /** The network in an optional entry, or null when the bundle does not carry it. */
    private static ComputationGraph optional(Map<String, byte[]> entries, String name) throws IOException {
        byte[] b = entries.get(name);
        return b == null ? null : restore(b);
    }

    private static ComputationGraph restore(byte[] serialized) throws IOException {
        return Networks.restore(new ByteArrayInputStream(serialized), false);
    }

    private static byte[] require(Map<String, byte[]> entries, String name, String origin) throws IOException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new IOException(origin + " is not a faceattr model bundle: no " + name);
        }
        return b;
    }

    private static byte[] serialize(ComputationGraph net) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }
}
