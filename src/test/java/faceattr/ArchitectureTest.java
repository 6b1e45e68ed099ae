package faceattr;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of docs/architecture.md, checked on the compiled main classes: an arrow only goes down (or sideways
 * within a layer without cycles). Top to bottom:
 * <pre>
 * cli
 * demo, bench                                   (applications)
 * service                                       (composition root)
 * stream, search, rollout, http, result, train, evaluate, concepts, attributes   (capabilities)
 * model                 data, synth             (model and datasets: independent of each other)
 * image
 * geometry, report, config, avro, errors, backend, embedded   (foundation)
 * </pre>
 * A failure names the offending class and dependency; fix the arrow (move the class to where it belongs, pass a
 * value in, or invert the dependency with an interface owned by the lower layer), don't widen the rule.
 */
class ArchitectureTest {
    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("faceattr");
    }

    /** The layers, top to bottom, and the packages each holds. */
    private static final Map<String, List<String>> LAYERS = layers();

    private static Map<String, List<String>> layers() {
        Map<String, List<String>> l = new LinkedHashMap<>();
        l.put("cli", List.of("cli"));
        l.put("applications", List.of("demo", "bench"));
        l.put("service", List.of("service"));
        l.put("capabilities", List.of("stream", "search", "rollout", "http", "result", "train", "evaluate", "concepts",
                "attributes"));
        l.put("model", List.of("model"));
        l.put("datasets", List.of("data", "synth"));
        l.put("image", List.of("image"));
        l.put("foundation", List.of("geometry", "report", "config", "avro", "errors", "backend", "embedded"));
        return l;
    }

    private static String[] packagesOf(List<String> names) {
        return names.stream().map(n -> "faceattr." + n + "..").toArray(String[]::new);
    }

    @Test
    void layersOnlyDependDownwards() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers();
        LAYERS.forEach((layer, names) -> layers.layer(layer).definedBy(packagesOf(names)));
        layers.whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("applications").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("service").mayOnlyBeAccessedByLayers("cli", "applications")
                .whereLayer("capabilities").mayOnlyBeAccessedByLayers("cli", "applications", "service")
                .whereLayer("model").mayOnlyBeAccessedByLayers("cli", "applications", "service", "capabilities")
                .whereLayer("datasets").mayOnlyBeAccessedByLayers("cli", "applications", "service", "capabilities")
                .whereLayer("image").mayOnlyBeAccessedByLayers("cli", "applications", "service", "capabilities",
                        "model", "datasets")
                .check(mainClasses);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("faceattr.(*)..").should().beFreeOfCycles().check(mainClasses);
    }

    @Test
    void everyMainPackageBelongsToALayer() {
        classes().that().resideInAPackage("faceattr..")
                .should().resideInAnyPackage(packagesOf(LAYERS.values().stream().flatMap(List::stream).toList()))
                .because("a new package needs a place in the layers of docs/architecture.md and of this test")
                .check(mainClasses);
    }
}
