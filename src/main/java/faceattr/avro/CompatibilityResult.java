package faceattr.avro;

import java.util.List;

/** The answer of a compatibility check: whether the candidate schema may be registered, and why not. */
public record CompatibilityResult(boolean compatible, List<String> messages) {
    public CompatibilityResult {
        messages = List.copyOf(messages);
    }

    public static CompatibilityResult ok() {
        return new CompatibilityResult(true, List.of());
    }
}
