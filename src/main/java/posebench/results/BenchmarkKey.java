package posebench.results;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a baseline result and a current result must share to be compared: benchmark, mode and parameters. */
public record BenchmarkKey(String benchmark, String mode, SortedMap<String, String> params)
        implements Comparable<BenchmarkKey> {

    public BenchmarkKey {
        params = new TreeMap<>(params);
    }

    /** Parameters as JMH's {@code -p} would take them, {@code "-"} for none. */
    public String paramsText() {
        return params.isEmpty() ? "-" : params.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }

    @Override
    public int compareTo(BenchmarkKey other) {
        int byName = benchmark.compareTo(other.benchmark);
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
