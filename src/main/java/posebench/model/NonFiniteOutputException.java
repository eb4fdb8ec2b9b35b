package posebench.model;

/** The network output holds NaN or infinite values, so no peaks or limbs computed from it would mean anything. */
public class NonFiniteOutputException extends ModelRunException {

    public NonFiniteOutputException(String source, String message, Throwable cause) {
        super(source, message, cause);
    }
}
