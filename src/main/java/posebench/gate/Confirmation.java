package posebench.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The verdict over several current runs of the same build against one baseline: a benchmark fails
 * only when it failed (regressed or went missing) in every run. A burst of load on a shared machine
 * rarely slows the same benchmark in two runs a minute apart; a real slowdown does.
 */
public record Confirmation(List<GateReport> runs) {

    public Confirmation {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no current run to judge");
        }
        runs = List.copyOf(runs);
    }

    /** Benchmarks that failed in every run, sorted. */
    public Set<BenchmarkKey> confirmed() {
        Set<BenchmarkKey> confirmed = failing(runs.get(0));
        for (GateReport run : runs.subList(1, runs.size())) {
            confirmed.retainAll(failing(run));
        }
        return confirmed;
    }

    /** Benchmarks that failed in some runs but not all, sorted. */
    public Set<BenchmarkKey> unconfirmed() {
        Set<BenchmarkKey> any = new TreeSet<>();
        runs.forEach(run -> any.addAll(failing(run)));
        any.removeAll(confirmed());
        return any;
    }

    public boolean passed() {
        return confirmed().isEmpty();
    }

    /** The closing lines {@code posebench gate} prints after the tables of several runs. */
    public String summary() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Over %d current runs (a benchmark fails only when it failed in every run): %s",
                runs.size(), passed() ? "PASS" : "FAIL"));
        append(out, "failed in every run", confirmed());
        append(out, "failed in some runs only, not confirmed", unconfirmed());
        return out.append('\n').toString();
    }

    private static void append(StringBuilder out, String what, Set<BenchmarkKey> keys) {
        if (!keys.isEmpty()) {
            out.append("\n  ").append(keys.size()).append(' ').append(what).append(": ")
                    .append(keys.stream().map(BenchmarkKey::toString).collect(Collectors.joining(", ")));
        }
    }

    private static Set<BenchmarkKey> failing(GateReport run) {
        List<BenchmarkKey> keys = new ArrayList<>();
        for (Comparison comparison : run.comparisons()) {
            if (comparison.verdict().fails()) {
                keys.add(comparison.key());
            }
        }
        return new TreeSet<>(keys);
    }
}
