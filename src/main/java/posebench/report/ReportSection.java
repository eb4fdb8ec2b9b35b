package posebench.report;

import j2html.tags.DomContent;

/**
 * One section of the report page: an anchor, a heading and a body. The page lists its sections in
 * order; a new kind of content (a history of runs, say) is one more implementation in that list.
 */
public interface ReportSection {

    /** The anchor of the section, unique in the page: letters, digits and dashes. */
    String id();

    String title();

    /** The section's content; every string from an input file goes in as escaped text. */
    DomContent body();
}
