package posebench.report;

import static j2html.TagCreator.div;
import static j2html.TagCreator.figcaption;
import static j2html.TagCreator.figure;
import static j2html.TagCreator.rawHtml;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

import j2html.tags.DomContent;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A chart of the report: a JFreeChart drawn by JFreeSVG into an SVG element inlined in the page, or,
 * when the run lacks its data, a note saying what is missing. The figure carries the plot's data area
 * ({@code data-plot-area="x y width height"}) so that a test can count the marks drawn inside it.
 */
public final class ChartFigure {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartFigure() {
    }

    /** {@code chart} drawn at {@code width} x {@code height}; {@code id} must be unique in the page. */
    public static DomContent of(String id, JFreeChart chart, int width, int height, String caption) {
        chart.setBackgroundPaint(Color.WHITE);
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        // Each SVG's clip paths need ids of their own in a page of several charts.
        svg.setDefsKeyPrefix(id + "-");
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(svg, new Rectangle(0, 0, width, height), info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        // JFreeSVG escapes the chart's texts (titles, series and labels from the results) for XML.
        // A view box, so that the page can scale the chart to its width.
        String element = svg.getSVGElement(id + "-svg", true, new ViewBox(0, 0, width, height), null, null);
        return figure(div(rawHtml(element)).withClass("svg"), figcaption(caption))
                .withId(id).withClass("chart")
                .attr("data-plot-area", String.format(Locale.ROOT, "%.1f %.1f %.1f %.1f",
                        area.getX(), area.getY(), area.getWidth(), area.getHeight()));
    }

    /** In place of a chart whose data the run lacks: its title and what was missing. */
    public static DomContent missing(String id, String title, String whatIsMissing) {
        return figure(div(Html.note(title + ": " + whatIsMissing))).withId(id).withClass("chart missing");
    }
}
