package posebench.gate;

import java.nio.file.Path;
import java.util.List;

/** Everything one A/B gate run decided, in benchmark order, with the rule's settings. */
public record AbReport(List<Path> baselineFiles, List<Path> currentFiles, double thresholdPercent, double alpha,
        List<AbComparison> comparisons) {

    public AbReport {
        baselineFiles = List.copyOf(baselineFiles);
        currentFiles = List.copyOf(currentFiles);
        comparisons = List.copyOf(comparisons);
    }

    public boolean passed() {
        return comparisons.stream().noneMatch(comparison -> comparison.verdict().fails());
    }

    public List<AbComparison> with(Verdict verdict) {
        return comparisons.stream().filter(comparison -> comparison.verdict() == verdict).toList();
    }
}
