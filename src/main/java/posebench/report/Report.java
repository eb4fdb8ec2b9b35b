package posebench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import posebench.cost.MachinePrice;
import posebench.gate.Gate;
import posebench.io.AtomicFile;

/**
 * What {@code posebench report} reads and the sections it shows, in order: the machine, every
 * benchmark, the charts, the scope tables, the flame graphs, the filter comparison and, with
 * several runs, their comparison. Add a section by adding it to {@link #sections()}.
 *
 * @param runs           the JMH result files, the first one the baseline of the comparison
 * @param profiles       the trace files and flame graphs, {@link ProfileFiles#NONE} without a folder
 * @param compareFilters the {@code compare-filters --json} output, or null
 * @param price          what this machine costs an hour, for the cost chart
 * @param out            where the page goes (flame graphs are linked relative to it)
 */
public record Report(List<RunFile> runs, ProfileFiles profiles, Path compareFilters, MachinePrice price, Path out) {

    public Report {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one results file");
        }
    }

    public List<ReportSection> sections() {
        List<ReportSection> sections = new ArrayList<>();
        sections.add(new MachineSection(runs));
        sections.add(new ResultsTableSection(runs));
        sections.add(new ChartsSection(runs, profiles, price));
        sections.add(new ScopeTablesSection(profiles));
        sections.add(new FlameGraphsSection(profiles, out));
        sections.add(new FilterComparisonSection(compareFilters));
        if (runs.size() > 1) {
            sections.add(new RunComparisonSection(runs, Gate.DEFAULT_THRESHOLD_PERCENT));
        }
        return sections;
    }

    /** Renders {@code sections} and writes the page to {@link #out}, whole or not at all. */
    public void write(List<ReportSection> sections) {
        String subtitle = "posebench report of " + runs.stream().map(run -> run.path().toString())
                .collect(Collectors.joining(", "));
        AtomicFile.writeString(out, ReportPage.render("posebench report", subtitle, sections));
    }
}
