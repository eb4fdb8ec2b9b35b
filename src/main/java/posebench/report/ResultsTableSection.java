package posebench.report;

import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.table;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import j2html.tags.DomContent;
import j2html.tags.specialized.TdTag;

import posebench.results.JmhResult;
import posebench.report.RunFile.RunResult;

/**
 * Every benchmark of each run with its params, score, error and unit, one row per result, as a table
 * sorted by clicking a column's heading; above it, what of the file could not be read.
 */
final class ResultsTableSection implements ReportSection {

    private final List<RunFile> runs;

    ResultsTableSection(List<RunFile> runs) {
        this.runs = List.copyOf(runs);
    }

    @Override
    public String id() {
        return "results";
    }

    @Override
    public String title() {
        return "Benchmarks";
    }

    @Override
    public DomContent body() {
        return each(runs, (index, run) -> each(h3(run.path().getFileName().toString()),
                each(run.problems(), Html::note), results(run, index)));
    }

    private static DomContent results(RunFile run, int index) {
        if (run.results().isEmpty()) {
            return Html.note("no benchmark results could be read from " + run.path());
        }
        List<String> params = List.copyOf(run.results().stream().flatMap(r -> r.key().params().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new)));
        return div(table(
                thead(tr(th("Benchmark"), th("Mode"), each(params, name -> th(name)), th("Score"), th("Error (99.9 %)"),
                        th("Unit"), th("Iterations"), th("Secondary metrics"))),
                tbody(each(run.results(), r -> row(r, params))))
                .withId("results-" + index).withClass("results sortable")).withClass("table-wrap");
    }

    private static DomContent row(RunResult result, List<String> params) {
        JmhResult r = result.primary();
        return tr(td(r.key().shortName()).attr("title", r.key().benchmark()),
                td(r.key().mode()),
                each(params, name -> param(r.key().params().get(name))),
                numeric(r.score()), numeric(r.scoreError()), td(r.unit().text()),
                numeric(Integer.toString(r.iterations()), r.iterations()),
                secondary(result.secondary()))
                .withClass("result");
    }

    /** A param as JMH gave it; a numeric one sorts as a number. */
    private static DomContent param(String value) {
        if (value == null) {
            return td("");
        }
        Double number = numberOrNull(value);
        return number == null ? td(value) : numeric(value, number);
    }

    private static TdTag numeric(double value) {
        return numeric(Html.number(value), value);
    }

    private static TdTag numeric(String shown, double value) {
        return td(shown).withClass("number").attr("data-sort", Double.isNaN(value) ? "" : Double.toString(value));
    }

    private static Double numberOrNull(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The secondary metrics, folded: a traced pipeline has a dozen. */
    private static DomContent secondary(Map<String, RunFile.SecondaryMetric> metrics) {
        if (metrics.isEmpty()) {
            return td("").withClass("secondary");
        }
        return td(details(summary(metrics.size() + " metric" + (metrics.size() == 1 ? "" : "s")),
                each(metrics, (name, metric) -> div(name + " " + Html.number(metric.score()) + " " + metric.unit()))))
                .withClass("secondary");
    }
}
