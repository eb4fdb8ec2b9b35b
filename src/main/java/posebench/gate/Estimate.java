package posebench.gate;

import java.util.List;

/**
 * A positive quantity with its confidence interval {@code [low, high]}; {@code low} may be 0 and
 * {@code high} infinite when the interval says nothing on that side. Errors are taken as
 * independent and relative, so they combine in quadrature on a log scale.
 */
public record Estimate(double value, double low, double high) {

    /** A value known without an interval (a single measurement). */
    public static Estimate exactly(double value) {
        return new Estimate(value, value, value);
    }

    /** This divided by {@code divisor}; the divisor's upper side lowers the quotient and vice versa. */
    public Estimate dividedBy(Estimate divisor) {
        return spread(value / divisor.value,
                Math.hypot(lowSpread(), divisor.highSpread()),
                Math.hypot(highSpread(), divisor.lowSpread()));
    }

    public boolean overlaps(Estimate other) {
        return low <= other.high && other.low <= high;
    }

    /** Geometric mean, the natural average of ratios; its spread is that of a mean of independent logs. */
    public static Estimate geometricMean(List<Estimate> estimates) {
        if (estimates.isEmpty()) {
            throw new IllegalArgumentException("geometric mean of no estimates");
        }
        int n = estimates.size();
        return spread(Math.exp(estimates.stream().mapToDouble(e -> Math.log(e.value)).sum() / n),
                Math.sqrt(estimates.stream().mapToDouble(e -> e.lowSpread() * e.lowSpread()).sum()) / n,
                Math.sqrt(estimates.stream().mapToDouble(e -> e.highSpread() * e.highSpread()).sum()) / n);
    }

    /** Distance from the value down to the low bound, on a log scale (infinite when low is 0). */
    private double lowSpread() {
        return Math.log(value / low);
    }

    private double highSpread() {
        return Math.log(high / value);
    }

    private static Estimate spread(double value, double lowSpread, double highSpread) {
        return new Estimate(value, value / Math.exp(lowSpread), value * Math.exp(highSpread));
    }
}
