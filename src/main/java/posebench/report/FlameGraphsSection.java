package posebench.report;

import static j2html.TagCreator.a;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.iframe;
import static j2html.TagCreator.p;
import static j2html.TagCreator.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import j2html.tags.DomContent;

/**
 * The async-profiler flame graphs of the profiles folder: each linked relative to the report, and
 * embedded when small, in a sandboxed frame whose scripts cannot reach the report.
 */
final class FlameGraphsSection implements ReportSection {

    /** Larger flame graphs are linked only, so that the report stays a few MB. */
    static final long EMBED_LIMIT_BYTES = 400_000;

    private final ProfileFiles profiles;
    private final Path reportDir;

    FlameGraphsSection(ProfileFiles profiles, Path report) {
        this.profiles = profiles;
        this.reportDir = report.toAbsolutePath().getParent();
    }

    @Override
    public String id() {
        return "flame-graphs";
    }

    @Override
    public String title() {
        return "Flame graphs";
    }

    @Override
    public DomContent body() {
        if (profiles.dir() == null) {
            return Html.note("no --profiles folder was given, so no flame graphs");
        }
        if (profiles.flameGraphs().isEmpty()) {
            return Html.note("no flame-*.html files in " + profiles.dir()
                    + " (-prof posebench.profile.FlameGraphProfiler writes them)");
        }
        return each(profiles.flameGraphs(), this::flameGraph);
    }

    private DomContent flameGraph(Path file) {
        String href = reportDir.toUri().relativize(file.toAbsolutePath().toUri()).toString();
        DomContent link = a(file.getFileName().toString()).withHref(href).attr("target", "_blank");
        long size;
        String html;
        try {
            size = Files.size(file);
            html = size <= EMBED_LIMIT_BYTES ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return div(p(link), Html.note("cannot read " + file + ": " + e.getMessage())).withClass("flame");
        }
        String kb = String.format(Locale.ROOT, " (%.0f KB)", size / 1e3);
        if (html == null) {
            return div(p(link, text(kb + ", linked only: larger than "
                    + EMBED_LIMIT_BYTES / 1000 + " KB"))).withClass("flame");
        }
        // srcdoc is an attribute: j2html escapes the page into it; the sandbox keeps its scripts off this page.
        return div(p(link, text(kb)), iframe().attr("srcdoc", html).attr("sandbox", "allow-scripts")
                .attr("loading", "lazy").attr("title", "flame graph " + file.getFileName())).withClass("flame");
    }
}
