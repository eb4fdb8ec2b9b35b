package posebench.gate;

import posebench.results.BenchmarkKey;
import posebench.results.JmhResult;

/**
 * One row of the gate's table: a benchmark's baseline and current results (either null when
 * absent), what normalised it ({@code javaKernel}, {@code tfOp}, {@code both}, {@code none} or
 * {@code -}), its normalised current/baseline time-per-op ratio (NaN when absent) and verdict.
 */
public record Comparison(BenchmarkKey key, JmhResult baseline, JmhResult current, String normalisedBy,
        double ratio, Verdict verdict) {
}
