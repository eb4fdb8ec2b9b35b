package posebench.results;

import java.util.List;
import org.apache.commons.math3.stat.StatUtils;

/**
 * One benchmark's primary metric from a JMH {@code -rf json} file, kept whole: score, error,
 * JMH's 99.9 % confidence interval and the per-fork iteration scores ({@code rawData}, empty in
 * sample mode, whose histogram is not kept).
 */
public record JmhResult(BenchmarkKey key, double score, double scoreError, double confidenceLow,
        double confidenceHigh, ScoreUnit unit, List<List<Double>> rawData) {

    public JmhResult {
        rawData = rawData.stream().map(List::copyOf).toList();
    }

    /** Seconds per operation with its interval, whatever the mode and unit. */
    public Estimate cost() {
        return unit.cost(score, confidenceLow, confidenceHigh);
    }

    /**
     * Seconds per operation at the median iteration (the score in sample mode, which keeps no
     * iterations): unlike the mean, one iteration hit by a burst of load barely moves it.
     */
    public double medianIterationCost() {
        double[] iterations = rawData.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
        return unit.cost(iterations.length == 0 ? score : StatUtils.percentile(iterations, 50));
    }

    /**
     * Seconds per operation at each fork's median iteration, one value per JVM; empty in sample
     * mode. The iterations of one JVM share its JIT decisions and memory layout, so these, not the
     * iterations, are the independent samples of a benchmark.
     */
    public List<Double> forkMedianCosts() {
        return rawData.stream()
                .map(fork -> unit.cost(StatUtils.percentile(fork.stream().mapToDouble(Double::doubleValue).toArray(), 50)))
                .toList();
    }

    /** Whether JMH gave no interval, as it does for a single measurement. */
    public boolean lacksInterval() {
        return Double.isNaN(confidenceLow) || Double.isNaN(confidenceHigh);
    }

    /** Number of measured iterations over all forks (0 in sample mode). */
    public int iterations() {
        return rawData.stream().mapToInt(List::size).sum();
    }
}
