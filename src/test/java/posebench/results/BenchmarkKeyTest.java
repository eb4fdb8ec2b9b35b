package posebench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/** A benchmark's identity: its class and method, whatever package a build put the class in. */
class BenchmarkKeyTest {

    private static final String OLD = "posebench.paf.PafBenchmark.assemble";
    private static final String MOVED = "posebench.bench.paf.PafBenchmark.assemble";

    private static BenchmarkKey key(String benchmark, String mode, Map<String, String> params) {
        return new BenchmarkKey(benchmark, mode, new TreeMap<>(params));
    }

    @Test
    void aBenchmarkThatMovedPackageIsTheSameBenchmark() {
        BenchmarkKey old = key(OLD, "avgt", Map.of("people", "4"));
        BenchmarkKey moved = key(MOVED, "avgt", Map.of("people", "4"));
        assertEquals(old, moved);
        assertEquals(old.hashCode(), moved.hashCode());
        assertEquals(0, old.compareTo(moved));
        assertEquals("PafBenchmark.assemble", moved.shortName());
        assertEquals(MOVED, moved.benchmark(), "the name as found stays, for tables");
        SortedMap<BenchmarkKey, String> byKey = new TreeMap<>(Map.of(old, "baseline"));
        assertEquals("baseline", byKey.get(moved));
    }

    @Test
    void classMethodModeAndParamsTellBenchmarksApart() {
        BenchmarkKey paf = key(MOVED, "avgt", Map.of("people", "4"));
        assertNotEquals(paf, key("posebench.bench.paf.PafBenchmark.other", "avgt", Map.of("people", "4")));
        assertNotEquals(paf, key("posebench.bench.peaks.PeakBenchmark.assemble", "avgt", Map.of("people", "4")));
        assertNotEquals(paf, key(MOVED, "sample", Map.of("people", "4")));
        assertNotEquals(paf, key(MOVED, "avgt", Map.of("people", "16")));
        assertNotEquals(0, paf.compareTo(key(MOVED, "avgt", Map.of("people", "16"))));
    }

    @Test
    void aNameWithoutPackageIsItsOwnShortName() {
        assertEquals("PafBenchmark.assemble", BenchmarkKey.shortName("PafBenchmark.assemble"));
        assertEquals("assemble", BenchmarkKey.shortName("assemble"));
    }

    /** The identity holds only while no two benchmarks share class and method: check every one in src/jmh. */
    @Test
    void noTwoBenchmarksShareAShortName() {
        List<String> names = new ClassFileImporter().importPackages("posebench.bench").stream()
                .flatMap(c -> c.getMethods().stream())
                .filter(m -> m.isAnnotatedWith(Benchmark.class))
                .map(JavaMethod::getFullName)
                .map(name -> name.replaceFirst("\\(.*", ""))
                .distinct()
                .toList();
        assertTrue(names.contains("posebench.bench.paf.PafBenchmark.assemble"), names::toString);
        Map<String, List<String>> byShortName = names.stream()
                .collect(Collectors.groupingBy(BenchmarkKey::shortName, TreeMap::new, Collectors.toList()));
        assertEquals(Map.of(), byShortName.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "benchmarks sharing a short name");
    }
}
