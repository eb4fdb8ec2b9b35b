package posebench.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The layers of ARCHITECTURE.md as ArchUnit rules, for any root package: {@code posebench} for
 * the product, a fixture root for the test that shows each rule fails on an arrow back up.
 */
final class Layers {

    /** Each layer's packages, bottom up; a layer may use the ones below it, never one above. */
    static final Map<String, List<String>> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("Foundation", List.of("pose", "maps", "io", "options"));
        LAYERS.put("Stages", List.of("image", "model", "onnx", "upsample", "smoothing", "peaks", "paf", "postprocess"));
        LAYERS.put("Estimator", List.of("estimator"));
        LAYERS.put("Tools", List.of("zoo", "compile", "flops", "profile", "throughput", "compare", "output", "scene",
                "results", "cost", "report", "history", "machine", "gate"));
        LAYERS.put("Benchmarks", List.of("bench"));
        LAYERS.put("Cli", List.of("cli"));
    }

    private Layers() {
    }

    /** Every layer uses only the layers below it (and itself). */
    static ArchRule layered(String root) {
        List<String> names = List.copyOf(LAYERS.keySet());
        var rule = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
        for (String name : names) {
            rule = rule.layer(name).definedBy(packages(root, LAYERS.get(name)));
        }
        for (int i = 0; i < names.size() - 1; i++) {
            String[] above = names.subList(i + 1, names.size()).toArray(String[]::new);
            rule = rule.whereLayer(names.get(i)).mayOnlyBeAccessedByLayers(above);
        }
        return rule.whereLayer(names.get(names.size() - 1)).mayNotBeAccessedByAnyLayer();
    }

    /**
     * No two packages use each other, directly or through others, inside a layer too: one slice per
     * package, subpackages too ({@code bench.paf}, its {@code jmh_generated}), as jdeps sees them.
     */
    static ArchRule acyclic(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    /**
     * The gate is a verdict, not a library: only the command line and the report (which shows its
     * comparisons) use it. Tools that read JMH results files read them through {@code results}.
     */
    static ArchRule gateIsALeaf(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".gate..", root + ".cli..", root + ".report..")
                .should().dependOnClassesThat().resideInAPackage(root + ".gate..")
                .allowEmptyShould(true);
    }

    /** Peak detectors use the smoothing kernels; smoothing knows nothing of peaks. */
    static ArchRule smoothingKnowsNoPeaks(String root) {
        return noClasses().that().resideInAPackage(root + ".smoothing..")
                .should().dependOnClassesThat().resideInAPackage(root + ".peaks..")
                .allowEmptyShould(true);
    }

    /** All of the above. */
    static ArchRule all(String root) {
        return CompositeArchRule.of(layered(root)).and(acyclic(root)).and(gateIsALeaf(root))
                .and(smoothingKnowsNoPeaks(root));
    }

    private static String[] packages(String root, List<String> names) {
        return names.stream().map(n -> root + "." + n + "..").toArray(String[]::new);
    }

    /** The packages of every layer, as {@code root.name}. */
    static List<String> allPackages(String root) {
        return LAYERS.values().stream().flatMap(List::stream).map(n -> root + "." + n).toList();
    }

    static String layerOf(String packageName, String root) {
        String top = packageName.substring(root.length() + 1).split("\\.")[0];
        return LAYERS.entrySet().stream().filter(e -> e.getValue().contains(top)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }
}
