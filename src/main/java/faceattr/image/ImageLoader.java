package faceattr.image;

import faceattr.errors.ReasonCode;
import faceattr.errors.RejectedInputException;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/**
 * An image event's payload to pixels: exactly one of inline bytes or a URI, fetched under the {@link UriPolicy},
 * then decoded under the {@link ImageLimits}, checked against the event's declared content type.
 *
 * <p>A server's Content-Type is not checked against the bytes: servers mislabel images routinely
 * ({@code binary/octet-stream}, {@code text/plain}), and the sniffed format decides anyway. The event's own
 * declared type is the producer's claim and is checked.
 */
public final class ImageLoader {
    private final ImageDecoder decoder;
    private final ImageFetcher fetcher;

    public ImageLoader(ImageDecoder decoder, ImageFetcher fetcher) {
        this.decoder = decoder;
        this.fetcher = fetcher;
    }

    /**
     * From Kafka-style configuration ({@code image.*} and {@code uri.*} keys); {@code uri.max.bytes} defaults to
     * {@code image.max.bytes}.
     */
    public static ImageLoader fromConfig(Map<String, ?> config) {
        ImageLimits limits = ImageLimits.fromConfig(config);
        Map<String, Object> uriConfig = new HashMap<>(config);
        uriConfig.putIfAbsent(UriPolicy.MAX_BYTES_CONFIG, limits.maxBytes());
        return new ImageLoader(new ImageDecoder(limits), new ImageFetcher(UriPolicy.fromConfig(uriConfig)));
    }

    public ImageDecoder decoder() {
        return decoder;
    }

    public ImageFetcher fetcher() {
        return fetcher;
    }

    /**
     * @param data                inline bytes, or null
     * @param uri                 where to fetch the bytes, or null
     * @param declaredContentType the event's content type, or null
     * @throws RejectedInputException {@code INVALID_EVENT} unless exactly one of data and uri is given; otherwise
     *                                as {@link ImageFetcher#fetch} and {@link ImageDecoder#decode(byte[], String)}
     */
    public BufferedImage load(byte[] data, String uri, String declaredContentType) throws RejectedInputException {
        boolean hasUri = uri != null && !uri.isBlank();
        if ((data != null) == hasUri) {
            throw new RejectedInputException(ReasonCode.INVALID_EVENT, data == null
                    ? "event has neither data nor uri" : "event has both data and uri");
        }
        byte[] bytes = hasUri ? fetcher.fetch(uri).bytes() : data;
        return decoder.decode(bytes, declaredContentType);
    }
}
