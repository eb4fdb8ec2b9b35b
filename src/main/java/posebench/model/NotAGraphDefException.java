package posebench.model;

/** The file parses neither as a binary nor as a text-format TensorFlow GraphDef. */
public class NotAGraphDefException extends ModelException {

    public NotAGraphDefException(String source, String message) {
        super(source, message, null);
    }

    public NotAGraphDefException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
