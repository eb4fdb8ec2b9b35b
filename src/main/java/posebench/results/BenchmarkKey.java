package posebench.results;

import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a baseline result and a current result must share to be compared: benchmark, mode and
 * parameters. A benchmark is identified by its {@link #shortName()}, class and method without the
 * package, so keys are equal, hash and sort alike whatever package the benchmark class sat in:
 * {@code posebench.paf.PafBenchmark.assemble} (before the benchmarks moved into
 * {@code posebench.bench}, as older builds, stored runs and the history name it) is the same
 * benchmark as {@code posebench.bench.paf.PafBenchmark.assemble}. {@link #benchmark()} keeps the
 * name as the file gave it, for tables to print.
 */
public record BenchmarkKey(String benchmark, String mode, SortedMap<String, String> params)
        implements Comparable<BenchmarkKey> {

    public BenchmarkKey {
        params = new TreeMap<>(params);
    }

    /** {@code Class.method} of a JMH benchmark name ({@code package.Class.method}): what identifies the benchmark. */
    public static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        return benchmark.substring(type + 1);
    }

    /** This key's {@link #shortName(String)}, e.g. {@code SmoothingBenchmark.detect}. */
    public String shortName() {
        return shortName(benchmark);
    }

    /** Parameters as JMH's {@code -p} would take them, {@code "-"} for none. */
    public String paramsText() {
        return params.isEmpty() ? "-" : params.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BenchmarkKey key && shortName().equals(key.shortName()) && mode.equals(key.mode)
                && params.equals(key.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shortName(), mode, params);
    }

    @Override
    public int compareTo(BenchmarkKey other) {
        int byName = shortName().compareTo(other.shortName());
        if (byName != 0) {
            return byName;
        }
        int byParams = paramsText().compareTo(other.paramsText());
        return byParams != 0 ? byParams : mode.compareTo(other.mode);
    }

    @Override
    public String toString() {
        return benchmark + " [" + mode + (params.isEmpty() ? "" : ", " + paramsText()) + "]";
    }
}
