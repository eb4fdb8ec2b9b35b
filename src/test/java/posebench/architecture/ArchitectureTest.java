package posebench.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;

/** Holds the layering of ARCHITECTURE.md on posebench's classes, and shows it catches arrows back up. */
class ArchitectureTest {

    private static final JavaClasses POSEBENCH = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("posebench");
    private static final String FIXTURES = "posebench.architecture.fixture";

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
