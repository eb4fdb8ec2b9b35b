package posebench.gate;

import posebench.results.BenchmarkKey;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The verdict over several current runs of the same build against one baseline: a benchmark fails
 * only when it failed (regressed or went missing) in every run. A burst of load on a shared machine
 * rarely slows the same benchmark in two runs a minute apart; a real slowdown does.
 *
 * @param runs        how many current runs were judged
 * @param confirmed   benchmarks that failed in every run
 * @param unconfirmed benchmarks that failed in some runs but not all
 */
public record Confirmation(int runs, SortedSet<BenchmarkKey> confirmed, SortedSet<BenchmarkKey> unconfirmed) {

    public Confirmation {
        confirmed = Collections.unmodifiableSortedSet(new TreeSet<>(confirmed));
        unconfirmed = Collections.unmodifiableSortedSet(new TreeSet<>(unconfirmed));
    }

    /** Judges {@code reports}, one per current run, together. */
    public static Confirmation of(List<GateReport> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("no current run to judge");
        }
        SortedSet<BenchmarkKey> confirmed = reports.get(0).failing();
        SortedSet<BenchmarkKey> unconfirmed = new TreeSet<>();
        for (GateReport report : reports) {
            confirmed.retainAll(report.failing());
            unconfirmed.addAll(report.failing());
        }
        unconfirmed.removeAll(confirmed);
        return new Confirmation(reports.size(), confirmed, unconfirmed);
    }

    public boolean passed() {
        return confirmed.isEmpty();
    }
}
