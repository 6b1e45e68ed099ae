package faceattr;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("faceattr");
    }

    @Test
    void layersOnlyDependDownwards() {
        Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("faceattr.cli..")
                .layer("applications").definedBy("faceattr.demo..", "faceattr.bench..")
                .layer("service").definedBy("faceattr.service..")
                .layer("capabilities").definedBy("faceattr.stream..", "faceattr.search..", "faceattr.rollout..",
                        "faceattr.http..", "faceattr.result..", "faceattr.train..", "faceattr.evaluate..",
                        "faceattr.concepts..", "faceattr.attributes..")
                .layer("model").definedBy("faceattr.model..")
                .layer("datasets").definedBy("faceattr.data..", "faceattr.synth..")
                .layer("image").definedBy("faceattr.image..")
                .layer("foundation").definedBy("faceattr.geometry..", "faceattr.report..", "faceattr.config..",
                        "faceattr.avro..", "faceattr.errors..", "faceattr.backend..", "faceattr.embedded..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("applications").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("service").mayOnlyBeAccessedByLayers("cli", "applications")
                .whereLayer("capabilities").mayOnlyBeAccessedByLayers("cli", "applications", "service")
                .whereLayer("model").mayOnlyBeAccessedByLayers("cli", "applications", "service", "capabilities")
                .whereLayer("datasets").mayOnlyBeAccessedByLayers("cli", "applications", "service", "capabilities")
                .whereLayer("image").mayOnlyBeAccessedByLayers("cli", "applications", "service", "capabilities",
                        "model", "datasets")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("faceattr.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyMainPackageBelongsToALayer() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().resideInAPackage("faceattr..")
                .should().resideInAnyPackage("faceattr.cli..", "faceattr.demo..", "faceattr.bench..",
                        "faceattr.service..", "faceattr.stream..", "faceattr.search..", "faceattr.rollout..",
                        "faceattr.http..", "faceattr.result..", "faceattr.train..", "faceattr.evaluate..",
                        "faceattr.concepts..", "faceattr.attributes..", "faceattr.model..", "faceattr.data..",
                        "faceattr.synth..", "faceattr.image..", "faceattr.geometry..", "faceattr.report..",
                        "faceattr.config..", "faceattr.avro..", "faceattr.errors..", "faceattr.backend..",
                        "faceattr.embedded..")
                .because("a new package needs a place in the layers of docs/architecture.md and of this test")
                .check(classes);
    }
}
