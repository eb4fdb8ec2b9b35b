package posebench.report;

import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import j2html.tags.DomContent;

import posebench.gate.Comparison;
import posebench.results.Estimate;
import posebench.gate.Gate;
import posebench.results.ResultsFileException;
import posebench.gate.GateReport;
import posebench.gate.GateTable;
import posebench.results.JmhResult;
import posebench.results.JmhResultFile;
import posebench.gate.Ruler;

/**
 * With several runs, each later run against the first as the gate judges them: matched by benchmark,
 * mode and params, normalised by the rulers when both runs have them, the current/baseline ratio of
 * time per operation with its interval and the gate's verdict; the gate's own text table below.
 */
final class RunComparisonSection implements ReportSection {

    private final List<RunFile> runs;
    private final double thresholdPercent;

    RunComparisonSection(List<RunFile> runs, double thresholdPercent) {
        this.runs = List.copyOf(runs);
        this.thresholdPercent = thresholdPercent;
    }

    @Override
    public String id() {
        return "comparison";
    }

    @Override
    public String title() {
        return "Comparison of runs";
    }

    @Override
    public DomContent body() {
        if (runs.size() < 2) {
            return Html.note("one --results file: give several to compare runs (the first is the baseline)");
        }
        JmhResultFile baseline = runs.get(0).asGateFile("baseline");
        List<DomContent> parts = new ArrayList<>();
        for (RunFile run : runs.subList(1, runs.size())) {
            parts.add(h3(run.path() + " against " + runs.get(0).path()));
            parts.add(comparison(baseline, run.asGateFile("current")));
        }
        return each(parts.stream());
    }

    private DomContent comparison(JmhResultFile baseline, JmhResultFile current) {
        List<DomContent> notes = new ArrayList<>();
        boolean rulers = hasRulers(baseline) && hasRulers(current);
        if (!rulers) {
            notes.add(Html.note("the rulers (RulerBenchmark) are not in both runs: raw ratios, so a"
                    + " slower or busier machine looks like a regression"));
        }
        GateReport report;
        try {
            report = new Gate(thresholdPercent, rulers, List.of()).compare(baseline, current);
        } catch (ResultsFileException e) {
            notes.add(Html.note(e.getMessage() + "; comparing raw scores instead"));
            try {
                report = new Gate(thresholdPercent, false, List.of()).compare(baseline, current);
            } catch (ResultsFileException impossible) {
                throw new IllegalStateException("the gate without rulers needs no input checks", impossible);
            }
        }
        return each(each(notes.stream()),
                p(String.format(Locale.ROOT, "Norm. ratio: current / baseline time per operation%s; above 1 is slower,"
                                + " for throughput scores too. Interval: the current 99.9 %% interval over the baseline's."
                                + " REGRESSION: above %.2f (threshold %s %%) with intervals apart.",
                        report.ruler().isNone() ? "" : ", divided by the ruler's ratio", 1 + thresholdPercent / 100,
                        Html.number(thresholdPercent))),
                div(table(thead(tr(th("Benchmark"), th("Params"), th("Mode"), th("Baseline"), th("Current"), th("Ruler"),
                                th("Norm. ratio"), th("Interval"), th("Verdict"))),
                        tbody(each(report.comparisons(), RunComparisonSection::row)))
                        .withClass("comparison sortable")).withClass("table-wrap"),
                details(summary("as posebench gate prints it"), pre(GateTable.render(report))));
    }

    private static DomContent row(Comparison c) {
        Estimate interval = interval(c);
        String params = c.key().params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return tr(td(c.key().shortName()).attr("title", c.key().benchmark()), td(params),
                td(c.key().mode()), td(score(c.baseline())).withClass("score"), td(score(c.current())).withClass("score"),
                td(c.normalisedBy()),
                td(Html.number(c.ratio())).withClass("number").attr("data-sort", Double.isNaN(c.ratio()) ? ""
                        : Double.toString(c.ratio())),
                td(interval == null ? "-" : "[" + Html.number(interval.low()) + ", " + Html.number(interval.high()) + "]")
                        .withClass("score"),
                td(c.verdict().label()).withClass("verdict " + c.verdict().name().toLowerCase(Locale.ROOT)));
    }

    /**
     * The normalised ratio's interval: the current interval, divided by the same ruler factor, over the
     * baseline's, far ends against each other; null where either result is absent.
     */
    private static Estimate interval(Comparison c) {
        if (c.baseline() == null || c.current() == null || Double.isNaN(c.ratio())) {
            return null;
        }
        Estimate before = c.baseline().cost();
        Estimate after = c.current().cost();
        double factor = after.value() / before.value() / c.ratio();
        return new Estimate(c.ratio(), after.low() / factor / before.high(),
                before.low() > 0 ? after.high() / factor / before.low() : Double.POSITIVE_INFINITY);
    }

    private static String score(JmhResult r) {
        if (r == null) {
            return "-";
        }
        return r.lacksInterval() ? Html.number(r.score()) + " " + r.unit().text() + " (no interval)"
                : Html.number(r.score()) + " ± " + Html.number(r.scoreError()) + " " + r.unit().text();
    }

    private static boolean hasRulers(JmhResultFile file) {
        return Arrays.stream(Ruler.values()).allMatch(ruler -> file.results().keySet().stream()
                .anyMatch(key -> ruler.is(key.benchmark())));
    }
}
