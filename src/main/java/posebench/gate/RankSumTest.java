package posebench.gate;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The one-sided Mann-Whitney U (Wilcoxon rank-sum) test of "the second sample is larger than the
 * first". Exact for the few forks a gate runs: it counts every way of labelling the pooled values,
 * with ties at their mean rank, so it holds at any sample size and for any distribution, bimodal
 * JVM-to-JVM modes included. (commons-math3's {@code MannWhitneyUTest} gives only a two-sided,
 * normal-approximated p-value.) Samples with more than {@link #EXACT_LIMIT} labellings fall back
 * to the normal approximation of the rank sum.
 */
public final class RankSumTest {

    /** Labellings counted exactly up to this many (C(20, 10) = 184756 takes milliseconds). */
    static final long EXACT_LIMIT = 2_000_000;

    private RankSumTest() {
    }

    /**
     * The probability, when both samples come from one distribution, of a rank sum of {@code larger}
     * at least as high as observed: small when {@code larger} tends to exceed {@code smaller}.
     */
    public static double pLarger(double[] smaller, double[] larger) {
        if (smaller.length == 0 || larger.length == 0) {
            throw new IllegalArgumentException("both samples need a value, got " + smaller.length + " and " + larger.length);
        }
        int n = smaller.length + larger.length;
        double[] pooled = Arrays.copyOf(smaller, n);
        System.arraycopy(larger, 0, pooled, smaller.length, larger.length);
        double[] ranks = new NaturalRanking(TiesStrategy.AVERAGE).rank(pooled);
        double observed = 0;
        for (int i = smaller.length; i < n; i++) {
            observed += ranks[i];
        }
        if (CombinatoricsUtils.binomialCoefficientDouble(n, larger.length) > EXACT_LIMIT) {
            // The rank sum's normal approximation with a continuity correction (ties ignored).
            double mean = larger.length * (n + 1) / 2.0;
            double sd = Math.sqrt(smaller.length * (double) larger.length * (n + 1) / 12);
            return 1 - new NormalDistribution().cumulativeProbability((observed - 0.5 - mean) / sd);
        }
        long[] counts = new long[2];  // [labellings at or above the observed sum, all labellings]
        count(ranks, 0, larger.length, 0, observed - 1e-9, counts);
        return (double) counts[0] / counts[1];
    }

    /** The smallest {@link #pLarger} samples of these sizes can give: all of one above all of the other. */
    public static double smallestP(int smallerSize, int largerSize) {
        return 1 / CombinatoricsUtils.binomialCoefficientDouble(smallerSize + largerSize, largerSize);
    }

    /** Counts the ways of choosing {@code left} more ranks from {@code ranks[from..]} onto {@code sum}. */
    private static void count(double[] ranks, int from, int left, double sum, double threshold, long[] counts) {
        if (left == 0) {
            counts[1]++;
            if (sum >= threshold) {
                counts[0]++;
            }
            return;
        }
        for (int i = from; i <= ranks.length - left; i++) {
            count(ranks, i + 1, left - 1, sum + ranks[i], threshold, counts);
        }
    }
}
