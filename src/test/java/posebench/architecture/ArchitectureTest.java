package posebench.architecture;

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

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.EvaluationResult;

/** Holds the layering of ARCHITECTURE.md on posebench's classes, and shows it catches arrows back up. */
class ArchitectureTest {

    private static final Set<String> BENCHMARK_SOURCES = benchmarkSources();

    /**
     * The product's classes. The JMH benchmarks (src/jmh) are left out: they sit in the package of
     * the stage they measure so that their names, which the gate and the history key on, stay put,
     * yet they use the estimator and the tools; a package build leaves them in target/classes.
     */
    private static final JavaClasses POSEBENCH = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ArchitectureTest::notABenchmark)
            .importPackages("posebench");
    private static final String FIXTURES = "posebench.architecture.fixture";

    /** Class files whose top-level class has its source under src/jmh/java, or JMH's generated ones. */
    private static boolean notABenchmark(Location location) {
        String path = location.asURI().toString();
        int root = path.indexOf("/posebench/");
        if (root < 0 || path.contains("/jmh_generated/")) {
            return root < 0;
        }
        String name = path.substring(root + 1).replaceAll("\\$.*", "").replaceAll("\\.class$", "");
        return !BENCHMARK_SOURCES.contains(name);
    }

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
    void theBenchmarkSourcesAreFound() {
        assertTrue(BENCHMARK_SOURCES.contains("posebench/paf/PafBenchmark"), BENCHMARK_SOURCES::toString);
        assertTrue(POSEBENCH.contain("posebench.paf.PafAssembler"), "the product's classes are imported");
        assertFalse(POSEBENCH.contain("posebench.paf.PafBenchmark"), "the benchmarks are left out");
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
            if (!pkg.equals("posebench") && !pkg.contains("jmh_generated") && Layers.layerOf(pkg, "posebench") == null) {
                unplaced.add(pkg);
            }
        }
        assertEquals(Set.of(), unplaced, "add each new package to a layer in Layers and ARCHITECTURE.md");
    }

    /** Each arrow that once ran back up, rebuilt in a fixture, fails the rules. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"model, zoo", "image, compile", "cost, gate", "peaks, scene", "estimator, profile"})
    void anArrowBackUpFails(String from, String to) {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURES + "." + from, FIXTURES + "." + to);
        EvaluationResult result = Layers.all(FIXTURES).evaluate(fixture);
        assertTrue(result.hasViolation(), () -> from + " -> " + to + " passed the rules");
    }

    @Test
    void aDownwardArrowPasses() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURES + ".zoo", FIXTURES + ".pose");
        assertFalse(Layers.all(FIXTURES).evaluate(fixture).hasViolation());
    }
}
