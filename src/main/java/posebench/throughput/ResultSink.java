package posebench.throughput;

/**
 * Receives one result per input of a throughput run. Called concurrently from the run's threads;
 * an exception thrown here (say, a full disk) stops the run.
 */
@FunctionalInterface
public interface ResultSink {

    void accept(ImageResult result);
}
