package posebench.model;

import java.util.Objects;

/** Why a model graph cannot be used; every subclass names the file (or model) and the cause. */
public abstract class ModelException extends RuntimeException {

    private final String source;

    protected ModelException(String source, String message, Throwable cause) {
        super(Objects.requireNonNull(source, "source") + ": " + message, cause);
        this.source = source;
    }

    /** The file path or zoo name of the model. */
    public String source() {
        return source;
    }
}
