package posebench.results;

/**
 * A JMH result file that cannot be used: absent, not JSON, not JMH's schema, or lacking what its
 * reader needs (a ruler, a benchmark).
 */
public final class ResultsFileException extends Exception {

    public ResultsFileException(String message) {
        super(message);
    }

    public ResultsFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
