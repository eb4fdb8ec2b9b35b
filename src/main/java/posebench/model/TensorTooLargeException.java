package posebench.model;

/**
 * A node's static shapes imply a tensor larger than {@link TensorBudget} allows: a graph that
 * would exhaust the machine's memory at its first run (a "resource bomb").
 */
public class TensorTooLargeException extends ModelException {

    private final String node;
    private final long bytes;

    public TensorTooLargeException(String source, String node, long bytes, String message) {
        super(source, message, null);
        this.node = node;
        this.bytes = bytes;
    }

    /** The node whose output is too large. */
    public String node() {
        return node;
    }

    /** The least number of bytes its output needs ({@link Long#MAX_VALUE} when that overflows). */
    public long bytes() {
        return bytes;
    }
}
