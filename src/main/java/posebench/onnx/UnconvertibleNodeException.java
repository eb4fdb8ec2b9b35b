package posebench.onnx;

import posebench.model.ModelException;

/** A node of the graph that the ONNX converter cannot translate: its op, an attribute or a non-constant shape. */
public class UnconvertibleNodeException extends ModelException {

    private final String node;
    private final String opType;

    public UnconvertibleNodeException(String source, String node, String opType, String reason) {
        super(source, "node '" + node + "' (op " + opType + ") cannot be converted to ONNX: " + reason, null);
        this.node = node;
        this.opType = opType;
    }

    public String node() {
        return node;
    }

    public String opType() {
        return opType;
    }
}
