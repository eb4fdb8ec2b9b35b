package posebench.model;

/** TensorFlow could not build or run the pipeline on the model's graph, e.g. a corrupt attribute. */
public class ModelRunException extends ModelException {

    public ModelRunException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
