package posebench.gate;

import posebench.results.BenchmarkKey;
import posebench.results.JmhResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a {@link GateReport} as the plain-text table {@code posebench gate} prints. */
public final class GateTable {

    private static final String[] HEADER =
            {"Benchmark", "Params", "Mode", "Baseline", "Current", "Ruler", "Norm. ratio", "Verdict"};

    private GateTable() {
    }

    public static String render(GateReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Baseline: ").append(report.baseline().path()).append('\n');
        out.append("Current:  ").append(report.current().path()).append('\n');
        out.append(rulerLines(report.ruler(), report.thresholdPercent()));
        out.append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Comparison comparison : report.comparisons()) {
            rows.add(row(comparison));
        }
        out.append(table(rows)).append('\n');
        String divided = report.ruler().isNone() ? "" : " divided by its ruler's ratio";
        out.append("Norm. ratio: current / baseline time per operation").append(divided)
                .append("; above 1 is slower, for throughput scores too.\n");
        out.append(String.format(Locale.ROOT, "REGRESSION: norm. ratio above %.3f (threshold %s %%) and the"
                + " current interval%s does not overlap the baseline's (JMH's 99.9 %% intervals).%n",
                1 + report.thresholdPercent() / 100, number(report.thresholdPercent()), divided));
        out.append(summary(report)).append('\n');
        return out.toString();
    }

    private static String rulerLines(RulerFactor ruler, double thresholdPercent) {
        if (ruler.isNone()) {
            return "Ruler:    none (--no-ruler): raw ratios, so a slower machine looks like a regression\n";
        }
        String each = ruler.perRuler().entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s %.3f", entry.getKey().shortName(), entry.getValue()))
                .collect(Collectors.joining(", "));
        String lines = "Ruler:    current / baseline median iteration time per op: " + each
                + String.format(Locale.ROOT, ", both (geometric mean) %.3f%n", ruler.factor())
                + "          each current score and interval is divided by the ratio of the ruler in column Ruler\n";
        if (ruler.disagreement() * 100 > thresholdPercent) {
            lines += String.format(Locale.ROOT, "Warning:  the rulers disagree by %.0f %%, more than the threshold:"
                    + " the machine's load changed during a run, so the normalised ratios are uncertain%n",
                    ruler.disagreement() * 100);
        }
        return lines;
    }

    private static String[] row(Comparison comparison) {
        BenchmarkKey key = comparison.key();
        return new String[] {key.benchmark(), key.paramsText(), key.mode(), score(comparison.baseline()),
                score(comparison.current()), comparison.normalisedBy(),
                Double.isNaN(comparison.ratio()) ? "-" : String.format(Locale.ROOT, "%.3f", comparison.ratio()),
                comparison.verdict().label()};
    }

    private static String score(JmhResult result) {
        if (result == null) {
            return "-";
        }
        if (result.lacksInterval()) {
            return String.format(Locale.ROOT, "%.3f %s (n=%d, no interval)",
                    result.score(), result.unit().text(), result.iterations());
        }
        return String.format(Locale.ROOT, "%.3f ± %.3f %s", result.score(), result.scoreError(), result.unit().text());
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** The closing lines {@code posebench gate} prints after the tables of several runs. */
    public static String render(Confirmation confirmation) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Over %d current runs (a benchmark fails only when it failed in every run): %s",
                confirmation.runs(), confirmation.passed() ? "PASS" : "FAIL"));
        appendGroup(out, "failed in every run", confirmation.confirmed());
        appendGroup(out, "failed in some runs only, not confirmed", confirmation.unconfirmed());
        return out.append('\n').toString();
    }

    private static String summary(GateReport report) {
        StringBuilder out = new StringBuilder(report.passed() ? "PASS" : "FAIL");
        appendGroup(out, "regressed", keys(report.with(Verdict.REGRESSION)));
        appendGroup(out, "missing from the current run", keys(report.with(Verdict.MISSING)));
        appendGroup(out, "not in the baseline (refresh it to gate them)", keys(report.with(Verdict.NEW)));
        return out.toString();
    }

    private static List<BenchmarkKey> keys(List<Comparison> group) {
        return group.stream().map(Comparison::key).toList();
    }

    static void appendGroup(StringBuilder out, String what, Collection<BenchmarkKey> keys) {
        if (!keys.isEmpty()) {
            out.append("\n  ").append(keys.size()).append(' ').append(what).append(": ")
                    .append(keys.stream().map(BenchmarkKey::toString).collect(Collectors.joining(", ")));
        }
    }

    /** Left-aligned columns two spaces apart, each as wide as its widest cell. */
    static String table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + widths[i] + "s", row[i])).append("  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
