package posebench;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tries bad inputs one by one, checks that each either works or fails with the expected
 * exception type naming the file, within a time limit (a hang fails the test), and counts
 * what became of them per kind for the report.
 */
public final class BadInputs {

    private final String suite;
    private final Class<? extends RuntimeException> expected;
    private final Duration limit;
    private final Map<String, Map<String, Integer>> outcomes = new TreeMap<>();

    public BadInputs(String suite, Class<? extends RuntimeException> expected, Duration limit) {
        this.suite = suite;
        this.expected = expected;
        this.limit = limit;
    }

    /** Runs {@code action} on one bad input of the given kind that {@code file} names. */
    public void attempt(String kind, String file, Runnable action) {
        String outcome;
        try {
            assertTimeoutPreemptively(limit, action::run, () -> kind + " " + file + " took over " + limit);
            outcome = "worked";
        } catch (RuntimeException e) {
            if (!expected.isInstance(e)) {
                throw new AssertionError(kind + " " + file + ": expected a " + expected.getSimpleName()
                        + ", got " + e, e);
            }
            if (e.getMessage() == null || !e.getMessage().contains(file)) {
                fail(kind + ": the message does not name " + file + ": " + e.getMessage());
            }
            outcome = e.getClass().getSimpleName();
        }
        outcomes.computeIfAbsent(kind, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
    }

    /** How many inputs of a kind were tried. */
    public int tried(String kind) {
        return outcomes.getOrDefault(kind, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many inputs of a kind ended with the given outcome: an exception's simple name or "worked". */
    public int count(String kind, String outcome) {
        return outcomes.getOrDefault(kind, Map.of()).getOrDefault(outcome, 0);
    }

    /** Prints one line per kind: the number tried and the outcomes. */
    public void print() {
        outcomes.forEach((kind, counts) -> System.out.println("[bad inputs] " + suite + " / " + kind + ": "
                + tried(kind) + " tried, " + counts));
    }
}
