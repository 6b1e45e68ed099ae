package faceattr.stream;

import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One concise line per dead letter (the demo's and {@code consume}'s output), in the columns of
 * {@link faceattr.result.ResultFormat#line}, which renders the results beside them.
 */
public final class DeadLetterLines {
    private DeadLetterLines() {
    }

    public static String deadLetter(byte[] key, byte[] value, Headers headers) {
        String message = DeadLetters.header(headers, DeadLetters.MESSAGE);
        return String.format(Locale.ROOT, "DLQ  %-22s %-18s %s-%s@%s %d bytes: %s", text(key),
                DeadLetters.header(headers, DeadLetters.REASON), DeadLetters.header(headers, DeadLetters.TOPIC),
                DeadLetters.header(headers, DeadLetters.PARTITION), DeadLetters.header(headers, DeadLetters.OFFSET),
                value == null ? 0 : value.length, message == null ? "" : firstLine(message));
    }

    /** A record key as text: itself when it is printable ASCII, else its length. */
    public static String text(byte[] key) {
        if (key == null) {
            return "<null>";
        }
        String s = new String(key, StandardCharsets.UTF_8);
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? s : "<" + key.length + " bytes>";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
