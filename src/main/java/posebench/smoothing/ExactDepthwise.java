package posebench.smoothing;

/**
 * TensorFlow's CPU {@code DepthwiseConv2dNative} at a single cell, bit for bit: a fused
 * multiply-add of every kernel tap onto an accumulator that starts at zero, taps in row-major
 * order. Out-of-map taps are skipped, which changes nothing: their input is zero and
 * {@code fma(0, w, acc) == acc}. The tests check it against the real op on real and random maps.
 */
final class ExactDepthwise {

    private final float[] kernel2d;
    private final int size;
    private final int before;

    ExactDepthwise(GaussianKernel kernel) {
        this.kernel2d = kernel.kernel2d();
        this.size = kernel.size();
        this.before = (size - 1) / 2;
    }

    /** The smoothed value of cell (y, x) of {@code channel}, as TensorFlow computes it. */
    float at(ChannelPlanes planes, int channel, int y, int x) {
        float[][] rows = planes.rows[channel];
        int firstTap = Math.max(0, before - x);
        int endTap = Math.min(size, planes.width - x + before);
        float acc = 0f;
        for (int i = 0; i < size; i++) {
            int row = y - before + i;
            if (row < 0 || row >= planes.height) {
                continue;
            }
            float[] line = rows[row];
            for (int j = firstTap; j < endTap; j++) {
                acc = Math.fma(line[x - before + j], kernel2d[i * size + j], acc);
            }
        }
        return acc;
    }
}
