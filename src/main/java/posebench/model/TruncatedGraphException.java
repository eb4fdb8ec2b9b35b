package posebench.model;

/** The GraphDef ends early: a cut or partly downloaded file. */
public class TruncatedGraphException extends ModelException {

    public TruncatedGraphException(String source, String message) {
        super(source, message, null);
    }

    public TruncatedGraphException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
