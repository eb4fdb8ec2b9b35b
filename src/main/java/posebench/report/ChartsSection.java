package posebench.report;

import static j2html.TagCreator.each;

import java.util.List;

import j2html.tags.DomContent;

import posebench.cost.MachinePrice;

/** The run's charts, each a note instead where the run lacks its data. */
final class ChartsSection implements ReportSection {

    private final RunCharts charts;
    private final ProfileFiles profiles;
    private final MachinePrice price;

    ChartsSection(List<RunFile> runs, ProfileFiles profiles, MachinePrice price) {
        this.charts = new RunCharts(runs);
        this.profiles = profiles;
        this.price = price;
    }

    @Override
    public String id() {
        return "charts";
    }

    @Override
    public String title() {
        return "Charts";
    }

    @Override
    public DomContent body() {
        return each(charts.smoothing(), charts.stages(profiles), charts.throughput(), charts.cost(price));
    }
}
