package faceattr.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where the previous page ended: the last hit's score and image id (hits are ranked by score, highest first, then by
 * image id). Opaque to clients: URL-safe Base64 of {@code v1|score|imageId}.
 */
public record Cursor(double score, String imageId) {
    private static final String VERSION = "v1";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (VERSION + "|" + score + "|" + imageId).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String text) throws BadQueryException {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        String[] parts = plain.split("\\|", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
            throw malformed();
        }
        try {
            double score = Double.parseDouble(parts[1]);
            if (!Double.isFinite(score)) {
                throw malformed();
            }
            return new Cursor(score, parts[2]);
        } catch (NumberFormatException e) {
            throw malformed();
        }
    }

    private static BadQueryException malformed() {
        return new BadQueryException("BAD_CURSOR", "cursor",
                "cursor is malformed; pass back the nextCursor of a previous answer unchanged");
    }

    /** Whether a hit ranks after this cursor (score descending, then image id ascending). */
    public boolean isBefore(double hitScore, String hitImageId) {
        int c = Double.compare(hitScore, score);
        return c < 0 || (c == 0 && hitImageId.compareTo(imageId) > 0);
    }
}
