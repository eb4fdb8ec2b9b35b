package posebench.gate;

/** A result file the gate cannot judge: absent, not JSON, not JMH's schema, or lacking a ruler. */
public final class GateInputException extends Exception {

    public GateInputException(String message) {
        super(message);
    }

    public GateInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
