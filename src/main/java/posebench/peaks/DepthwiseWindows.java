package posebench.peaks;

import java.util.Arrays;

import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import posebench.maps.FeatureMaps;
import posebench.maps.MapView;
import posebench.smoothing.DepthwiseSmoothing;
import posebench.smoothing.GaussianKernel;

/**
 * TensorFlow's own smoothed values of the 3x3 neighbourhoods of a few cells: the same
 * {@code DepthwiseConv2dNative} as {@link DepthwiseSmoothing}, run on a batch of small windows cut
 * out of the maps, so whatever kernel this machine's TensorFlow picks decides, not a copy of one.
 *
 * <p>A window holds the (k + 2) x (k + 2) cells that the kernel taps of a neighbourhood read, all
 * channels in the maps' layout (so each channel takes the same vector lane or remainder path as on
 * the full map), with zeros outside the map where SAME padding reads zeros; VALID padding on it
 * gives the neighbourhood's 3x3 outputs. Every output is the same sum of the same products as on
 * the full map; {@code DepthwiseWindowsTest} checks that TensorFlow also rounds it the same, bit for
 * bit, under every kernel the build runs. When the windows would hold more cells than the map, the
 * full-map op runs instead.
 */
final class DepthwiseWindows implements AutoCloseable {

    private static final String INPUT_OP = "windows";

    private final GaussianKernel kernel;
    /** Window side: the kernel's reach over a 3x3 neighbourhood. */
    private final int side;
    /** Kernel taps before the centre, as SAME padding places them. */
    private final int before;
    private final DepthwisePeakDetector fullMap;
    private final DetectorGraph graph;
    private Operand<TFloat32> smoothed;
    /** The windows and the op's values of the last call, reused so that steady state allocates nothing. */
    private float[] windowScratch = new float[0];
    private float[] valueScratch = new float[0];

    DepthwiseWindows(GaussianKernel kernel, int threads) {
        this.kernel = kernel;
        // A run on a few windows is shorter than a hand-off to TensorFlow's inter-op threads.
        this.graph = new DetectorGraph(DetectorGraph.onCallingThread(threads));
        this.side = kernel.size() + 2;
        this.before = (kernel.size() - 1) / 2;
        this.fullMap = new DepthwisePeakDetector(kernel, threads);
    }

    /**
     * TensorFlow's smoothed values around {@code centres[0 .. count)} (cells {@code y * width + x}):
     * element {@code ((i * 3 + dy + 1) * 3 + dx + 1) * channels + c} is cell (y + dy, x + dx) of
     * channel c around centre i. Entries outside the map are unspecified. From windows, the array
     * is this object's scratch, overwritten by the next call.
     */
    float[] neighbourhoods(MapView maps, int[] centres, int count) {
        if (fitsWindows(maps, count)) {
            return fromWindows(maps, centres, count);
        }
        FeatureMaps all = fullMap.smooth(FeatureMaps.stored(maps));
        int c = all.channels();
        float[] out = new float[count * 9 * c];
        for (int i = 0; i < count; i++) {
            int y = centres[i] / all.width();
            int x = centres[i] % all.width();
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (y + dy >= 0 && y + dy < all.height() && x + dx >= 0 && x + dx < all.width()) {
                        System.arraycopy(all.data(), ((y + dy) * all.width() + x + dx) * c,
                                out, ((i * 3 + dy + 1) * 3 + dx + 1) * c, c);
                    }
                }
            }
        }
        return out;
    }

    /** Whether {@link #neighbourhoods} of {@code count} centres cuts windows rather than running the full-map op. */
    boolean fitsWindows(MapView maps, int count) {
        return (long) count * side * side < (long) maps.height() * maps.width();
    }

    /** {@link #neighbourhoods} from windows, whatever their number. */
    float[] fromWindows(MapView maps, int[] centres, int count) {
        int c = maps.channels();
        Session session = graph.session(new int[] {c}, tf -> {
            Operand<TFloat32> input = tf.withName(INPUT_OP).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, side, side, c)));
            smoothed = DepthwiseSmoothing.append(tf, input, c, kernel, "VALID");
        });
        int length = count * side * side * c;
        if (windowScratch.length < length) {
            windowScratch = new float[length];
            valueScratch = new float[count * 9 * c];
        }
        float[] windows = windowScratch;
        for (int i = 0; i < count; i++) {
            cut(maps, centres[i], windows, i * side * side * c);
        }
        float[] out = valueScratch;
        try (TFloat32 input = TFloat32.tensorOf(Shape.of(count, side, side, c),
                        DataBuffers.of(windows, true, false).narrow(length));
                Result result = session.runner().feed(INPUT_OP, input).fetch(smoothed).run()) {
            ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false).narrow((long) count * 9 * c));
        }
        return out;
    }

    /** Copies the window of {@code centre} into {@code windows} from {@code offset}, zero outside the map. */
    private void cut(MapView maps, int centre, float[] windows, int offset) {
        int c = maps.channels();
        int width = maps.width();
        int y0 = centre / width - 1 - before;
        int x0 = centre % width - 1 - before;
        int from = Math.max(0, -x0);
        int to = Math.max(from, Math.min(side, width - x0));
        for (int r = 0; r < side; r++) {
            int y = y0 + r;
            int row = offset + r * side * c;
            if (y < 0 || y >= maps.height()) {
                Arrays.fill(windows, row, row + side * c, 0f);
                continue;
            }
            Arrays.fill(windows, row, row + from * c, 0f);
            if (r > 0 && y > 0 && maps.repeatsRowAbove(y)) {
                // Upsampling by repetition: this map row equals the one above, already cut.
                System.arraycopy(windows, row - side * c + from * c, windows, row + from * c, (to - from) * c);
            } else {
                maps.cells(y, x0 + from, to - from, windows, row + from * c);
            }
            Arrays.fill(windows, row + to * c, row + side * c, 0f);
        }
    }

    @Override
    public void close() {
        graph.close();
        fullMap.close();
    }
}
