package posebench.gate;

import posebench.results.BenchmarkKey;
import posebench.results.ScoreUnit;

import java.util.List;

/**
 * One row of the A/B gate: a benchmark's per-fork costs (seconds per operation at each fork's
 * median iteration) in the baseline and the current build, either key null when that build lacks
 * it, the current/baseline ratio of the medians of those fork costs, the one-sided rank-sum
 * p-value of "the current build is slower" (NaN without both sides) and the verdict.
 */
public record AbComparison(BenchmarkKey baselineKey, BenchmarkKey currentKey, ScoreUnit unit,
        List<Double> baselineForks, List<Double> currentForks, double ratio, double pSlower, Verdict verdict) {

    public AbComparison {
        baselineForks = List.copyOf(baselineForks);
        currentForks = List.copyOf(currentForks);
    }

    /** The current build's key, or the baseline's when the current build lacks the benchmark. */
    public BenchmarkKey key() {
        return currentKey != null ? currentKey : baselineKey;
    }
}
