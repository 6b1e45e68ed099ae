package faceattr.stream;

import faceattr.avro.generated.Attribute;
import faceattr.avro.generated.Face;
import faceattr.avro.generated.FaceAttributes;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;

/** One concise human-readable line per result or dead letter (the demo's and {@code consume}'s output). */
public final class ResultLines {
    private static final int MAX_ATTRIBUTES_SHOWN = 6;

    private ResultLines() {
    }

    public static String result(FaceAttributes r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "OK   %-22s %dx%d faces=%d latency=%dms", r.getImageId(),
                r.getImageWidth(), r.getImageHeight(), r.getFaces().size(), r.getLatencyMs()));
        if (!r.getFaces().isEmpty()) {
            Face f = r.getFaces().get(0);
            var b = f.getBox();
            sb.append(String.format(Locale.ROOT, " box=[%d,%d %dx%d] score=%.2f ", b.getX(), b.getY(), b.getWidth(),
                    b.getHeight(), f.getLocalizationScore()));
            sb.append(f.getAttributes().stream().filter(Attribute::getPresent)
                    .sorted((a, c) -> Float.compare(c.getProbability(), a.getProbability()))
                    .limit(MAX_ATTRIBUTES_SHOWN)
                    .map(a -> String.format(Locale.ROOT, "%s:%.2f", a.getName(), a.getProbability()))
                    .collect(Collectors.joining(" ", "{", "}")));
        }
        return sb.toString();
    }

    public static String deadLetter(byte[] key, byte[] value, Headers headers) {
        String message = DeadLetters.header(headers, DeadLetters.MESSAGE);
        return String.format(Locale.ROOT, "DLQ  %-22s %-18s %s-%s@%s %d bytes: %s", text(key),
                DeadLetters.header(headers, DeadLetters.REASON), DeadLetters.header(headers, DeadLetters.TOPIC),
                DeadLetters.header(headers, DeadLetters.PARTITION), DeadLetters.header(headers, DeadLetters.OFFSET),
                value == null ? 0 : value.length, message == null ? "" : firstLine(message));
    }

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
