package posebench.report;

import static j2html.TagCreator.button;
import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.span;
import static j2html.TagCreator.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import j2html.tags.DomContent;

import posebench.profile.ScopeTable;

/**
 * The scope table of each trace file in the profiles folder as a tree of {@code <details>}: the root
 * open, every deeper scope collapsed, and buttons that open the tree to a depth.
 */
final class ScopeTablesSection implements ReportSection {

    private static final int DEPTH_BUTTONS = 3;

    private final ProfileFiles profiles;

    ScopeTablesSection(ProfileFiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public String id() {
        return "scopes";
    }

    @Override
    public String title() {
        return "Scope tables";
    }

    @Override
    public DomContent body() {
        if (profiles.dir() == null) {
            return Html.note("no --profiles folder was given, so no trace scope tables");
        }
        if (profiles.traces().isEmpty()) {
            return each(each(profiles.problems(), Html::note), Html.note("no trace-*.json files in " + profiles.dir()
                    + " (bin/posebench trace --out DIR, or -prof posebench.profile.TraceProfiler)"));
        }
        List<DomContent> buttons = new ArrayList<>();
        for (int depth = 1; depth <= DEPTH_BUTTONS; depth++) {
            buttons.add(button("open to depth " + depth).withClass("open-depth").attr("data-depth", depth));
        }
        buttons.add(button("open all").withClass("open-depth").attr("data-depth", Integer.MAX_VALUE));
        return each(each(profiles.problems(), Html::note), div(each(buttons.stream())).withClass("depth-buttons"),
                each(profiles.traces(), ScopeTablesSection::trace));
    }

    private static DomContent trace(TraceFile trace) {
        TraceFile.Scope root = trace.scopes().get(0);
        String header = String.format(Locale.ROOT, "%s: model %s, filter %d, smoother %s, compile %s, %d traced run(s),"
                        + " graph total %s", trace.name(), trace.model(), trace.filterSize(), trace.smoother(),
                trace.compile(), trace.tracedRuns(), ScopeTable.formatMicros(root.total().execUs()));
        return div(div(header).withClass("trace-title"),
                div(span("scope").withClass("name"), span("total").withClass("col"), span("self").withClass("col"),
                        span("share").withClass("col"), span("requested").withClass("col"),
                        span("GFLOP/s").withClass("col")).withClass("scope-head"),
                node(trace.scopes(), 0, root.total().execUs()))
                .withClass("trace");
    }

    /** The scope at {@code index} and, below it, the rows of its subtree (depth first, deeper than it). */
    private static DomContent node(List<TraceFile.Scope> rows, int index, double rootMicros) {
        TraceFile.Scope scope = rows.get(index);
        List<DomContent> children = new ArrayList<>();
        for (int i = index + 1; i < rows.size() && rows.get(i).depth() > scope.depth(); i++) {
            if (rows.get(i).depth() == scope.depth() + 1) {
                children.add(node(rows, i, rootMicros));
            }
        }
        DomContent line = line(scope, rootMicros);
        if (children.isEmpty()) {
            return div(line).withClass("scope leaf").attr("data-depth", scope.depth());
        }
        var details = details(summary(line), each(children.stream())).withClass("scope").attr("data-depth", scope.depth());
        return scope.depth() == 0 ? details.attr("open", "open") : details;
    }

    private static DomContent line(TraceFile.Scope scope, double rootMicros) {
        String leaf = scope.name().substring(scope.name().lastIndexOf('/') + 1);
        boolean op = scope.opType() != null && !scope.opType().isEmpty();
        return span(span(leaf).withClass("name").attr("title", scope.name() + (op ? " (" + scope.opType() + ")" : "")),
                span(ScopeTable.formatMicros(scope.total().execUs())).withClass("col"),
                span(ScopeTable.formatMicros(scope.self().execUs())).withClass("col"),
                span(rootMicros > 0 ? String.format(Locale.ROOT, "%.1f %%", 100 * scope.total().execUs() / rootMicros) : "-")
                        .withClass("col"),
                span(ScopeTable.formatBytes(scope.total().requestedBytes())).withClass("col"),
                span(scope.gflopsPerS() == null ? "-" : Html.number(scope.gflopsPerS())).withClass("col"));
    }
}
