package posebench.estimator;

import org.tensorflow.types.TFloat32;

/**
 * One preprocessed image in the network's own input tensor, {@code [1, H, W, 3]}: written there
 * by {@link PoseEstimator#prepare}, read by {@link PoseEstimator#infer(NetworkInput)} without
 * another copy. The tensor's memory lives outside the Java heap: close it.
 */
public final class NetworkInput implements AutoCloseable {

    private final TFloat32 tensor;
    private volatile boolean closed;

    NetworkInput(TFloat32 tensor) {
        this.tensor = tensor;
    }

    /** The tensor; fails once closed, since a freed tensor must never reach a session run. */
    TFloat32 tensor() {
        if (closed) {
            throw new IllegalStateException("this network input is closed");
        }
        return tensor;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tensor.close();
        }
    }
}
