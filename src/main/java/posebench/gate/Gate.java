package posebench.gate;

import posebench.results.BenchmarkKey;
import posebench.results.Estimate;
import posebench.results.JmhResult;
import posebench.results.JmhResultFile;
import posebench.results.ResultsFileException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Judges a current JMH run against a baseline run. A benchmark regresses only when its
 * ruler-normalised time per operation grew by more than the threshold and its confidence
 * interval, divided by the same ruler factor, no longer overlaps the baseline's. A baseline
 * benchmark missing from the current run fails too: one that crashed or was renamed must not
 * pass silently.
 */
public final class Gate {

    /** The smallest change worth failing a build for; below it noise dominates on shared machines. */
    public static final double DEFAULT_THRESHOLD_PERCENT = 10;

    private final double thresholdPercent;
    private final boolean normaliseByRuler;
    private final List<RulerAssignment> assignments;

    /** The first of {@code assignments} that covers a benchmark picks its ruler; the rest use both. */
    public Gate(double thresholdPercent, boolean normaliseByRuler, List<RulerAssignment> assignments) {
        if (!(thresholdPercent > 0) || Double.isInfinite(thresholdPercent)) {
            throw new IllegalArgumentException("threshold must be a positive percentage, got " + thresholdPercent);
        }
        this.thresholdPercent = thresholdPercent;
        this.normaliseByRuler = normaliseByRuler;
        this.assignments = List.copyOf(assignments);
    }

    public GateReport compare(JmhResultFile baseline, JmhResultFile current) throws ResultsFileException {
        RulerFactor ruler = normaliseByRuler ? RulerFactor.measure(baseline, current) : RulerFactor.none();
        // The current run's keys first: where both runs have a benchmark under different names (it
        // moved package), the table prints the current name.
        SortedSet<BenchmarkKey> keys = new TreeSet<>(current.results().keySet());
        keys.addAll(baseline.results().keySet());
        List<Comparison> comparisons = new ArrayList<>();
        for (BenchmarkKey key : keys) {
            comparisons.add(compare(key, baseline.results().get(key), current.results().get(key), ruler));
        }
        return new GateReport(baseline, current, thresholdPercent, ruler, comparisons);
    }

    private Comparison compare(BenchmarkKey key, JmhResult before, JmhResult after, RulerFactor ruler) {
        boolean isRuler = !ruler.isNone() && Ruler.isRuler(key.benchmark());
        if (before == null || after == null) {
            Verdict verdict = isRuler ? Verdict.RULER : before == null ? Verdict.NEW : Verdict.MISSING;
            return new Comparison(key, before, after, "-", Double.NaN, verdict);
        }
        if (isRuler) {
            return new Comparison(key, before, after, "-", RulerFactor.ratio(before, after), Verdict.RULER);
        }
        Optional<Ruler> assigned = assignments.stream()
                .filter(assignment -> assignment.covers(key.benchmark()))
                .map(RulerAssignment::ruler)
                .findFirst();
        String normalisedBy = ruler.isNone() ? "none" : assigned.map(Ruler::shortName).orElse("both");
        double factor = ruler.isNone() ? 1 : assigned.map(ruler.perRuler()::get).orElse(ruler.factor());
        // The ruler factor is a point value: the rulers' own 99.9 % intervals from a few loaded
        // iterations can span [0, inf] and would hide any slowdown. Medians and one confirmation
        // rerun guard against an unlucky ruler instead.
        Estimate normalised = after.cost().dividedBy(factor);
        double ratio = normalised.value() / before.cost().value();
        boolean separated = !normalised.overlaps(before.cost());
        double limit = 1 + thresholdPercent / 100;
        Verdict verdict;
        if (ratio > limit) {
            verdict = separated ? Verdict.REGRESSION : Verdict.WITHIN_NOISE;
        } else if (ratio < 1 / limit) {
            verdict = separated ? Verdict.FASTER : Verdict.WITHIN_NOISE;
        } else {
            verdict = Verdict.PASS;
        }
        return new Comparison(key, before, after, normalisedBy, ratio, verdict);
    }
}
