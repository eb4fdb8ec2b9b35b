package posebench.estimator;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.tensorflow.types.TFloat32;

/**
 * One preprocessed image in the network's own input tensor, {@code [1, H, W, 3]}: written there
 * by {@link PoseEstimator#prepare}, read by {@link PoseEstimator#infer(NetworkInput)} without
 * another copy. The tensor's memory lives outside the Java heap: close it. Closing hands the
 * tensor back to its estimator, which writes the next prepared image into it, or frees it.
 */
public final class NetworkInput implements AutoCloseable {

    private final TFloat32 tensor;
    /** What closing does with the tensor: keep it for the next image, or free it. */
    private final Consumer<TFloat32> release;
    private final AtomicBoolean closed = new AtomicBoolean();

    NetworkInput(TFloat32 tensor, Consumer<TFloat32> release) {
        this.tensor = tensor;
        this.release = release;
    }

    /** The tensor; fails once closed, since a freed tensor must never reach a session run. */
    TFloat32 tensor() {
        if (closed.get()) {
            throw new IllegalStateException("this network input is closed");
        }
        return tensor;
    }

    @Override
    public void close() {
        // Once only: a tensor handed back twice would be written for two images at a time.
        if (closed.compareAndSet(false, true)) {
            release.accept(tensor);
        }
    }
}
