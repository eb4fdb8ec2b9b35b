package posebench.history;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import posebench.io.AtomicFile;

/**
 * The trend chart: each trend's scores over time with JMH's error bars, divided by the trend's
 * median so that benchmarks in other units share one axis, and a dashed line at each change point.
 */
public final class TrendChart {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;

    private TrendChart() {
    }

    /** Writes the chart of {@code points} with {@code changes} marked as PNG, atomically. */
    public static void writePng(Path file, List<TrendPoint> points, List<ChangePoint> changes) {
        SortedMap<TrendPoint.Series, List<TrendPoint>> trends = History.bySeries(points);
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        for (var trend : trends.entrySet()) {
            double median = median(trend.getValue());
            XYIntervalSeries series = new XYIntervalSeries(label(trend.getKey()));
            for (TrendPoint p : trend.getValue()) {
                double x = p.measuredAt().toEpochMilli();
                double y = p.score() / median;
                double error = Double.isNaN(p.scoreError()) ? 0 : p.scoreError() / median;
                series.add(x, x, x, y, y - error, y + error);
            }
            data.addSeries(series);
        }
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        NumberAxis relative = new NumberAxis("score / the trend's median");
        relative.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, new DateAxis("measured"), relative, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (ChangePoint change : changes) {
            ValueMarker marker = new ValueMarker(change.after().measuredAt().toEpochMilli(), Color.DARK_GRAY,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            marker.setLabel(shortCommit(change.after().commit()) + " " + change.describe());
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(marker);
        }
        JFreeChart chart = new JFreeChart("Benchmark history", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFile.write(file, tmp -> {
            try (var out = Files.newOutputStream(tmp)) {
                ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            }
        });
    }

    /** A trend's legend: short benchmark name, params, machine fingerprint. */
    static String label(TrendPoint.Series series) {
        return series.key().shortName() + (series.key().params().isEmpty() ? "" : " " + series.key().paramsText())
                + " @" + series.fingerprint();
    }

    /** The first 10 characters of a commit id, as git shows them. */
    public static String shortCommit(String commit) {
        return commit.length() > 10 ? commit.substring(0, 10) : commit;
    }

    private static double median(List<TrendPoint> trend) {
        double[] scores = trend.stream().mapToDouble(TrendPoint::score).sorted().toArray();
        int middle = scores.length / 2;
        return scores.length % 2 == 1 ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2;
    }
}
