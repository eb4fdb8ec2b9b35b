package posebench.gate;

import posebench.results.BenchmarkKey;
import posebench.results.ScoreUnit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.StatUtils;

/** Renders an {@link AbReport} as the plain-text table {@code posebench gate --ab} prints. */
public final class AbTable {

    private static final String[] HEADER =
            {"Benchmark", "Params", "Mode", "Baseline", "Current", "Ratio", "p", "Verdict"};

    private AbTable() {
    }

    public static String render(AbReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Baseline: ").append(files(report.baselineFiles())).append('\n');
        out.append("Current:  ").append(files(report.currentFiles())).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        report.comparisons().forEach(comparison -> rows.add(row(comparison)));
        out.append('\n').append(GateTable.table(rows)).append('\n');
        out.append("Baseline, Current: median over the forks of each fork's median iteration [slowest fork's,"
                + " fastest fork's], n forks.\n");
        out.append("Ratio: current / baseline of those medians, as time per operation; above 1 is slower,"
                + " for throughput scores too.\n");
        out.append("p: exact one-sided rank-sum (Mann-Whitney) p-value of \"current forks are slower\".\n");
        if (report.comparisons().stream().anyMatch(c -> !onlyOneSide(c).isEmpty())) {
            out.append("Params marked + only the current build has, marked - only the baseline has;"
                    + " results match on the params both have.\n");
        }
        out.append(String.format(Locale.ROOT, "REGRESSION: ratio above %.3f (threshold %s %%) and p <= %s.%n",
                1 + report.thresholdPercent() / 100, GateTable.number(report.thresholdPercent()),
                GateTable.number(report.alpha())));
        StringBuilder summary = new StringBuilder(report.passed() ? "PASS" : "FAIL");
        GateTable.appendGroup(summary, "regressed", keys(report.with(Verdict.REGRESSION)));
        GateTable.appendGroup(summary, "missing from the current build", keys(report.with(Verdict.MISSING)));
        GateTable.appendGroup(summary, "new in the current build, not gated", keys(report.with(Verdict.NEW)));
        out.append(summary).append('\n');
        changedSettings(report).forEach(name -> out.append("hint: ").append(name).append(" is missing at the"
                + " baseline's params and new at others: a param changed its value (a changed default?). If that"
                + " is intended, gate from a base past the change: .ci/gate-base (docs/gate.md, \"Which base\").\n"));
        return out.toString();
    }

    /** Benchmarks (class and method) both missing at some params and new at others. */
    private static List<String> changedSettings(AbReport report) {
        Set<String> missing = new TreeSet<>();
        report.with(Verdict.MISSING).forEach(c -> missing.add(c.key().shortName()));
        Set<String> changed = new TreeSet<>();
        report.with(Verdict.NEW).stream().map(c -> c.key().shortName()).filter(missing::contains).forEach(changed::add);
        return List.copyOf(changed);
    }

    private static String[] row(AbComparison comparison) {
        BenchmarkKey key = comparison.key();
        return new String[] {key.benchmark(), params(comparison), key.mode(),
            forks(comparison.baselineForks(), comparison.unit()), forks(comparison.currentForks(), comparison.unit()),
            Double.isNaN(comparison.ratio()) ? "-" : String.format(Locale.ROOT, "%.3f", comparison.ratio()),
            Double.isNaN(comparison.pSlower()) ? "-" : String.format(Locale.ROOT, "%.3f", comparison.pSlower()),
            comparison.verdict().label()};
    }

    /** The params of both keys, those of only one marked + (current) or - (baseline). */
    private static String params(AbComparison comparison) {
        if (comparison.baselineKey() == null || comparison.currentKey() == null) {
            return comparison.key().paramsText();
        }
        Map<String, String> marks = onlyOneSide(comparison);
        Map<String, String> all = new TreeMap<>(comparison.baselineKey().params());
        all.putAll(comparison.currentKey().params());
        if (all.isEmpty()) {
            return "-";
        }
        return all.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue() + marks.getOrDefault(entry.getKey(), ""))
                .collect(Collectors.joining(","));
    }

    /** Param names only one of a matched pair has, with their mark. */
    private static Map<String, String> onlyOneSide(AbComparison comparison) {
        Map<String, String> marks = new TreeMap<>();
        if (comparison.baselineKey() != null && comparison.currentKey() != null) {
            comparison.currentKey().params().keySet().stream()
                    .filter(name -> !comparison.baselineKey().params().containsKey(name))
                    .forEach(name -> marks.put(name, "+"));
            comparison.baselineKey().params().keySet().stream()
                    .filter(name -> !comparison.currentKey().params().containsKey(name))
                    .forEach(name -> marks.put(name, "-"));
        }
        return marks;
    }

    private static String forks(List<Double> costs, ScoreUnit unit) {
        if (costs.isEmpty()) {
            return "-";
        }
        double[] seconds = costs.stream().mapToDouble(Double::doubleValue).toArray();
        return String.format(Locale.ROOT, "%s %s [%s, %s] n=%d", significant(unit.score(StatUtils.percentile(seconds, 50))),
                unit.text(), significant(unit.score(StatUtils.max(seconds))), significant(unit.score(StatUtils.min(seconds))),
                seconds.length);
    }

    /** Four significant digits: enough to see a few percent, whatever the unit. */
    private static String significant(double value) {
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static List<BenchmarkKey> keys(List<AbComparison> group) {
        return group.stream().map(AbComparison::key).toList();
    }

    private static String files(List<Path> paths) {
        return paths.size() == 1 ? paths.get(0).toString() : paths.size() + " files, from " + paths.get(0);
    }
}
