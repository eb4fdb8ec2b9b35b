package posebench.model;

import java.util.List;

/** The graph uses op types this TensorFlow build does not know; their library must be loaded first. */
public class UnknownOpException extends ModelException {

    private final List<String> opTypes;

    public UnknownOpException(String source, String message, List<String> opTypes) {
        super(source, message, null);
        this.opTypes = List.copyOf(opTypes);
    }

    /** The unregistered op types, sorted. */
    public List<String> opTypes() {
        return opTypes;
    }
}
