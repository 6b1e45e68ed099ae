package faceattr.stream;

import faceattr.avro.AvroSerdes;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.model.FaceTagger;
import faceattr.model.ModelBundle;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/** The one place tests get their serdes (Confluent wire format) and their tagger (the bundled model). */
public final class StreamTestSerdes {
    private StreamTestSerdes() {
    }

    /** Confluent wire format against the in-process registry {@code mock://scope}. */
    static Serde<ImageEvent> imageEvents(String registryUrl) {
        return AvroSerdes.forValue(ImageEvent.class, Map.of("schema.registry.url", registryUrl));
    }

    static Serde<FaceAttributes> faceAttributes(String registryUrl) {
        return AvroSerdes.forValue(FaceAttributes.class, Map.of("schema.registry.url", registryUrl));
    }

    private static ModelBundle bundle;

    /** A cascade over the REAL bundled default model (loaded once per test JVM; networks shared, read-only). */
    public static synchronized FaceTagger tagger() {
        try {
            if (bundle == null) {
                bundle = ModelBundle.loadDefault();
            }
            return bundle.cascade();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the bundled default model cannot be loaded", e);
        }
    }
}
