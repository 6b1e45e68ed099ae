package faceattr.stream;

import faceattr.avro.AvroSerdes;
import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.model.FaceTagger;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/** The one place tests get their serdes and tagger, so switching to the real ones is one edit. */
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

    public static FaceTagger tagger() {
        return new DeterministicTestTagger();
    }
}
