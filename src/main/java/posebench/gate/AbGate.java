package posebench.gate;

import posebench.results.BenchmarkKey;
import posebench.results.JmhResult;
import posebench.results.JmhResultFile;
import posebench.results.ResultsFileException;
import posebench.results.ScoreUnit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Judges a current build against a baseline build measured on the same machine in the same job,
 * from several JVM forks of each. The sample of a benchmark is one value per fork (its median
 * iteration), because iterations within one JVM share that JVM's JIT and memory-layout mode and
 * so are not independent. A benchmark regresses only when the median of the current forks is
 * more than the threshold above the baseline's (a change too small to matter never fails) and
 * the exact one-sided rank-sum test says the current forks are slower at level {@code alpha}
 * (a shift the fork-to-fork spread can explain never fails). A baseline benchmark missing from
 * the current build fails; one only in the current build is new and passes.
 *
 * <p>Results match on benchmark, mode and the params both have, so that a param one build lacks
 * (a new {@code @Param}, run at one value) does not make every row "missing".
 */
public final class AbGate {

    /** Per benchmark: with five forks a side only complete separation (p = 1/252) reaches it. */
    public static final double DEFAULT_ALPHA = 0.005;

    private final double thresholdPercent;
    private final double alpha;

    public AbGate(double thresholdPercent, double alpha) {
        if (!(thresholdPercent > 0) || Double.isInfinite(thresholdPercent)) {
            throw new IllegalArgumentException("threshold must be a positive percentage, got " + thresholdPercent);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie between 0 and 1, got " + alpha);
        }
        this.thresholdPercent = thresholdPercent;
        this.alpha = alpha;
    }

    public AbReport compare(List<JmhResultFile> baseline, List<JmhResultFile> current) throws ResultsFileException {
        SortedMap<BenchmarkKey, Forks> before = forks(baseline);
        SortedMap<BenchmarkKey, Forks> after = forks(current);
        Map<BenchmarkKey, BenchmarkKey> matched = new LinkedHashMap<>();
        for (BenchmarkKey key : before.keySet()) {
            BenchmarkKey match = onlyMatch(key, after.keySet(), "current");
            if (match != null) {
                if (onlyMatch(match, before.keySet(), "baseline") != key) {
                    throw new ResultsFileException("current " + match + " matches several baseline results");
                }
                matched.put(key, match);
            }
        }
        List<AbComparison> comparisons = new ArrayList<>();
        for (Map.Entry<BenchmarkKey, Forks> entry : before.entrySet()) {
            BenchmarkKey match = matched.get(entry.getKey());
            comparisons.add(match == null
                    ? absent(entry.getKey(), null, entry.getValue(), Verdict.MISSING)
                    : compare(entry.getKey(), match, entry.getValue(), after.get(match)));
        }
        for (Map.Entry<BenchmarkKey, Forks> entry : after.entrySet()) {
            if (!matched.containsValue(entry.getKey())) {
                comparisons.add(absent(null, entry.getKey(), entry.getValue(), Verdict.NEW));
            }
        }
        comparisons.sort(Comparator.comparing(AbComparison::key));
        return new AbReport(paths(baseline), paths(current), thresholdPercent, alpha, comparisons);
    }

    private AbComparison compare(BenchmarkKey baselineKey, BenchmarkKey currentKey, Forks before, Forks after)
            throws ResultsFileException {
        double[] a = before.array();
        double[] b = after.array();
        double smallest = RankSumTest.smallestP(a.length, b.length);
        if (smallest > alpha) {
            throw new ResultsFileException(String.format(Locale.ROOT,
                    "%s: %d baseline and %d current forks can never reach alpha %s (their smallest p-value is"
                    + " %.4f); run more forks", currentKey, a.length, b.length, alpha, smallest));
        }
        double ratio = StatUtils.percentile(b, 50) / StatUtils.percentile(a, 50);
        double pSlower = RankSumTest.pLarger(a, b);
        double limit = 1 + thresholdPercent / 100;
        Verdict verdict;
        if (ratio > limit) {
            verdict = pSlower <= alpha ? Verdict.REGRESSION : Verdict.NOT_SIGNIFICANT;
        } else if (ratio < 1 / limit) {
            verdict = RankSumTest.pLarger(b, a) <= alpha ? Verdict.FASTER : Verdict.NOT_SIGNIFICANT;
        } else {
            verdict = Verdict.PASS;
        }
        return new AbComparison(baselineKey, currentKey, after.unit(), before.costs(), after.costs(), ratio, pSlower,
                verdict);
    }

    private static AbComparison absent(BenchmarkKey baselineKey, BenchmarkKey currentKey, Forks forks, Verdict verdict) {
        return new AbComparison(baselineKey, currentKey, forks.unit(),
                baselineKey == null ? List.of() : forks.costs(), currentKey == null ? List.of() : forks.costs(),
                Double.NaN, Double.NaN, verdict);
    }

    /** The one key of {@code candidates} that matches {@code key}, null for none; several are an error. */
    private static BenchmarkKey onlyMatch(BenchmarkKey key, Iterable<BenchmarkKey> candidates, String role)
            throws ResultsFileException {
        BenchmarkKey found = null;
        for (BenchmarkKey candidate : candidates) {
            if (matches(key, candidate)) {
                if (found != null) {
                    throw new ResultsFileException(key + " matches " + found + " and " + candidate + " in the " + role
                            + " build: a param only one build has must be run at one value (-p NAME=VALUE)");
                }
                found = candidate;
            }
        }
        return found;
    }

    /**
     * Same benchmark ({@link BenchmarkKey#shortName()}, whatever its package) and mode, and the same
     * value for every param both keys have.
     */
    static boolean matches(BenchmarkKey one, BenchmarkKey other) {
        if (!one.shortName().equals(other.shortName()) || !one.mode().equals(other.mode())) {
            return false;
        }
        for (Map.Entry<String, String> param : one.params().entrySet()) {
            String value = other.params().get(param.getKey());
            if (value != null && !value.equals(param.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Every fork of every result, by key, over all files of one build. */
    private static SortedMap<BenchmarkKey, Forks> forks(List<JmhResultFile> files) throws ResultsFileException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no result file for one of the builds");
        }
        SortedMap<BenchmarkKey, Forks> forks = new TreeMap<>();
        for (JmhResultFile file : files) {
            for (JmhResult result : file.results().values()) {
                List<Double> costs = result.forkMedianCosts();
                if (costs.isEmpty()) {
                    throw new ResultsFileException(file.role() + " file " + file.path() + ": " + result.key()
                            + " has no per-fork iterations (rawData); the A/B gate needs mode avgt, thrpt or ss");
                }
                Forks known = forks.get(result.key());
                List<Double> all = new ArrayList<>(known == null ? List.of() : known.costs());
                all.addAll(costs);
                forks.put(result.key(), new Forks(result.unit(), all));
            }
        }
        return forks;
    }

    private static List<Path> paths(List<JmhResultFile> files) {
        return files.stream().map(JmhResultFile::path).toList();
    }

    /** One build's fork costs of one benchmark, and the unit its scores were in. */
    private record Forks(ScoreUnit unit, List<Double> costs) {

        double[] array() {
            return costs.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
