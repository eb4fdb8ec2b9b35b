package posebench.smoothing;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The 1-D factor of a separable smoothing, applied to a line whose cells repeat a source line's r
 * times each, written on the source cells: the taps that land on one source cell are summed into
 * one weight. Output o then reads {@code terms} source cells from {@link #firstSource(int)} with
 * the weights of its {@link #phase(int)}: about k / r + 1 products instead of k. SAME zero
 * padding carries over, because a repeated index lies outside the line exactly when its source
 * cell lies outside the source.
 */
final class RepeatedFactor {

    final int repetition;
    private final int before;
    /** {@code weights[p][g]}: the float sum of the factor's taps t with floor((p + t) / r) = g. */
    final float[][] weights;
    /** Largest relative error of a float weight against the exact sum of its taps. */
    private final double weightError;

    RepeatedFactor(float[] factor, int repetition) {
        if (repetition < 2) {
            throw new IllegalArgumentException("a repetition is at least 2, got " + repetition);
        }
        this.repetition = repetition;
        this.before = (factor.length - 1) / 2;
        this.weights = new float[repetition][];
        double worst = 0;
        for (int p = 0; p < repetition; p++) {
            int groups = (p + factor.length - 1) / repetition + 1;
            BigDecimal[] exact = new BigDecimal[groups];
            double[] sum = new double[groups];
            for (int t = 0; t < factor.length; t++) {
                int g = (p + t) / repetition;
                exact[g] = exact[g] == null ? new BigDecimal(factor[t]) : exact[g].add(new BigDecimal(factor[t]));
                sum[g] += factor[t];
            }
            weights[p] = new float[groups];
            for (int g = 0; g < groups; g++) {
                weights[p][g] = (float) sum[g];
                // Measured, not assumed: the double sum may round before the float cast does.
                BigDecimal error = new BigDecimal(weights[p][g]).subtract(exact[g]).abs();
                if (exact[g].signum() > 0) {
                    worst = Math.max(worst, error.divide(exact[g], MathContext.DECIMAL64).doubleValue());
                } else if (error.signum() != 0) {
                    worst = Double.POSITIVE_INFINITY;
                }
            }
        }
        this.weightError = worst;
    }

    /** Which weights output o uses. */
    int phase(int o) {
        return Math.floorMod(o - before, repetition);
    }

    /** The source cell that output o's first weight multiplies (may lie outside the source). */
    int firstSource(int o) {
        return Math.floorDiv(o - before, repetition);
    }

    /**
     * A bound b with |pass - sum_t f_t x_t| <= b * sum_t f_t |x_t| for each output, f the float
     * factor and the sum exact: the float sum of at most n products ({@code gamma_n}, Higham) of
     * weights that are off by at most {@link #weightError} each.
     */
    double passError() {
        int terms = 0;
        for (float[] w : weights) {
            terms = Math.max(terms, w.length);
        }
        return (1 + SeparableSmoothing.gamma(terms)) * (1 + weightError) - 1;
    }
}
