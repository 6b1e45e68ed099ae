package faceattr.avro;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Confluent compatibility levels, checked with Avro's own {@link SchemaCompatibility}.
 * BACKWARD: the new schema reads data written with the old one (consumers upgrade first).
 * FORWARD: the old schema reads data written with the new one (producers upgrade first).
 * FULL: both. The plain levels compare with the latest version, the *_TRANSITIVE ones with every version.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    public boolean transitive() {
        return transitive;
    }

    /** Parses a level name as the REST API spells it (case-insensitive). */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // fall through to the registry's own error
            }
        }
        throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level " + name + "; valid levels are " + List.of(values()));
    }

    /**
     * Checks a candidate against existing versions, oldest first. Non-transitive levels look only at the last one.
     */
    public CompatibilityResult check(Schema candidate, List<Schema> existingOldestFirst) {
        if (this == NONE || existingOldestFirst.isEmpty()) {
            return CompatibilityResult.ok();
        }
        List<Schema> against = transitive
                ? existingOldestFirst
                : List.of(existingOldestFirst.get(existingOldestFirst.size() - 1));
        List<String> messages = new ArrayList<>();
        for (Schema existing : against) {
            if (backward) {
                describe(candidate, existing, "new schema cannot read data written with an existing one", messages);
            }
            if (forward) {
                describe(existing, candidate, "an existing schema cannot read data written with the new one", messages);
            }
        }
        return new CompatibilityResult(messages.isEmpty(), messages);
    }

    private void describe(Schema reader, Schema writer, String direction, List<String> messages) {
        SchemaCompatibility.SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            messages.add(String.format("%s (%s): %s at %s: %s", name(), direction, incompatibility.getType(),
                    incompatibility.getLocation(), incompatibility.getMessage()));
        }
    }
}
