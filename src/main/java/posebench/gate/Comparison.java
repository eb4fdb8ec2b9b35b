package posebench.gate;

/**
 * One row of the gate's table: a benchmark's baseline and current results (either null when
 * absent), its ruler-normalised current/baseline time-per-op ratio (NaN when absent) and verdict.
 */
public record Comparison(BenchmarkKey key, JmhResult baseline, JmhResult current, double ratio, Verdict verdict) {
}
