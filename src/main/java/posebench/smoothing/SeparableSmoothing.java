package posebench.smoothing;

import java.util.Arrays;

import posebench.maps.FeatureMaps;

/**
 * Gaussian smoothing of one {@link ChannelPlanes} plane as two 1-D passes with
 * {@link GaussianKernel#factor()} and SAME zero padding, only on the tiles a {@link LiveTiles}
 * marks. The vertical pass works on rows, the horizontal one on columns of its transposed output,
 * so both are loops the JIT vectorises. Scratch for one thread: not safe for concurrent use.
 */
public final class SeparableSmoothing {

    private final float[] factor;
    private final int before;
    private final int height;
    private final int width;
    /** Vertical pass of the current row. */
    private final float[] line;
    /** Vertical pass, by columns. */
    private final float[][] transposed;
    private final float[][] smoothed;

    public SeparableSmoothing(GaussianKernel kernel, int height, int width) {
        this.factor = kernel.factor();
        this.before = (kernel.size() - 1) / 2;
        this.height = height;
        this.width = width;
        this.line = new float[width];
        this.transposed = new float[width][height];
        this.smoothed = new float[width][height];
    }

    /** The separable smoothing of all channels of {@code maps}, for comparison with TensorFlow's. */
    public static FeatureMaps smoothAll(FeatureMaps maps, GaussianKernel kernel) {
        int height = maps.height();
        int width = maps.width();
        int channels = maps.channels();
        ChannelPlanes planes = new ChannelPlanes(height, width, channels);
        planes.load(maps, 0, height);
        LiveTiles tiles = new LiveTiles(kernel, height, width);
        tiles.all();
        SeparableSmoothing smoothing = new SeparableSmoothing(kernel, height, width);
        FeatureMaps out = FeatureMaps.zeros(height, width, channels);
        for (int c = 0; c < channels; c++) {
            smoothing.smooth(planes, c, tiles);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out.set(y, x, c, smoothing.smoothed[x][y]);
                }
            }
        }
        return out;
    }

    /** The plane last smoothed, by columns: {@code smoothed()[x][y]}; valid on its live tiles only. */
    public float[][] smoothed() {
        return smoothed;
    }

    /** Smooths the live tiles of the plane of {@code channel}. */
    public void smooth(ChannelPlanes planes, int channel, LiveTiles tiles) {
        float[][] in = planes.rows[channel];
        for (int y = 0; y < height; y++) {
            for (long runs = tiles.needed[y >> tiles.shift]; runs != 0; runs = LiveTiles.dropRun(runs)) {
                int x0 = tiles.runStart(runs);
                int x1 = tiles.runEnd(runs, width);
                pass(in, y, x0, x1, line);
                for (int x = x0; x < x1; x++) {
                    transposed[x][y] = line[x];
                }
            }
        }
        for (int x = 0; x < width; x++) {
            for (long runs = tiles.liveDown(x); runs != 0; runs = LiveTiles.dropRun(runs)) {
                pass(transposed, x, tiles.runStart(runs), tiles.runEnd(runs, height), smoothed[x]);
            }
        }
    }

    /**
     * {@code out[i] = sum_t factor[t] * lines[at - before + t][i]} for i in [from, to): the kernel
     * across lines, skipping lines outside the plane (SAME zero padding adds nothing there). Four
     * taps a sweep, so {@code out} is loaded and stored a quarter as often.
     */
    private void pass(float[][] lines, int at, int from, int to, float[] out) {
        Arrays.fill(out, from, to, 0f);
        int first = Math.max(0, before - at);
        int last = Math.min(factor.length, lines.length - at + before);
        int t = first;
        for (; t + 4 <= last; t += 4) {
            float s0 = factor[t];
            float s1 = factor[t + 1];
            float s2 = factor[t + 2];
            float s3 = factor[t + 3];
            float[] l0 = lines[at - before + t];
            float[] l1 = lines[at - before + t + 1];
            float[] l2 = lines[at - before + t + 2];
            float[] l3 = lines[at - before + t + 3];
            for (int i = from; i < to; i++) {
                out[i] += s0 * l0[i] + s1 * l1[i] + s2 * l2[i] + s3 * l3[i];
            }
        }
        for (; t < last; t++) {
            float s0 = factor[t];
            float[] l0 = lines[at - before + t];
            for (int i = from; i < to; i++) {
                out[i] += s0 * l0[i];
            }
        }
    }
}
