package posebench.model;

/** The graph keeps its weights in variables, so it has no weights without a checkpoint: it is not frozen. */
public class UnfrozenGraphException extends ModelException {

    public UnfrozenGraphException(String source, String message) {
        super(source, message, null);
    }

    public UnfrozenGraphException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
