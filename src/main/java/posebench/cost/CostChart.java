package posebench.cost;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Files;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.List;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import posebench.io.AtomicFile;

/**
 * The cost chart: dollars per 1000 images against FPS, both on log axes, one labelled point per
 * row, the article's rows and this machine's in two colours. Rendered headless.
 */
public final class CostChart {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 650;

    private CostChart() {
    }

    /** Writes the chart as PNG, atomically. */
    public static void writePng(Path file, String title, List<CostRow> article, String machineName, List<CostRow> machine) {
        List<List<CostRow>> groups = List.of(article, machine);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("article (AWS, cmu graph)", article));
        data.addSeries(series(machineName, machine));
        LogAxis fps = new LogAxis("images per second (FPS)");
        LogAxis dollars = new LogAxis("$ per 1000 images");
        // Base 2 with one tick per power: 1, 2, 4 ... FPS and 0.002, 0.004 ... dollars read better than base 10's.
        for (LogAxis axis : List.of(fps, dollars)) {
            axis.setBase(2);
            axis.setTickUnit(new NumberTickUnit(1), false, false);
            axis.setAutoTickUnitSelection(false);
        }
        fps.setNumberFormatOverride(new DecimalFormat("0.##"));
        dollars.setNumberFormatOverride(new DecimalFormat("0.####"));
        fps.setUpperMargin(0.25);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesPaint(1, new Color(0xd62728));
        renderer.setDefaultItemLabelGenerator((dataset, series, item) -> pointLabel(groups.get(series).get(item)));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        renderer.setDefaultPositiveItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        XYPlot plot = new XYPlot(data, fps, dollars, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFile.write(file, tmp -> {
            try (var out = Files.newOutputStream(tmp)) {
                ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            }
        });
    }

    private static XYSeries series(String name, List<CostRow> rows) {
        // Two rows may share a point (same FPS): keep both, the labels tell them apart.
        XYSeries series = new XYSeries(name, false, true);
        for (CostRow r : rows) {
            series.add(r.fps(), r.usdPer1000Images());
        }
        return series;
    }

    private static String pointLabel(CostRow row) {
        return row.run().startsWith("article") ? row.instance() + row.run().substring("article".length()) : row.run();
    }
}
