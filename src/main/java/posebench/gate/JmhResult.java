package posebench.gate;

import java.util.List;

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
        double[] iterations = rawData.stream().flatMap(List::stream)
                .mapToDouble(Double::doubleValue).sorted().toArray();
        if (iterations.length == 0) {
            return unit.cost(score);
        }
        int middle = iterations.length / 2;
        return unit.cost(iterations.length % 2 == 1 ? iterations[middle]
                : (iterations[middle - 1] + iterations[middle]) / 2);
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
