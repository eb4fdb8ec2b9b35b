package posebench.report;

import java.awt.Color;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import j2html.tags.DomContent;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import posebench.cost.CostChart;
import posebench.cost.CostRow;
import posebench.cost.InstanceCatalogue;
import posebench.cost.MachinePrice;
import posebench.cost.PipelineResults;
import posebench.results.BenchmarkKey;
import posebench.results.Estimate;
import posebench.results.JmhResult;
import posebench.report.RunFile.RunResult;
import posebench.report.RunFile.SecondaryMetric;

/**
 * The report's four charts of a run: smoothing time against filter size per smoother, pipeline time
 * per stage, throughput against workers and batch, and dollars per 1000 images against FPS beside
 * the article's instances. Each is a note instead when the run lacks its data.
 */
final class RunCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 460;
    private static final String TRACE = "trace.";
    /** Secondary results of the trace profiler that are no stage. */
    private static final Set<String> NOT_STAGES = Set.of("trace.total", "trace.gflops");
    /** Stages of a trace file shown by name; the rest are summed into "other". */
    private static final int TRACE_STAGES = 6;

    private final List<RunFile> runs;

    RunCharts(List<RunFile> runs) {
        this.runs = List.copyOf(runs);
    }

    /** Smoothing and peaks time (ms, log scale) against filter size, one line per smoother, with JMH's intervals. */
    DomContent smoothing() {
        String id = "chart-smoothing";
        String title = "Smoothing + peaks against filter size";
        Map<String, List<JmhResult>> series = series(r -> r.key().benchmark().contains(".SmoothingBenchmark.")
                && isNumber(r.key().params().get("filterSize")) && r.key().params().containsKey("smoother"), "filterSize");
        if (series.isEmpty()) {
            return ChartFigure.missing(id, title, "no SmoothingBenchmark results with filterSize and smoother"
                    + " params in " + names() + " (java -jar target/benchmarks.jar SmoothingBenchmark -p filterSize=5,25)");
        }
        ValueAxis filter = integerAxis("filter size (Gaussian kernel, pixels)");
        LogAxis millis = new LogAxis("ms per operation (log scale)");
        // Base 2, one tick per power: 0.5, 1, 2, 4 ... ms read better than base 10's fractional powers.
        millis.setBase(2);
        millis.setTickUnit(new NumberTickUnit(1), false, false);
        millis.setAutoTickUnitSelection(false);
        millis.setNumberFormatOverride(new DecimalFormat("0.####"));
        millis.setSmallestValue(1e-6);
        JFreeChart chart = intervalChart(title, series, "filterSize", RunCharts::millisPerOp, filter, millis);
        return ChartFigure.of(id, chart, WIDTH, HEIGHT, "SmoothingBenchmark: unsmoothed heatmaps to peaks;"
                + " bars are JMH's 99.9 % intervals.");
    }

    /**
     * Pipeline time per stage as stacked bars: the trace profiler's {@code trace.*} secondary results
     * of the JMH run, or else the top-level scopes of the trace files in the profiles folder.
     */
    DomContent stages(ProfileFiles profiles) {
        String id = "chart-stages";
        String title = "Pipeline time per stage";
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String source;
        List<RunResult> traced = runs.stream().flatMap(run -> run.results().stream())
                .filter(r -> r.secondary().keySet().stream().anyMatch(RunCharts::isStage)).toList();
        if (!traced.isEmpty()) {
            source = "the trace profiler's secondary results (trace.*) of the JMH run: mean ms per traced run"
                    + " of the TensorFlow graph; PAF assembly runs in Java and is not in it";
            Set<String> varying = PipelineResults.varyingParams(traced.stream().map(r -> r.primary().key()).toList());
            for (RunFile run : runs) {
                for (RunResult r : run.results()) {
                    if (!traced.contains(r)) {
                        continue;
                    }
                    String column = prefix(run) + r.key().shortName()
                            + labelSuffix(r.key(), varying);
                    double stages = 0;
                    for (Map.Entry<String, SecondaryMetric> metric : r.secondary().entrySet()) {
                        if (isStage(metric.getKey())) {
                            data.addValue(metric.getValue().score(), metric.getKey().substring(TRACE.length()), column);
                            stages += metric.getValue().score();
                        }
                    }
                    SecondaryMetric total = r.secondary().get("trace.total");
                    if (total != null && total.score() > stages) {
                        data.addValue(total.score() - stages, "other", column);
                    }
                }
            }
        } else if (!profiles.traces().isEmpty()) {
            source = "the top-level scopes of the trace files in " + profiles.dir() + ": mean ms per traced run";
            for (TraceFile trace : profiles.traces()) {
                List<TraceFile.Scope> top = trace.scopes().stream().filter(s -> s.depth() == 1).toList();
                double shown = 0;
                for (TraceFile.Scope scope : top.subList(0, Math.min(TRACE_STAGES, top.size()))) {
                    data.addValue(scope.total().execUs() / 1e3, scope.name(), trace.name());
                    shown += scope.total().execUs() / 1e3;
                }
                double rest = trace.scopes().get(0).total().execUs() / 1e3 - shown;
                if (top.size() > TRACE_STAGES && rest > 0) {
                    data.addValue(rest, "other", trace.name());
                }
            }
        } else {
            return ChartFigure.missing(id, title, "no trace.* secondary results in " + names()
                    + " and no trace-*.json files in " + (profiles.dir() == null ? "--profiles (not given)" : profiles.dir())
                    + " (run PipelineBenchmark with -prof posebench.profile.TraceProfiler)");
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(title, null, "ms per run", data,
                PlotOrientation.HORIZONTAL, true, true, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        int height = Math.max(HEIGHT, 140 + 40 * data.getColumnCount());
        return ChartFigure.of(id, chart, WIDTH, height, "From " + source + ".");
    }

    /** Images per second against workers, one line per batch size (and other setting), with JMH's intervals. */
    DomContent throughput() {
        String id = "chart-throughput";
        String title = "Throughput against workers and batch";
        Map<String, List<JmhResult>> series = series(this::isThroughput, "workers");
        if (series.isEmpty()) {
            return ChartFigure.missing(id, title, "no ThroughputBenchmark results with a workers param in " + names()
                    + " (java -jar target/benchmarks.jar ThroughputBenchmark -p workers=1,2 -p batch=1,4)");
        }
        ValueAxis workers = integerAxis("workers (sessions)");
        NumberAxis fps = new NumberAxis("images per second");
        JFreeChart chart = intervalChart(title, series, "workers", RunCharts::imagesPerSecond, workers, fps);
        return ChartFigure.of(id, chart, WIDTH, HEIGHT, "ThroughputBenchmark: images per second of the whole"
                + " pipeline; bars are JMH's 99.9 % intervals.");
    }

    /** Dollars per 1000 images against FPS, this machine's throughput results beside the article's instances. */
    DomContent cost(MachinePrice price) {
        String id = "chart-cost";
        String title = "Cost per 1000 images against throughput";
        List<CostRow> mine = new ArrayList<>();
        for (RunFile run : runs) {
            List<JmhResult> results = run.results().stream().map(RunResult::primary).filter(this::isThroughput).toList();
            if (!results.isEmpty()) {
                // Points are labelled by their rows' runs: with several files, say which file each is from.
                PipelineResults.costRows(results, price.label(), price.usdPerHour()).forEach(row -> mine.add(
                        new CostRow(row.instance(), prefix(run) + row.run(), row.secondsPerImage(), row.usdPerHour())));
            }
        }
        if (mine.isEmpty()) {
            return ChartFigure.missing(id, title, "no ThroughputBenchmark results in " + names()
                    + ", so no cost for this machine");
        }
        JFreeChart chart = CostChart.chart(title, InstanceCatalogue.load().articleRows(), price.label(), mine);
        return ChartFigure.of(id, chart, CostChart.WIDTH, CostChart.HEIGHT, "The article's rows are its cmu graph on"
                + " AWS at its prices; this machine's are the ThroughputBenchmark results priced as " + price.label() + ".");
    }

    private boolean isThroughput(JmhResult r) {
        return r.key().benchmark().contains(".ThroughputBenchmark.") && isNumber(r.key().params().get("workers"));
    }

    private static boolean isStage(String secondaryMetric) {
        return secondaryMetric.startsWith(TRACE) && !NOT_STAGES.contains(secondaryMetric);
    }

    /** Whether a param is there and numeric: a chart's axis needs it. */
    private static boolean isNumber(String param) {
        if (param == null) {
            return false;
        }
        try {
            return Double.isFinite(Double.parseDouble(param));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** One line per series through its results at param {@code x}, each point with its interval as a bar. */
    private static JFreeChart intervalChart(String title, Map<String, List<JmhResult>> series, String x,
                                            Function<JmhResult, Estimate> y, ValueAxis xAxis, ValueAxis yAxis) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        series.forEach((name, results) -> {
            YIntervalSeries line = new YIntervalSeries(name);
            for (JmhResult r : results) {
                Estimate point = y.apply(r);
                line.add(Double.parseDouble(r.key().params().get(x)), point.value(), point.low(), point.high());
            }
            data.addSeries(line);
        });
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setDrawXError(false);
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(data, xAxis, yAxis, renderer), true);
    }

    /** An axis of a param that takes whole numbers, not starting at zero. */
    private static ValueAxis integerAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** Images per second with the interval, which turns over; an unbounded end is drawn at the value. */
    private static Estimate imagesPerSecond(JmhResult r) {
        Estimate seconds = r.cost();
        return new Estimate(1 / seconds.value(), 1 / seconds.high(),
                seconds.low() > 0 ? 1 / seconds.low() : 1 / seconds.value());
    }

    /**
     * The selected results grouped into series by every varying param but {@code x} (and by run when
     * there are several), each series in order of {@code x}.
     */
    private Map<String, List<JmhResult>> series(Predicate<JmhResult> selected, String x) {
        Map<String, List<JmhResult>> series = new LinkedHashMap<>();
        List<JmhResult> all = runs.stream().flatMap(run -> run.results().stream()).map(RunResult::primary)
                .filter(selected).toList();
        Set<String> varying = new LinkedHashSet<>(PipelineResults.varyingParams(all.stream().map(JmhResult::key).toList()));
        varying.remove(x);
        for (RunFile run : runs) {
            for (RunResult r : run.results()) {
                if (selected.test(r.primary())) {
                    String label = PipelineResults.label(r.key(), varying);
                    series.computeIfAbsent(prefix(run) + (label.isEmpty() ? r.key().shortName() : label),
                            k -> new ArrayList<>()).add(r.primary());
                }
            }
        }
        series.values().forEach(list -> list.sort((a, b) -> Double.compare(
                Double.parseDouble(a.key().params().get(x)), Double.parseDouble(b.key().params().get(x)))));
        return series;
    }

    /**
     * Milliseconds per operation with the interval. A lower bound of 0 (noise) is drawn at a tenth of the
     * value, an infinite upper bound at ten times it: a log axis has no room for either.
     */
    private static Estimate millisPerOp(JmhResult r) {
        Estimate seconds = r.cost();
        double value = seconds.value() * 1e3;
        double high = Double.isInfinite(seconds.high()) ? value * 10 : seconds.high() * 1e3;
        return new Estimate(value, seconds.low() > 0 ? seconds.low() * 1e3 : value / 10, high);
    }

    private String prefix(RunFile run) {
        return runs.size() > 1 ? run.name() + ": " : "";
    }

    private static String labelSuffix(BenchmarkKey key, Set<String> varying) {
        String label = PipelineResults.label(key, varying);
        return label.isEmpty() ? "" : " " + label;
    }

    private String names() {
        return runs.stream().map(run -> run.path().toString()).collect(Collectors.joining(", "));
    }
}
