package posebench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jmh.annotations.Benchmark;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;

/** Holds the layering of ARCHITECTURE.md on posebench's classes, and shows it catches arrows back up. */
class ArchitectureTest {

    /**
     * The product's classes and the JMH benchmarks' (src/jmh, with JMH's generated classes), but no
     * tests: {@code mvn test} compiles the benchmarks with the tests, into test-classes, and
     * {@code mvn package} into target/classes as well.
     */
    private static final JavaClasses POSEBENCH = new ClassFileImporter()
            .withImportOption(location -> ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
                    || location.contains("/posebench/bench/"))
            .importPackages("posebench");
    private static final String FIXTURES = "posebench.architecture.fixture";

    /** The sources under src/jmh/java, as {@code posebench/bench/paf/PafBenchmark}. */
    private static Set<String> benchmarkSources() {
        Path jmh = Path.of("src/jmh/java");
        try (Stream<Path> files = Files.walk(jmh)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> jmh.relativize(f).toString().replace('\\', '/').replaceAll("\\.java$", ""))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + jmh.toAbsolutePath(), e);
        }
    }

    @Test
    void theBenchmarksAreImportedWithTheProduct() {
        assertTrue(POSEBENCH.contain("posebench.paf.PafAssembler"), "the product's classes are imported");
        assertTrue(POSEBENCH.contain("posebench.bench.paf.PafBenchmark"), "the benchmarks are imported");
        assertTrue(POSEBENCH.contain("posebench.bench.paf.jmh_generated.PafBenchmark_assemble_jmhTest"),
                "JMH's generated classes are imported");
        assertFalse(POSEBENCH.contain("posebench.architecture.ArchitectureTest"), "the tests are left out");
    }

    @Test
    void everyBenchmarkSourceIsInTheBenchmarkPackages() {
        Set<String> sources = benchmarkSources();
        assertTrue(sources.contains("posebench/bench/paf/PafBenchmark"), sources::toString);
        assertEquals(Set.of(), sources.stream().filter(s -> !s.startsWith("posebench/bench/"))
                .collect(Collectors.toCollection(TreeSet::new)), "src/jmh/java holds posebench.bench.* only");
    }

    @Test
    void everyBenchmarkMethodIsInTheBenchmarkPackages() {
        methods().that().areAnnotatedWith(Benchmark.class)
                .should().beDeclaredInClassesThat().resideInAPackage("posebench.bench..")
                .check(POSEBENCH);
    }

    @Test
    void layersRunOneWay() {
        Layers.layered("posebench").check(POSEBENCH);
    }

    @Test
    void noPackageCycles() {
        Layers.acyclic("posebench").check(POSEBENCH);
    }

    @Test
    void onlyTheCommandLineUsesTheGate() {
        Layers.gateIsALeaf("posebench").check(POSEBENCH);
    }

    @Test
    void smoothingKnowsNoPeaks() {
        Layers.smoothingKnowsNoPeaks("posebench").check(POSEBENCH);
    }

    /** Within the stages layer the rule above is what catches smoothing using peaks. */
    @Test
    void smoothingUsingPeaksFails() {
        JavaClasses fixture = new ClassFileImporter().importClasses(
                posebench.architecture.fixture.smoothing.Kernel.class, posebench.architecture.fixture.peaks.Peak.class);
        assertFalse(Layers.layered(FIXTURES).evaluate(fixture).hasViolation(), "both are stages");
        assertTrue(Layers.all(FIXTURES).evaluate(fixture).hasViolation(), "smoothing -> peaks passed the rules");
    }

    @Test
    void everyPackageBelongsToALayer() {
        Set<String> unplaced = new TreeSet<>();
        for (JavaClass c : POSEBENCH) {
            String pkg = c.getPackageName();
            if (!pkg.equals("posebench") && Layers.layerOf(pkg, "posebench") == null) {
                unplaced.add(pkg);
            }
        }
        assertEquals(Set.of(), unplaced, "add each new package to a layer in Layers and ARCHITECTURE.md");
    }

    /** Each arrow that once ran back up, rebuilt in a fixture, fails the rules. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"model, zoo", "image, compile", "cost, gate", "peaks, scene", "estimator, profile", "report, bench.paf"})
    void anArrowBackUpFails(String from, String to) {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURES + "." + from, FIXTURES + "." + to);
        EvaluationResult result = Layers.all(FIXTURES).evaluate(fixture);
        assertTrue(result.hasViolation(), () -> from + " -> " + to + " passed the rules");
    }

    /** A cycle between two benchmark packages fails, though both sit in posebench.bench. */
    @Test
    void aCycleInsideTheBenchmarksFails() {
        JavaClasses fixture = new ClassFileImporter()
                .importPackages(FIXTURES + ".bench.estimator", FIXTURES + ".bench.maps");
        assertTrue(Layers.acyclic(FIXTURES).evaluate(fixture).hasViolation());
    }

    @Test
    void aDownwardArrowPasses() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURES + ".zoo", FIXTURES + ".pose");
        assertFalse(Layers.all(FIXTURES).evaluate(fixture).hasViolation());
    }
}
