package faceattr.avro;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry logic, in memory: global ids shared by identical schemas across subjects, per-subject versions,
 * compatibility levels (global and per subject, default BACKWARD). It is both the {@code mock://} registry
 * ({@link MockSchemaRegistry}) and the store behind the HTTP server in {@code faceattr.embedded}, so both front
 * doors behave the same. Thread-safe.
 *
 * <p>Schema identity is Avro's normalized JSON ({@link Schema#toString()}), as in Confluent's registry: schemas
 * that differ only in docs are different schemas with different ids.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {
    public static final CompatibilityLevel DEFAULT_COMPATIBILITY = CompatibilityLevel.BACKWARD;

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonicalForm = new HashMap<>();
    /** Per subject, the schema id of each version: version n is at index n - 1. */
    private final Map<String, List<Integer>> subjectVersions = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectCompatibility = new HashMap<>();
    private CompatibilityLevel globalCompatibility = DEFAULT_COMPATIBILITY;
    private int nextId = 1;

    /** Parses a schema as the REST API receives it; only Avro is served. */
    public static Schema parseSchema(String schemaType, String schemaJson) {
        if (schemaType != null && !schemaType.isBlank() && !"AVRO".equals(schemaType.toUpperCase(Locale.ROOT))) {
            throw new SchemaRegistryException.InvalidSchema(
                    "Unsupported schemaType " + schemaType + ": this registry serves AVRO schemas only");
        }
        if (schemaJson == null || schemaJson.isBlank()) {
            throw new SchemaRegistryException.InvalidSchema("Invalid schema: the request has no schema");
        }
        try {
            return new Schema.Parser().parse(schemaJson);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException.InvalidSchema("Invalid schema: " + e.getMessage());
        }
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        String canonical = schema.toString();
        List<Integer> versions = subjectVersions.getOrDefault(subject, List.of());
        for (int id : versions) {
            if (schemasById.get(id).toString().equals(canonical)) {
                return id;
            }
        }
        CompatibilityResult compatibility = effectiveCompatibility(subject).check(schema, schemasOf(versions));
        if (!compatibility.compatible()) {
            throw new SchemaRegistryException.Incompatible("Schema being registered is incompatible with an earlier"
                    + " schema for subject \"" + subject + "\", details: " + compatibility.messages());
        }
        int id = idsByCanonicalForm.computeIfAbsent(canonical, c -> {
            schemasById.put(nextId, schema);
            return nextId++;
        });
        subjectVersions.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException.SchemaNotFound("Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        List<Integer> versions = versionsOf(subject);
        String canonical = schema.toString();
        for (int i = 0; i < versions.size(); i++) {
            Schema registered = schemasById.get(versions.get(i));
            if (registered.toString().equals(canonical)) {
                return new RegisteredSchema(subject, i + 1, versions.get(i), registered);
            }
        }
        throw new SchemaRegistryException.SchemaNotFound("Schema not found under subject \"" + subject + "\"");
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        return version(subject, versionsOf(subject).size());
    }

    /** A version of the subject, numbered from 1. */
    public synchronized RegisteredSchema version(String subject, int version) {
        List<Integer> versions = versionsOf(subject);
        if (version < 1 || version > versions.size()) {
            throw new SchemaRegistryException.VersionNotFound(
                    "Version " + version + " not found for subject \"" + subject + "\"");
        }
        int id = versions.get(version - 1);
        return new RegisteredSchema(subject, version, id, schemasById.get(id));
    }

    /** The subject's version numbers, ascending. */
    public synchronized List<Integer> versions(String subject) {
        int count = versionsOf(subject).size();
        List<Integer> numbers = new ArrayList<>(count);
        for (int v = 1; v <= count; v++) {
            numbers.add(v);
        }
        return numbers;
    }

    /** All subjects, sorted. */
    public synchronized List<String> subjects() {
        return List.copyOf(subjectVersions.keySet());
    }

    /**
     * Checks against the latest version, or every version under a *_TRANSITIVE level. A subject with no versions
     * accepts any schema (there is nothing to break), as Confluent's registry answers for "latest".
     */
    @Override
    public synchronized CompatibilityResult testCompatibility(String subject, Schema schema) {
        List<Integer> versions = subjectVersions.getOrDefault(subject, List.of());
        return effectiveCompatibility(subject).check(schema, schemasOf(versions));
    }

    /** Checks against one given version, in the direction(s) of the subject's level. */
    public synchronized CompatibilityResult testCompatibility(String subject, int version, Schema schema) {
        Schema existing = version(subject, version).schema();
        return effectiveCompatibility(subject).check(schema, List.of(existing));
    }

    public synchronized CompatibilityLevel globalCompatibility() {
        return globalCompatibility;
    }

    public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
        globalCompatibility = level;
    }

    /** The subject's own level, if one was set. */
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectCompatibility.get(subject));
    }

    public synchronized void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        subjectCompatibility.put(subject, level);
    }

    /** Removes the subject's own level (the global one applies again) and returns it, if one was set. */
    public synchronized Optional<CompatibilityLevel> clearSubjectCompatibility(String subject) {
        return Optional.ofNullable(subjectCompatibility.remove(subject));
    }

    /** The level that applies to the subject: its own, else the global one. */
    public synchronized CompatibilityLevel effectiveCompatibility(String subject) {
        return subjectCompatibility.getOrDefault(subject, globalCompatibility);
    }

    /** Deletes every version of the subject and returns their numbers; the schema ids stay resolvable. */
    public synchronized List<Integer> deleteSubject(String subject) {
        List<Integer> deleted = versions(subject);
        subjectVersions.remove(subject);
        return deleted;
    }

    private List<Integer> versionsOf(String subject) {
        List<Integer> versions = subjectVersions.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException.SubjectNotFound("Subject \"" + subject + "\" not found");
        }
        return versions;
    }

    private List<Schema> schemasOf(List<Integer> ids) {
        List<Schema> schemas = new ArrayList<>(ids.size());
        for (int id : ids) {
            schemas.add(schemasById.get(id));
        }
        return schemas;
    }
}
