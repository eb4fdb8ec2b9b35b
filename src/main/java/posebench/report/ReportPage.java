package posebench.report;

import static j2html.TagCreator.a;
import static j2html.TagCreator.body;
import static j2html.TagCreator.document;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.head;
import static j2html.TagCreator.header;
import static j2html.TagCreator.html;
import static j2html.TagCreator.main;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.p;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.script;
import static j2html.TagCreator.section;
import static j2html.TagCreator.style;
import static j2html.TagCreator.title;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The report as one self-contained HTML page: its style and its few lines of script inline, every
 * chart an inline SVG and every picture a data URI, so it opens from disk with no network.
 */
public final class ReportPage {

    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");

    private ReportPage() {
    }

    /** The page of {@code sections} in order, with a navigation bar; {@code subtitle} says what it reports. */
    public static String render(String title, String subtitle, List<ReportSection> sections) {
        return document(html(
                head(meta().withCharset("utf-8"), meta().withName("viewport").withContent("width=device-width"),
                        title(title), style(rawHtml(CSS))),
                body(header(h1(title), p(subtitle)),
                        nav(each(sections, s -> a(s.title()).withHref("#" + s.id()))),
                        main(each(sections, s -> section(h2(s.title()), s.body()).withId(s.id()))),
                        script(rawHtml(JS)))).withLang("en"));
    }

    private static String resource(String name) {
        try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("posebench/report/" + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read posebench/report/" + name, e);
        }
    }
}
