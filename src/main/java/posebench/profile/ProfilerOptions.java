package posebench.profile;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

import joptsimple.HelpFormatter;
import joptsimple.OptionDescriptor;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.openjdk.jmh.profile.ProfilerException;

/**
 * Options of a posebench JMH profiler in JMH's own style, {@code -prof Name:key=value;key=value},
 * parsed with jopt-simple as JMH's built-in profilers are; {@code help} lists them.
 */
final class ProfilerOptions {

    private final String profiler;
    /** No abbreviations: {@code rum=3} must not pass as {@code runs}. */
    private final OptionParser parser = new OptionParser(false);

    ProfilerOptions(String profiler) {
        this.profiler = profiler;
        parser.formatHelpWith(new Help());
    }

    /** Where options are declared, as with jopt-simple. */
    OptionParser parser() {
        return parser;
    }

    /** Parses the part of {@code -prof} after the colon; a bad option or {@code help} gives the help text. */
    OptionSet parse(String initLine) throws ProfilerException {
        parser.accepts("help", "Print this help.");
        OptionSpec<String> rest = parser.nonOptions();
        String[] args = initLine == null || initLine.isBlank() ? new String[0] : initLine.split(";");
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].isEmpty() ? args[i] : "-" + args[i].trim();
        }
        OptionSet set;
        try {
            set = parser.parse(args);
            for (OptionSpec<?> spec : set.specs()) {
                set.valuesOf(spec); // converts now, so a bad number is reported here with the help
            }
        } catch (OptionException e) {
            throw new ProfilerException(e.getMessage() + "\n" + help());
        }
        if (set.has("help")) {
            throw new ProfilerException(help());
        }
        if (!set.valuesOf(rest).isEmpty()) {
            throw new ProfilerException("unknown options " + set.valuesOf(rest) + " in '" + initLine + "'\n" + help());
        }
        return set;
    }

    private String help() {
        StringWriter out = new StringWriter();
        try {
            parser.printHelpOn(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** JMH's layout: usage line, then {@code name=<arg>} and its description with the default. */
    private final class Help implements HelpFormatter {
        @Override
        public String format(Map<String, ? extends OptionDescriptor> options) {
            StringBuilder out = new StringBuilder("Usage: -prof ").append(profiler)
                    .append(":opt1=value1;opt2=value2\n\nOptions:\n");
            options.values().stream().distinct().filter(d -> !d.representsNonOptions()).forEach(d -> {
                String name = String.join(", ", d.options()) + (d.acceptsArguments()
                        ? "=<" + d.argumentDescription() + ">" : "");
                out.append(String.format("  %-22s %s", name, d.description()));
                if (!d.defaultValues().isEmpty()) {
                    out.append(" (default: ").append(d.defaultValues().get(0)).append(')');
                }
                out.append('\n');
            });
            return out.toString();
        }
    }
}
