package posebench.results;

import java.util.Map;

/**
 * A JMH score unit, {@code <time>/op} (lower is better) or {@code ops/<time>} (higher is better),
 * which converts scores to one cost scale, seconds per operation, so both directions compare alike.
 */
public record ScoreUnit(String text, boolean higherIsBetter, double secondsPerTimeUnit) {

    /** JMH's short names of {@link java.util.concurrent.TimeUnit}s. */
    private static final Map<String, Double> SECONDS = Map.of(
            "ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0, "min", 60.0, "hr", 3600.0, "day", 86400.0);

    /** Parses {@code text}, or returns null when it is no time-per-op or ops-per-time unit. */
    public static ScoreUnit parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2) {
            return null;
        }
        if (parts[1].equals("op") && SECONDS.containsKey(parts[0])) {
            return new ScoreUnit(text, false, SECONDS.get(parts[0]));
        }
        if (parts[0].equals("ops") && SECONDS.containsKey(parts[1])) {
            return new ScoreUnit(text, true, SECONDS.get(parts[1]));
        }
        return null;
    }

    /** Seconds per operation with its interval for a score in this unit; a throughput interval turns over. */
    public Estimate cost(double score, double confidenceLow, double confidenceHigh) {
        if (Double.isNaN(confidenceLow) || Double.isNaN(confidenceHigh)) {
            return Estimate.exactly(cost(score));
        }
        // JMH's interval can reach below zero when noise is large: the cost is then unbounded there.
        double low = Math.max(0, confidenceLow);
        return higherIsBetter
                ? new Estimate(cost(score), cost(confidenceHigh), low > 0 ? cost(low) : Double.POSITIVE_INFINITY)
                : new Estimate(cost(score), cost(low), cost(confidenceHigh));
    }

    /** Seconds per operation for a score in this unit. */
    public double cost(double score) {
        return higherIsBetter ? secondsPerTimeUnit / score : score * secondsPerTimeUnit;
    }

    /** The score in this unit of {@code seconds} per operation: the inverse of {@link #cost(double)}. */
    public double score(double seconds) {
        return higherIsBetter ? secondsPerTimeUnit / seconds : seconds / secondsPerTimeUnit;
    }
}
