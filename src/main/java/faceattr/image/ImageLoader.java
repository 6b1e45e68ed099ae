package faceattr.image;

import faceattr.avro.generated.ImageEvent;
import faceattr.config.ServiceConfig;
import faceattr.errors.ReasonCode;
import faceattr.errors.RejectedInputException;
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

    /**
     * A valid event and the encoded image it carries or points to; {@code contentType} is the event's declared
     * type, else the one the HTTP server sent (null when neither says).
     */
    public record LoadedImage(ImageEvent event, byte[] bytes, String contentType) {
    }

    private final Deserializer<ImageEvent> deserializer;
    private final ImageFetcher fetcher;
    private final ImageDecoder decoder;

    public ImageLoader(Deserializer<ImageEvent> deserializer, ImageFetcher fetcher, ImageDecoder decoder) {
        this.deserializer = deserializer;
        this.fetcher = fetcher;
        this.decoder = decoder;
    }

    /** Limits and the URI allow-list from the service configuration ({@code image.*}, {@code uri.*} keys). */
    public static ImageLoader fromConfig(ServiceConfig config, Deserializer<ImageEvent> deserializer) {
        return new ImageLoader(deserializer, new ImageFetcher(UriPolicy.fromConfig(config.asMap())),
                new ImageDecoder(ImageLimits.fromConfig(config.asMap())));
    }

    /** Step 1a: the record's value bytes to an event (not yet checked). */
    public ImageEvent event(String topic, Headers headers, byte[] value) throws RejectedInputException {
        return deserialize(topic, headers, value);
    }

    /** Step 1b: checks a deserialized event, then gets its image bytes; does not decode pixels. */
    public LoadedImage load(ImageEvent event) throws RejectedInputException {
        validate(event);
        if (event.getData() != null) {
            return new LoadedImage(event, toArray(event.getData()), event.getContentType());
        }
        FetchedImage fetched;
        try {
            fetched = fetcher.fetch(event.getUri());
        } catch (RuntimeException e) {
            throw new RejectedInputException(ReasonCode.FETCH_FAILED,
                    "cannot read the uri of event " + event.getId() + ": " + e, e);
        }
        String declared = event.getContentType() != null ? event.getContentType() : fetched.contentType();
        return new LoadedImage(event, fetched.bytes(), declared);
    }

    /** Decodes the image to pixels with the configured limits, checking the declared content type. */
    public BufferedImage decode(LoadedImage image) throws RejectedInputException {
        return decoder.decode(image.bytes(), image.contentType());
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
