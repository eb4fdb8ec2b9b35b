package posebench.results;

/**
 * A positive quantity with its confidence interval {@code [low, high]}; {@code low} may be 0 and
 * {@code high} infinite when the interval says nothing on that side.
 */
public record Estimate(double value, double low, double high) {

    /** A value known without an interval (a single measurement). */
    public static Estimate exactly(double value) {
        return new Estimate(value, value, value);
    }

    /** Value and interval divided by {@code divisor}. */
    public Estimate dividedBy(double divisor) {
        return new Estimate(value / divisor, low / divisor, high / divisor);
    }

    public boolean overlaps(Estimate other) {
        return low <= other.high && other.low <= high;
    }
}
