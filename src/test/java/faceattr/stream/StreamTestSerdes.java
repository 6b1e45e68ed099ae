package faceattr.stream;

import faceattr.avro.generated.FaceAttributes;
import faceattr.avro.generated.ImageEvent;
import faceattr.model.FaceTagger;
import org.apache.kafka.common.serialization.Serde;

/** The one place tests get their serdes and tagger, so switching to the real ones is one edit. */
final class StreamTestSerdes {
    private StreamTestSerdes() {
    }

    static Serde<ImageEvent> imageEvents() {
        return new PlainAvroSerde<>(ImageEvent.class);
    }

    static Serde<FaceAttributes> faceAttributes() {
        return new PlainAvroSerde<>(FaceAttributes.class);
    }

    static FaceTagger tagger() {
        return new DeterministicTestTagger();
    }
}
