package posebench.profile;

/** Mean, sample standard deviation, minimum and maximum of one quantity over traced runs. */
public record Spread(double mean, double stddev, double min, double max) {

    public static Spread of(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double sum = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        double squares = 0;
        for (long v : values) {
            squares += (v - mean) * (v - mean);
        }
        double stddev = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
        return new Spread(mean, stddev, min, max);
    }

    /** The same spread in a unit {@code divisor} times larger (e.g. 1000 for nanoseconds to microseconds). */
    public Spread scaled(double divisor) {
        return new Spread(mean / divisor, stddev / divisor, min / divisor, max / divisor);
    }
}
