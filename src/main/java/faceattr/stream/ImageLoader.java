package faceattr.stream;

import faceattr.avro.generated.ImageEvent;
import faceattr.errors.ReasonCode;
import faceattr.errors.RejectedInputException;
import faceattr.image.ImageDecoder;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

/**
 * Steps 1 and 2 of the service: the record's value bytes to a checked event and its encoded image (inline, or read
 * from an allowed URI), and those to pixels through the project's one {@link ImageDecoder}. Every failure is a
 * {@link RejectedInputException} with its reason code.
 */
public final class ImageLoader {

    /** Reads the bytes an event's {@code uri} points to, enforcing the allow-list and the size and time limits. */
    @FunctionalInterface
    public interface UriReader {
        byte[] read(String uri) throws RejectedInputException;
    }

    /** A valid event and the encoded image it carries or points to. */
    public record LoadedImage(ImageEvent event, byte[] bytes) {
    }

    private final Deserializer<ImageEvent> deserializer;
    private final UriReader uriReader;
    private final ImageDecoder decoder;

    public ImageLoader(Deserializer<ImageEvent> deserializer, UriReader uriReader, ImageDecoder decoder) {
        this.deserializer = deserializer;
        this.uriReader = uriReader;
        this.decoder = decoder;
    }

    /** Deserializes and checks the event, then gets its image bytes; does not decode pixels. */
    public LoadedImage load(String topic, Headers headers, byte[] value) throws RejectedInputException {
        ImageEvent event = deserialize(topic, headers, value);
        validate(event);
        if (event.getData() != null) {
            return new LoadedImage(event, toArray(event.getData()));
        }
        try {
            return new LoadedImage(event, uriReader.read(event.getUri()));
        } catch (RejectedInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RejectedInputException(ReasonCode.FETCH_FAILED,
                    "cannot read " + event.getUri() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes the image to pixels with the configured limits. */
    public BufferedImage decode(LoadedImage image) throws RejectedInputException {
        return decoder.decode(image.bytes());
    }

    private ImageEvent deserialize(String topic, Headers headers, byte[] value) throws RejectedInputException {
        if (value == null) {
            throw new RejectedInputException(ReasonCode.INVALID_EVENT, "record has no value (tombstone)");
        }
        try {
            ImageEvent event = deserializer.deserialize(topic, headers, value);
            if (event == null) {
                throw new RejectedInputException(ReasonCode.DESERIALIZATION, "value deserialized to null");
            }
            return event;
        } catch (RuntimeException e) {
            throw new RejectedInputException(ReasonCode.DESERIALIZATION,
                    "cannot deserialize ImageEvent (" + value.length + " bytes): " + e.getMessage(), e);
        }
    }

    static void validate(ImageEvent event) throws RejectedInputException {
        if (event.getId() == null || event.getId().isBlank()) {
            throw new RejectedInputException(ReasonCode.INVALID_EVENT, "event has an empty id");
        }
        boolean hasUri = event.getUri() != null;
        boolean hasData = event.getData() != null;
        if (hasUri == hasData) {
            throw new RejectedInputException(ReasonCode.INVALID_EVENT, "event " + event.getId()
                    + (hasUri ? " has both uri and data" : " has neither uri nor data") + "; exactly one is required");
        }
        if (hasUri && event.getUri().isBlank()) {
            throw new RejectedInputException(ReasonCode.INVALID_EVENT, "event " + event.getId() + " has an empty uri");
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }
}
