package posebench.report;

import static j2html.TagCreator.p;
import static j2html.TagCreator.span;

import java.util.Locale;

import j2html.tags.DomContent;

/** Small pieces of the report's HTML used by several sections: notes and numbers. */
final class Html {

    private Html() {
    }

    /** A visible note about something missing or unreadable in the inputs. */
    static DomContent note(String text) {
        return p(span("note"), span(" " + text)).withClass("note");
    }

    /** Four significant digits, as JMH prints scores; "-" for NaN. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1000 || magnitude == 0) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(magnitude)));
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", value);
    }
}
