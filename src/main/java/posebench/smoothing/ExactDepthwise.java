package posebench.smoothing;

import java.util.Arrays;

/**
 * TensorFlow's CPU {@code DepthwiseConv2dNative} on a few cells, bit for bit: a fused
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

    /**
     * The smoothed values of cells (y, x0 .. x1 - 1) of {@code channel} into {@code out[x]}, as
     * TensorFlow computes them. The cells' accumulations run side by side, each in TensorFlow's
     * tap order, so the fused multiply-adds overlap instead of waiting on one another.
     */
    void row(ChannelPlanes planes, int channel, int y, int x0, int x1, float[] out) {
        Arrays.fill(out, x0, x1, 0f);
        float[][] rows = planes.rows[channel];
        for (int i = 0; i < size; i++) {
            int row = y - before + i;
            if (row < 0 || row >= planes.height) {
                continue;
            }
            float[] line = rows[row];
            for (int j = 0; j < size; j++) {
                float w = kernel2d[i * size + j];
                // Cells whose tap j falls outside the row add nothing.
                int from = Math.max(x0, before - j);
                int to = Math.min(x1, planes.width + before - j);
                for (int x = from; x < to; x++) {
                    out[x] = Math.fma(line[x - before + j], w, out[x]);
                }
            }
        }
    }
}
