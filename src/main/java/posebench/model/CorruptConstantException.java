package posebench.model;

/** A constant's stored value does not fit its declared shape and type: the file is corrupt. */
public class CorruptConstantException extends ModelException {

    private final String node;

    public CorruptConstantException(String source, String node, String problem) {
        super(source, "constant '" + node + "' " + problem + ": the file is corrupt", null);
        this.node = node;
    }

    /** The constant's node name. */
    public String node() {
        return node;
    }
}
