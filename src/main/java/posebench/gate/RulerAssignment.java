package posebench.gate;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Benchmarks whose name contains a match of {@code benchmarks} (as JMH's include patterns match)
 * are normalised by {@code ruler} alone rather than by the geometric mean of both rulers: under
 * load a plain Java loop and a TensorFlow op slow down by different amounts.
 */
public record RulerAssignment(Pattern benchmarks, Ruler ruler) {

    /** Parses {@code REGEX=RULER}, e.g. {@code \.paf\.=javaKernel}. */
    public static RulerAssignment parse(String text) {
        int equals = text.lastIndexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("expected REGEX=RULER (e.g. \\.paf\\.=javaKernel), got '"
                    + text + "'");
        }
        try {
            return new RulerAssignment(Pattern.compile(text.substring(0, equals)),
                    Ruler.named(text.substring(equals + 1)));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regular expression in '" + text + "': " + e.getDescription(), e);
        }
    }

    public boolean covers(String benchmark) {
        return benchmarks.matcher(benchmark).find();
    }
}
