package posebench.estimator;

import java.util.Arrays;
import java.util.function.Supplier;

import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TensorFlowException;

import posebench.maps.FeatureMaps;
import posebench.model.ModelRunException;
import posebench.model.NonFiniteOutputException;
import posebench.model.PoseModel;

/**
 * How a failed session run of the pipeline is reported: as an error naming the model, and as a
 * {@link NonFiniteOutputException} when the network output held NaN or infinities.
 *
 * <p>In the graph, {@link PoseEstimator#NUMERICS_OP} stops such a run before peaks and PAFs see
 * the values, with the InvalidArgument status. TensorFlow Java 1.1.0 reports a failed run as an
 * exception type per status code with TensorFlow's message text, nothing more (no failing node,
 * no payload), and other ops fail with InvalidArgument too. So an InvalidArgument failure is
 * explained by the values of the network output that the run was given, not by searching the
 * message for the node's name.
 */
final class RunErrors {

    private RunErrors() {
    }

    /**
     * Runs a session; TensorFlow's errors (a corrupt attribute, a bad shape) become errors naming
     * the model. On an InvalidArgument failure {@code networkOutput} gives the network output of
     * that run (asked for only then; null where it cannot be had), and a non-finite value in it
     * makes the failure a {@link NonFiniteOutputException}.
     */
    static <T> T guarded(PoseModel model, Supplier<T> run, Supplier<NetworkOutput> networkOutput) {
        try {
            return run.get();
        } catch (IllegalArgumentException | UnsupportedOperationException | TensorFlowException e) {
            if (e instanceof TFInvalidArgumentException) {
                NetworkOutput output = networkOutput.get();
                if (output != null) {
                    output.requireFinite(model, e);
                }
            }
            throw new ModelRunException(model.source(), "TensorFlow cannot run the graph: " + e.getMessage(), e);
        }
    }

    /**
     * A network output's values, row-major in {@code shape} ([N, H, W, C]); {@code what} names it
     * in errors ("the network output", and where it came from).
     */
    record NetworkOutput(String what, float[] data, long[] shape) {

        static final String TENSORFLOW = "the network output";

        /** Maps fed as a network output. */
        static NetworkOutput of(FeatureMaps maps) {
            return new NetworkOutput(TENSORFLOW, maps.data(), new long[] {1, maps.height(), maps.width(), maps.channels()});
        }

        /** Fails with a {@link NonFiniteOutputException} naming the first non-finite value, if there is one. */
        void requireFinite(PoseModel model, Throwable cause) {
            int first = -1;
            int count = 0;
            for (int i = 0; i < data.length; i++) {
                if (!Float.isFinite(data[i])) {
                    first = first < 0 ? i : first;
                    count++;
                }
            }
            if (count > 0) {
                throw new NonFiniteOutputException(model.source(), what + " holds " + data[first] + " at [N, H, W, C] "
                        + Arrays.toString(position(first)) + (count == 1 ? ", its only non-finite value"
                                : ", the first of " + count + " non-finite values")
                        + "; the weights are corrupt or the graph is broken", cause);
            }
        }

        /** The [n, y, x, c] position of element {@code i}. */
        private long[] position(int i) {
            long[] at = new long[shape.length];
            long rest = i;
            for (int d = shape.length - 1; d >= 0; d--) {
                at[d] = rest % shape[d];
                rest /= shape[d];
            }
            return at;
        }
    }
}
