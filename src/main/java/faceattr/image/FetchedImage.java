package faceattr.image;

import java.net.URI;

/**
 * Bytes fetched from an allowed URI.
 *
 * @param uri         where they finally came from (after redirects), without user info
 * @param bytes       the payload, at most {@link UriPolicy#maxBytes()}
 * @param contentType the server's Content-Type, or null (files, or none sent); a claim to check, not a fact
 */
public record FetchedImage(URI uri, byte[] bytes, String contentType) {
}
