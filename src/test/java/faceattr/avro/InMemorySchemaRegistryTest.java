package faceattr.avro;

import faceattr.avro.generated.ImageEvent;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static faceattr.avro.AvroFixtures.IMAGE_EVENT_NEXT;
import static faceattr.avro.AvroFixtures.IMAGE_EVENT_V1;
import static org.junit.jupiter.api.Assertions.*;

/** The registry logic shared by mock:// and the embedded HTTP registry. */
class InMemorySchemaRegistryTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[" + fields + "]}");
    }

    private static final Schema A_INT = record("{\"name\":\"a\",\"type\":\"int\"}");
    private static final Schema A_INT_B_DEFAULT = record("{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}");
    private static final Schema A_INT_B_REQUIRED = record("{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}");
    private static final Schema EMPTY = record("");
    private static final Schema A_STRING_DEFAULT = record("{\"name\":\"a\",\"type\":\"string\",\"default\":\"none\"}");

    @Test
    void theSameSchemaGetsTheSameIdUnderEverySubjectAndReRegisteringIsIdempotent() {
        int first = registry.register("images-value", ImageEvent.getClassSchema());
        int again = registry.register("images-value", new Schema.Parser().parse(ImageEvent.getClassSchema().toString()));
        int elsewhere = registry.register("archive-value", ImageEvent.getClassSchema());
        int other = registry.register("other-value", A_INT);

        assertEquals(first, again);
        assertEquals(first, elsewhere);
        assertNotEquals(first, other);
        assertEquals(List.of(1), registry.versions("images-value"));
        assertEquals(ImageEvent.getClassSchema(), registry.schemaById(first));
        assertEquals(new RegisteredSchema("archive-value", 1, first, ImageEvent.getClassSchema()),
                registry.lookup("archive-value", ImageEvent.getClassSchema()));
        assertEquals(List.of("archive-value", "images-value", "other-value"), registry.subjects());
    }

    @Test
    void versionsCountUpPerSubject() {
        int v1 = registry.register("images-value", IMAGE_EVENT_V1);
        int v2 = registry.register("images-value", ImageEvent.getClassSchema());
        int v3 = registry.register("images-value", IMAGE_EVENT_NEXT);

        assertEquals(List.of(1, 2, 3), registry.versions("images-value"));
        assertEquals(v2, registry.version("images-value", 2).id());
        assertEquals(new RegisteredSchema("images-value", 3, v3, IMAGE_EVENT_NEXT), registry.latest("images-value"));
        assertEquals(1, registry.lookup("images-value", IMAGE_EVENT_V1).version());
        assertEquals(v1, registry.lookup("images-value", IMAGE_EVENT_V1).id());
    }

    @Test
    void backwardIsTheDefaultAndRefusesAFieldWithoutDefault() {
        assertEquals(CompatibilityLevel.BACKWARD, registry.effectiveCompatibility("s"));
        registry.register("s", A_INT);

        assertFalse(registry.testCompatibility("s", A_INT_B_REQUIRED).compatible());
        SchemaRegistryException.Incompatible refused = assertThrows(SchemaRegistryException.Incompatible.class,
                () -> registry.register("s", A_INT_B_REQUIRED));
        assertEquals(409, refused.httpStatus());
        assertTrue(refused.getMessage().contains("READER_FIELD_MISSING_DEFAULT_VALUE"), refused.getMessage());
        assertTrue(registry.testCompatibility("s", A_INT_B_DEFAULT).compatible());
        registry.register("s", A_INT_B_DEFAULT);
        assertEquals(2, registry.latest("s").version());
    }

    @Test
    void forwardRequiresOldReadersToReadNewData() {
        registry.setSubjectCompatibility("s", CompatibilityLevel.FORWARD);
        registry.register("s", A_INT_B_REQUIRED);

        // Old readers need b, which the new schema no longer writes.
        assertThrows(SchemaRegistryException.Incompatible.class, () -> registry.register("s", A_INT));
        // A new required field is fine: old readers skip it.
        registry.setSubjectCompatibility("t", CompatibilityLevel.FORWARD);
        registry.register("t", A_INT);
        registry.register("t", A_INT_B_REQUIRED);
        assertEquals(2, registry.latest("t").version());
    }

    @Test
    void fullNeedsBothDirectionsAndNoneNeitherOne() {
        registry.setGlobalCompatibility(CompatibilityLevel.FULL);
        registry.register("s", A_INT);
        assertThrows(SchemaRegistryException.Incompatible.class, () -> registry.register("s", A_INT_B_REQUIRED));
        registry.register("s", A_INT_B_DEFAULT);

        registry.setSubjectCompatibility("n", CompatibilityLevel.NONE);
        registry.register("n", A_INT);
        registry.register("n", A_STRING_DEFAULT);
        assertEquals(2, registry.latest("n").version());
        assertEquals(CompatibilityLevel.FULL, registry.effectiveCompatibility("s"));
        assertEquals(CompatibilityLevel.NONE, registry.clearSubjectCompatibility("n").orElseThrow());
        assertEquals(CompatibilityLevel.FULL, registry.effectiveCompatibility("n"));
    }

    @Test
    void transitiveLevelsCheckEveryVersionNotJustTheLatest() {
        for (CompatibilityLevel level : List.of(CompatibilityLevel.BACKWARD, CompatibilityLevel.BACKWARD_TRANSITIVE)) {
            String subject = "s-" + level;
            registry.setSubjectCompatibility(subject, level);
            registry.register(subject, A_INT);
            registry.register(subject, EMPTY);
            // Reads v2 data (a takes its default) but not v1 data (int a cannot be read as a string).
            CompatibilityResult result = registry.testCompatibility(subject, A_STRING_DEFAULT);
            assertEquals(level == CompatibilityLevel.BACKWARD, result.compatible(), level + ": " + result.messages());
            assertFalse(registry.testCompatibility(subject, 1, A_STRING_DEFAULT).compatible());
            assertTrue(registry.testCompatibility(subject, 2, A_STRING_DEFAULT).compatible());
        }
        registry.setSubjectCompatibility("f", CompatibilityLevel.FORWARD_TRANSITIVE);
        registry.register("f", A_STRING_DEFAULT);
        registry.register("f", EMPTY);
        assertFalse(registry.testCompatibility("f", A_INT).compatible());
        registry.setSubjectCompatibility("f", CompatibilityLevel.FULL_TRANSITIVE);
        assertFalse(registry.testCompatibility("f", A_INT).compatible());
    }

    @Test
    void aSubjectWithoutVersionsAcceptsAnySchema() {
        assertTrue(registry.testCompatibility("new-subject", A_INT).compatible());
    }

    @Test
    void invalidAndNonAvroSchemasAreRejectedWith42201() {
        SchemaRegistryException.InvalidSchema bad = assertThrows(SchemaRegistryException.InvalidSchema.class,
                () -> InMemorySchemaRegistry.parseSchema(null, "{\"type\":\"record\",\"name\":\"R\"}"));
        assertEquals(42201, bad.errorCode());
        assertEquals(422, bad.httpStatus());
        SchemaRegistryException.InvalidSchema protobuf = assertThrows(SchemaRegistryException.InvalidSchema.class,
                () -> InMemorySchemaRegistry.parseSchema("PROTOBUF", "syntax = \"proto3\";"));
        assertTrue(protobuf.getMessage().contains("AVRO schemas only"), protobuf.getMessage());
        assertEquals(A_INT, InMemorySchemaRegistry.parseSchema("AVRO", A_INT.toString()));
    }

    @Test
    void missingThingsAreTypedNotFoundErrors() {
        assertEquals(40401, assertThrows(SchemaRegistryException.SubjectNotFound.class,
                () -> registry.latest("nope")).errorCode());
        registry.register("s", A_INT);
        assertEquals(40402, assertThrows(SchemaRegistryException.VersionNotFound.class,
                () -> registry.version("s", 2)).errorCode());
        assertEquals(40403, assertThrows(SchemaRegistryException.SchemaNotFound.class,
                () -> registry.schemaById(99)).errorCode());
        assertEquals(40403, assertThrows(SchemaRegistryException.SchemaNotFound.class,
                () -> registry.lookup("s", A_INT_B_DEFAULT)).errorCode());
    }

    @Test
    void deletingASubjectKeepsItsIdsResolvable() {
        int id = registry.register("s", A_INT);
        registry.register("s", A_INT_B_DEFAULT);

        assertEquals(List.of(1, 2), registry.deleteSubject("s"));
        assertThrows(SchemaRegistryException.SubjectNotFound.class, () -> registry.versions("s"));
        assertEquals(A_INT, registry.schemaById(id));
        assertEquals(id, registry.register("s", A_INT));
        assertEquals(1, registry.latest("s").version());
    }
}
