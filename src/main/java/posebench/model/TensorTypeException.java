package posebench.model;

/** The input or output tensor is not float32, the type the pipeline feeds and fetches. */
public class TensorTypeException extends ModelException {

    public TensorTypeException(String source, String message) {
        super(source, message, null);
    }
}
