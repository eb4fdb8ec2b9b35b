package posebench.gate;

/** What the gate concludes about one benchmark. */
public enum Verdict {
    PASS("ok", false),
    WITHIN_NOISE("ok: intervals overlap", false),
    NOT_SIGNIFICANT("ok: not significant", false),
    FASTER("faster", false),
    REGRESSION("REGRESSION", true),
    MISSING("FAIL: missing from current", true),
    NEW("new: not in baseline", false),
    RULER("ruler (ratio of medians)", false);

    private final String label;
    private final boolean fails;

    Verdict(String label, boolean fails) {
        this.label = label;
        this.fails = fails;
    }

    public String label() {
        return label;
    }

    /** Whether this verdict fails the gate. */
    public boolean fails() {
        return fails;
    }
}
