package posebench.smoothing;

import java.util.Arrays;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * tf-pose's smoothing stage as graph ops, the reference every other smoother is checked against:
 * a depthwise 2-D convolution with SAME zero padding of every channel with the same Gaussian
 * kernel, as {@code smoothing/gauss_weight} (the [k, k, C, 1] kernel constant) and
 * {@code smoothing/depthwise}.
 */
public final class DepthwiseSmoothing {

    public static final String SCOPE = "smoothing";

    private DepthwiseSmoothing() {
    }

    /** Appends the smoothing of {@code maps} ([N, H, W, channels]) to the graph of {@code tf}. */
    public static Operand<TFloat32> append(Ops tf, Operand<TFloat32> maps, int channels, GaussianKernel kernel) {
        return append(tf, maps, channels, kernel, "SAME");
    }

    /** The same with {@code padding} VALID (outputs only where every tap is inside) or SAME. */
    public static Operand<TFloat32> append(Ops tf, Operand<TFloat32> maps, int channels, GaussianKernel kernel, String padding) {
        int k = kernel.size();
        float[] k2 = kernel.kernel2d();
        // Layout [k, k, C, 1]: the same 2-D kernel repeated for every channel (numpy.repeat on axis 2).
        float[] weights = new float[k * k * channels];
        for (int i = 0; i < k * k; i++) {
            Arrays.fill(weights, i * channels, (i + 1) * channels, k2[i]);
        }
        Ops scope = tf.withSubScope(SCOPE);
        Operand<TFloat32> weight = scope.withName("gauss_weight")
                .constant(Shape.of(k, k, channels, 1), DataBuffers.of(weights, true, false));
        return scope.withName("depthwise").nn.depthwiseConv2dNative(maps, weight, Arrays.asList(1L, 1L, 1L, 1L), padding);
    }
}
