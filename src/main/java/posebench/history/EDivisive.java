package posebench.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Change points of a series by E-divisive means (Matteson and James 2014, "A nonparametric
 * approach for multiple change point analysis of multivariate data"), the method behind Apache
 * Otava (Hunter) and MongoDB's performance CI: split where the energy distance between the
 * points before and after is largest, keep the split only if a permutation test finds it
 * significant, and repeat on the pieces.
 *
 * <p>For a segment of m points split after t, with L the first t and R the other m - t points,
 * the statistic is {@code Q = t(m-t)/m * (2 mean|l - r| - mean|l - l'| - mean|r - r'|)} over
 * pairs l, l' in L and r, r' in R (distance exponent 1). It grows with the difference of the two
 * distributions (mean or spread) and with the evidence, and needs no assumption of normality.
 * Each step takes the best split over all current segments. Its p-value is the share of
 * {@code permutations} shuffles (each segment shuffled within itself, so the change points
 * already found stay) whose best statistic reaches the observed one: under "no further change"
 * the order within a segment is exchangeable. As in Otava, the second end of the split (the
 * paper's kappa) is the segment's end, not searched.
 *
 * <p>Sums of pairwise distances for all t come from two sweeps, O(m^2) per segment. The shuffles
 * draw from a generator seeded once per call, so a series always gives the same answer.
 */
public final class EDivisive {

    /** A change point: the series changes at {@code index} (the first point after the change). */
    public record Split(int index, double statistic, double pValue) {
    }

    /** The best split of one step, before its test. */
    private record Candidate(int index, double statistic) {
    }

    /** 1 % significance from 499 shuffles (smallest p-value 0.002), at least 3 points on each side. */
    public static final EDivisive DEFAULT = new EDivisive(0.01, 499, 3, 20140101L);

    private final double significance;
    private final int permutations;
    private final int minSegment;
    private final long seed;

    /**
     * @param significance largest p-value of a split kept
     * @param permutations shuffles per significance test
     * @param minSegment   fewest points on either side of a split (at least 2: the within-sums need pairs)
     * @param seed         seed of the shuffles
     */
    public EDivisive(double significance, int permutations, int minSegment, long seed) {
        if (minSegment < 2) {
            throw new IllegalArgumentException("a segment needs at least 2 points, got " + minSegment);
        }
        if (permutations < 1) {
            throw new IllegalArgumentException("need at least one permutation, got " + permutations);
        }
        this.significance = significance;
        this.permutations = permutations;
        this.minSegment = minSegment;
        this.seed = seed;
    }

    /** The significant change points of {@code series}, in index order. */
    public List<Split> changePoints(double[] series) {
        SplittableRandom random = new SplittableRandom(seed);
        TreeSet<Integer> bounds = new TreeSet<>(List.of(0, series.length));
        List<Split> found = new ArrayList<>();
        double[] shuffled = series.clone();
        while (true) {
            Candidate best = bestSplit(series, bounds);
            if (best == null) {
                break;
            }
            int reached = 0;
            for (int p = 0; p < permutations; p++) {
                shuffleSegments(shuffled, bounds, random);
                Candidate chance = bestSplit(shuffled, bounds);
                if (chance != null && chance.statistic() >= best.statistic()) {
                    reached++;
                }
            }
            double pValue = (reached + 1.0) / (permutations + 1.0);
            if (pValue > significance) {
                break;
            }
            found.add(new Split(best.index(), best.statistic(), pValue));
            bounds.add(best.index());
            // Later shuffles start from the series again: segments changed, and so did what may be mixed.
            System.arraycopy(series, 0, shuffled, 0, series.length);
        }
        found.sort(Comparator.comparingInt(Split::index));
        return found;
    }

    /** The best split over all segments between {@code bounds}, or null if none is long enough. */
    private Candidate bestSplit(double[] x, TreeSet<Integer> bounds) {
        Candidate best = null;
        Integer from = bounds.first();
        for (Integer to = bounds.higher(from); to != null; from = to, to = bounds.higher(to)) {
            Candidate split = bestSplit(x, from, to);
            if (split != null && (best == null || split.statistic() > best.statistic())) {
                best = split;
            }
        }
        return best;
    }

    /** The best split of {@code x[from, to)}, or null when it is too short. */
    private Candidate bestSplit(double[] x, int from, int to) {
        int m = to - from;
        if (m < 2 * minSegment) {
            return null;
        }
        // left[t]: sum of |x_i - x_k| over pairs among the first t points; right[t]: among the others.
        double[] left = new double[m + 1];
        for (int t = 1; t < m; t++) {
            double added = 0;
            for (int i = 0; i < t; i++) {
                added += Math.abs(x[from + i] - x[from + t]);
            }
            left[t + 1] = left[t] + added;
        }
        double[] right = new double[m + 1];
        for (int t = m - 1; t > 0; t--) {
            double added = 0;
            for (int k = t; k < m; k++) {
                added += Math.abs(x[from + t - 1] - x[from + k]);
            }
            right[t - 1] = right[t] + added;
        }
        double total = left[m];
        Candidate best = null;
        for (int t = minSegment; t <= m - minSegment; t++) {
            int r = m - t;
            double between = total - left[t] - right[t];
            double energy = 2 * between / ((double) t * r) - left[t] / (t * (t - 1) / 2.0)
                    - right[t] / (r * (r - 1) / 2.0);
            double statistic = (double) t * r / m * energy;
            if (best == null || statistic > best.statistic()) {
                best = new Candidate(from + t, statistic);
            }
        }
        return best;
    }

    /** Fisher-Yates within each segment. */
    private static void shuffleSegments(double[] x, TreeSet<Integer> bounds, SplittableRandom random) {
        Integer from = bounds.first();
        for (Integer to = bounds.higher(from); to != null; from = to, to = bounds.higher(to)) {
            for (int i = to - 1; i > from; i--) {
                int j = from + random.nextInt(i - from + 1);
                double swap = x[i];
                x[i] = x[j];
                x[j] = swap;
            }
        }
    }
}
