package posebench.peaks;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * tf-pose's peak stage as graph ops: a 3x3 max-pool (stride 1, SAME) of the smoothed maps, and
 * the peak map that keeps the smoothed value where it equals the pooled one and 0 elsewhere;
 * {@link #isLocalMax} is the same test in Java.
 */
public final class MaxPoolPeaks {

    public static final String SCOPE = "peaks";
    private static final String PEAK_MAP = "peak_map";
    /** The op holding the peak map. */
    public static final String PEAKS_OP = SCOPE + "/" + PEAK_MAP;

    private MaxPoolPeaks() {
    }

    /** Appends the peak map of {@code smoothed} ([N, H, W, C]) to the graph of {@code tf}. */
    public static Operand<TFloat32> append(Ops tf, Operand<TFloat32> smoothed) {
        Ops scope = tf.withSubScope(SCOPE);
        Operand<TFloat32> pooled = scope.withName("max_pool").nn.maxPool(smoothed,
                scope.constant(new int[] {1, 3, 3, 1}), scope.constant(new int[] {1, 1, 1, 1}), "SAME");
        return scope.withName(PEAK_MAP).select(
                scope.withName("equal").math.equal(smoothed, pooled),
                smoothed,
                scope.withName("zeros_like").zerosLike(smoothed));
    }

    /**
     * Whether cell [i][j] of a plane held as lines ({@code plane[i][j]}, rows or columns alike: the
     * window is square) equals the 3x3 max-pool there, as {@code equal(smoothed, max_pool(smoothed))}:
     * SAME padding ignores cells outside the map, and every cell of a plateau that nothing in its
     * window exceeds counts.
     */
    public static boolean isLocalMax(float[][] plane, int i, int j) {
        float v = plane[i][j];
        for (int ni = Math.max(0, i - 1); ni <= Math.min(plane.length - 1, i + 1); ni++) {
            float[] line = plane[ni];
            for (int nj = Math.max(0, j - 1); nj <= Math.min(line.length - 1, j + 1); nj++) {
                if (line[nj] > v) {
                    return false;
                }
            }
        }
        return true;
    }
}
