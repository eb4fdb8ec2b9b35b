package posebench.gate;

import java.util.List;

/** Everything one gate run decided, in benchmark order. */
public record GateReport(JmhResultFile baseline, JmhResultFile current, double thresholdPercent,
        RulerFactor ruler, List<Comparison> comparisons) {

    public GateReport {
        comparisons = List.copyOf(comparisons);
    }

    public boolean passed() {
        return comparisons.stream().noneMatch(comparison -> comparison.verdict().fails());
    }

    public List<Comparison> with(Verdict verdict) {
        return comparisons.stream().filter(comparison -> comparison.verdict() == verdict).toList();
    }
}
