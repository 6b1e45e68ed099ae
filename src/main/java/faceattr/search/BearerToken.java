package faceattr.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The {@code search.token} check: {@code Authorization: Bearer TOKEN}, compared in constant time. */
final class BearerToken {
    private final byte[] expected;

    /** @param token empty: no token required */
    BearerToken(String token) {
        this.expected = token == null || token.isEmpty() ? null
                : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    boolean required() {
        return expected != null;
    }

    /** Whether the request's {@code Authorization} header carries the token (always true when none is required). */
    boolean accepts(String authorization) {
        if (expected == null) {
            return true;
        }
        byte[] given = (authorization == null ? "" : authorization.trim()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }
}
