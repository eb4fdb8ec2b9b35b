package posebench.gate;

import posebench.results.BenchmarkKey;
import posebench.results.JmhResultFile;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Everything one gate run decided, in benchmark order. */
public record GateReport(JmhResultFile baseline, JmhResultFile current, double thresholdPercent,
        RulerFactor ruler, List<Comparison> comparisons) {

    public GateReport {
        comparisons = List.copyOf(comparisons);
    }

    public boolean passed() {
        return comparisons.stream().noneMatch(comparison -> comparison.verdict().fails());
    }

    /** The benchmarks whose verdict fails the gate (regressed or missing), sorted; a fresh set. */
    public SortedSet<BenchmarkKey> failing() {
        SortedSet<BenchmarkKey> keys = new TreeSet<>();
        comparisons.stream().filter(comparison -> comparison.verdict().fails())
                .forEach(comparison -> keys.add(comparison.key()));
        return keys;
    }

    public List<Comparison> with(Verdict verdict) {
        return comparisons.stream().filter(comparison -> comparison.verdict() == verdict).toList();
    }
}
