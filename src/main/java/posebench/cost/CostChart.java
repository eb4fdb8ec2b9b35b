package posebench.cost;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
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
import org.jfree.data.Range;
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

    /** The plot area inside the title, axes and legend, roughly, for placing labels. */
    private static final double PLOT_WIDTH = WIDTH - 110;
    private static final double PLOT_HEIGHT = HEIGHT - 130;
    private static final int FONT_SIZE = 11;
    /** Width of one character of the label font, roughly. */
    private static final double CHAR_WIDTH = 6.3;
    private static final double GAP = 4;
    /** A label cut off at the plot's edge is worse than one over another: its text is lost. */
    private static final double CUT_OFF_WEIGHT = 5;

    /** Where a label may go: above right, below right, above left, below left of its point. */
    private enum Side {
        ABOVE_RIGHT(ItemLabelAnchor.OUTSIDE2, TextAnchor.BOTTOM_LEFT, 1, -1),
        BELOW_RIGHT(ItemLabelAnchor.OUTSIDE4, TextAnchor.TOP_LEFT, 1, 1),
        ABOVE_LEFT(ItemLabelAnchor.OUTSIDE10, TextAnchor.BOTTOM_RIGHT, -1, -1),
        BELOW_LEFT(ItemLabelAnchor.OUTSIDE8, TextAnchor.TOP_RIGHT, -1, 1);

        final ItemLabelPosition position;
        final int dx;
        final int dy;

        Side(ItemLabelAnchor anchor, TextAnchor text, int dx, int dy) {
            this.position = new ItemLabelPosition(anchor, text);
            this.dx = dx;
            this.dy = dy;
        }

        Rectangle2D box(double x, double y, double width, double height) {
            return new Rectangle2D.Double(dx > 0 ? x + GAP : x - GAP - width, dy > 0 ? y + GAP : y - GAP - height,
                    width, height);
        }
    }

    private CostChart() {
    }

    /** Writes the chart as PNG, atomically. */
    public static void writePng(Path file, String title, List<CostRow> article, String machineName, List<CostRow> machine) {
        JFreeChart chart = chart(title, article, machineName, machine);
        AtomicFile.write(file, tmp -> {
            try (var out = Files.newOutputStream(tmp)) {
                ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            }
        });
    }

    /** The chart, to be drawn at {@link #WIDTH} x {@link #HEIGHT} (its labels are placed for that size). */
    public static JFreeChart chart(String title, List<CostRow> article, String machineName, List<CostRow> machine) {
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
        // Room for labels left of the slowest points and right of the fastest.
        fps.setLowerMargin(0.4);
        fps.setUpperMargin(0.3);
        List<List<Side>> sides = new ArrayList<>();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true) {
            @Override
            public ItemLabelPosition getPositiveItemLabelPosition(int series, int item) {
                return sides.get(series).get(item).position;
            }
        };
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesPaint(1, new Color(0xd62728));
        renderer.setDefaultItemLabelGenerator((dataset, series, item) -> pointLabel(groups.get(series).get(item)));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, FONT_SIZE));
        XYPlot plot = new XYPlot(data, fps, dollars, renderer);
        sides.addAll(placeLabels(groups, fps.getRange(), dollars.getRange()));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * Puts each label, in row order, on the side of its point where it overlaps the points and
     * labels placed so far, and the plot's edges, least; positions are estimated in pixels from
     * the axis ranges and the font.
     */
    private static List<List<Side>> placeLabels(List<List<CostRow>> groups, Range fps, Range dollars) {
        Rectangle2D plotArea = new Rectangle2D.Double(0, 0, PLOT_WIDTH, PLOT_HEIGHT);
        List<Rectangle2D> taken = new ArrayList<>();
        for (List<CostRow> rows : groups) {
            for (CostRow r : rows) {
                double[] p = pixel(r, fps, dollars);
                taken.add(new Rectangle2D.Double(p[0] - GAP, p[1] - GAP, 2 * GAP, 2 * GAP));
            }
        }
        List<List<Side>> sides = new ArrayList<>();
        for (List<CostRow> rows : groups) {
            List<Side> chosen = new ArrayList<>();
            for (CostRow r : rows) {
                double[] p = pixel(r, fps, dollars);
                double width = pointLabel(r).length() * CHAR_WIDTH;
                Side best = Side.ABOVE_RIGHT;
                double bestClash = Double.POSITIVE_INFINITY;
                for (Side side : Side.values()) {
                    Rectangle2D box = side.box(p[0], p[1], width, FONT_SIZE + 3);
                    double clash = CUT_OFF_WEIGHT * (area(box) - area(box.createIntersection(plotArea)));
                    for (Rectangle2D other : taken) {
                        clash += area(box.createIntersection(other));
                    }
                    if (clash < bestClash) {
                        best = side;
                        bestClash = clash;
                    }
                }
                chosen.add(best);
                taken.add(best.box(p[0], p[1], width, FONT_SIZE + 3));
            }
            sides.add(chosen);
        }
        return sides;
    }

    /** A row's point in plot pixels, y down. */
    private static double[] pixel(CostRow row, Range fps, Range dollars) {
        return new double[] {PLOT_WIDTH * logFraction(row.fps(), fps),
                PLOT_HEIGHT * (1 - logFraction(row.usdPer1000Images(), dollars))};
    }

    private static double logFraction(double value, Range range) {
        return (Math.log(value) - Math.log(range.getLowerBound()))
                / (Math.log(range.getUpperBound()) - Math.log(range.getLowerBound()));
    }

    /** The area of a rectangle; an empty intersection has negative width or height. */
    private static double area(Rectangle2D r) {
        return Math.max(0, r.getWidth()) * Math.max(0, r.getHeight());
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
