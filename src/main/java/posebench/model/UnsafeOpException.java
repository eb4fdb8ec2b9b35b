package posebench.model;

import java.util.List;
import java.util.Optional;

/**
 * The graph holds an op outside posebench's allowlist ({@link AllowedOps}): one that can reach
 * files, the network, other processes or state beyond the run, or one simply not on the list.
 */
public class UnsafeOpException extends ModelException {

    private final String node;
    private final String opType;
    private final OpAccess access;
    private final List<String> opTypes;

    /**
     * @param node the first refused node, as {@code name}, or {@code function/name} in a function body
     * @param access what the op reaches, or null when it is merely not on the list
     * @param opTypes every refused op type of the graph, sorted
     */
    public UnsafeOpException(String source, String node, String opType, OpAccess access, List<String> opTypes,
            String message) {
        super(source, message, null);
        this.node = node;
        this.opType = opType;
        this.access = access;
        this.opTypes = List.copyOf(opTypes);
    }

    /** The first refused node. */
    public String node() {
        return node;
    }

    /** The first refused node's op type. */
    public String opType() {
        return opType;
    }

    /** What the first refused op reaches; empty when it is only not on the list. */
    public Optional<OpAccess> access() {
        return Optional.ofNullable(access);
    }

    /** Every refused op type in the graph and its functions, sorted: what {@code --allow-op} would have to name. */
    public List<String> opTypes() {
        return opTypes;
    }
}
