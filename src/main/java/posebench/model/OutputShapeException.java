package posebench.model;

/** The output node does not give the 57 channels (19 heatmaps, 38 PAFs) of an OpenPose graph. */
public class OutputShapeException extends ModelException {

    public OutputShapeException(String source, String message) {
        super(source, message, null);
    }

    public OutputShapeException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
