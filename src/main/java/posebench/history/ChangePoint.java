package posebench.history;

import java.util.Locale;

/**
 * A change found in one trend: the last run before it and the first after, the means of the
 * stretches on either side (up to the neighbouring change points) and the permutation p-value.
 */
public record ChangePoint(TrendPoint.Series series, TrendPoint before, TrendPoint after, double meanBefore,
        double meanAfter, double pValue) {

    /** Mean score after over mean score before. */
    public double ratio() {
        return meanAfter / meanBefore;
    }

    /** Whether the benchmark got slower, reading the direction from its unit (ops/s down or ms/op up). */
    public boolean slower() {
        return timeRatio() > 1;
    }

    /** Time per operation after over before, whatever the unit: above 1 is slower. */
    public double timeRatio() {
        return after.unit().higherIsBetter() ? meanBefore / meanAfter : meanAfter / meanBefore;
    }

    /** "2.01x slower", "1.25x faster": the change in time per operation. */
    public String describe() {
        double timeRatio = timeRatio();
        return String.format(Locale.ROOT, "%.2fx %s", slower() ? timeRatio : 1 / timeRatio, slower() ? "slower" : "faster");
    }
}
