package posebench.model;

/** The model file is missing, a directory, empty or unreadable. */
public class ModelFileException extends ModelException {

    public ModelFileException(String source, String message) {
        super(source, message, null);
    }

    public ModelFileException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
