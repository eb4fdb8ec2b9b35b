package posebench.smoothing;

import java.util.Arrays;

import posebench.maps.FeatureMaps;
import posebench.maps.MapView;

/**
 * Gaussian smoothing of one {@link ChannelPlanes} plane as two 1-D passes with
 * {@link GaussianKernel#factor()} and SAME zero padding, only on the tiles a {@link LiveTiles}
 * marks. The vertical pass works on rows, the horizontal one on columns of its transposed output,
 * so both are loops the JIT vectorises. Scratch for one thread: not safe for concurrent use.
 *
 * <p>Planes of maps upsampled by repetition ({@link ChannelPlanes#repetition()} r > 1) are
 * smoothed from their source cells with a {@link RepeatedFactor}: the vertical pass on source
 * columns, both passes with about k / r + 1 products per value. Either way each value of a pass
 * is within {@link #passError} of the exact pass with the float factor.
 */
public final class SeparableSmoothing {

    /** The unit roundoff of float32 arithmetic, u = 2^-24. */
    public static final double UNIT_ROUNDOFF = 0x1p-24;

    private final GaussianKernel kernel;
    private final float[] factor;
    private final int before;
    private final int height;
    private final int width;
    /** Vertical pass of the current row. */
    private final float[] line;
    /** Vertical pass, by columns. */
    private final float[][] transposed;
    private final float[][] smoothed;
    /** The factor and scratch of the last repetition smoothed, made when first needed. */
    private RepeatedFactor repeated;
    /** Whether {@link #repeated}'s bound is within {@link #passError}, so that its path may run. */
    private boolean repeatedFits;
    private float[] sourceLine;
    private float[][] sourceTransposed;

    public SeparableSmoothing(GaussianKernel kernel, int height, int width) {
        this.kernel = kernel;
        this.factor = kernel.factor();
        this.before = (kernel.size() - 1) / 2;
        this.height = height;
        this.width = width;
        this.line = new float[width];
        this.transposed = new float[width][height];
        this.smoothed = new float[width][height];
    }

    /**
     * The separable smoothing of all channels of {@code maps}, for comparison with TensorFlow's;
     * from the source cells where the maps repeat them.
     */
    public static FeatureMaps smoothAll(MapView maps, GaussianKernel kernel) {
        int height = maps.height();
        int width = maps.width();
        int channels = maps.channels();
        ChannelPlanes planes = new ChannelPlanes(height, width, channels);
        planes.expect(maps);
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

    /**
     * A bound b with |value - sum_t f_t x_t| <= b * sum_t f_t |x_t| for every value of either
     * pass, f the float factor, x the pass's input and the sum exact: Higham's {@code gamma_2k}
     * (a float sum of k products needs only {@code gamma_k}). The repeated path is used only
     * where its own bound ({@link RepeatedFactor#passError}) is within this one.
     */
    public static double passError(GaussianKernel kernel) {
        return gamma(2 * kernel.size());
    }

    /** Higham's gamma_n = n u / (1 - n u): the relative error bound of an n-term float sum. */
    public static double gamma(int n) {
        return n * UNIT_ROUNDOFF / (1 - n * UNIT_ROUNDOFF);
    }

    /** Smooths the live tiles of the plane of {@code channel}. */
    public void smooth(ChannelPlanes planes, int channel, LiveTiles tiles) {
        RepeatedFactor onSource = repeatedFactor(planes);
        if (onSource != null) {
            smoothFromSource(planes.source[channel], onSource, tiles);
            return;
        }
        float[][] in = planes.rows(channel);
        for (int y = 0; y < height; y++) {
            for (long runs = tiles.needed[y >> tiles.shift]; runs != 0; runs = LiveTiles.dropRun(runs)) {
                int x0 = tiles.runStart(runs);
                int x1 = tiles.runEnd(runs, width);
                pass(in, y - before, factor, x0, x1, line);
                for (int x = x0; x < x1; x++) {
                    transposed[x][y] = line[x];
                }
            }
        }
        for (int x = 0; x < width; x++) {
            for (long runs = tiles.liveDown(x); runs != 0; runs = LiveTiles.dropRun(runs)) {
                pass(transposed, x - before, factor, tiles.runStart(runs), tiles.runEnd(runs, height), smoothed[x]);
            }
        }
    }

    /** The factor for the planes' repetition, or null where the planes do not repeat or its bound is too wide. */
    private RepeatedFactor repeatedFactor(ChannelPlanes planes) {
        int r = planes.repetition();
        if (r < 2 || height % r != 0 || width % r != 0) {
            return null;
        }
        if (repeated == null || repeated.repetition != r) {
            // Once per repetition, also when its bound is too wide: the weights are exact sums.
            repeated = new RepeatedFactor(factor, r);
            repeatedFits = repeated.passError() <= passError(kernel);
            sourceLine = repeatedFits ? new float[width / r] : null;
            sourceTransposed = repeatedFits ? new float[width / r][height] : null;
        }
        return repeatedFits ? repeated : null;
    }

    /**
     * The same smoothing from the source rows: row y of the vertical pass combines source rows
     * (each source column once), column x of the horizontal pass combines those source columns.
     */
    private void smoothFromSource(float[][] source, RepeatedFactor repeat, LiveTiles tiles) {
        int r = repeat.repetition;
        for (int y = 0; y < height; y++) {
            long runs = tiles.needed[y >> tiles.shift];
            if (runs == 0) {
                continue;
            }
            float[] weights = repeat.weights[repeat.phase(y)];
            int first = repeat.firstSource(y);
            for (; runs != 0; runs = LiveTiles.dropRun(runs)) {
                // Runs end on tile edges, not always on source cells: take every cell they touch.
                int s0 = tiles.runStart(runs) / r;
                int s1 = (tiles.runEnd(runs, width) + r - 1) / r;
                pass(source, first, weights, s0, s1, sourceLine);
                for (int s = s0; s < s1; s++) {
                    sourceTransposed[s][y] = sourceLine[s];
                }
            }
        }
        for (int x = 0; x < width; x++) {
            long runs = tiles.liveDown(x);
            if (runs == 0) {
                continue;
            }
            float[] weights = repeat.weights[repeat.phase(x)];
            int first = repeat.firstSource(x);
            for (; runs != 0; runs = LiveTiles.dropRun(runs)) {
                pass(sourceTransposed, first, weights, tiles.runStart(runs), tiles.runEnd(runs, height), smoothed[x]);
            }
        }
    }

    /**
     * {@code out[i] = sum_t weights[t] * lines[first + t][i]} for i in [from, to): the kernel
     * across lines, skipping lines outside the plane (SAME zero padding adds nothing there). Four
     * taps a sweep, so {@code out} is loaded and stored a quarter as often; the first sweep
     * stores instead of adding to zeros, which gives the same values (0 + v is v; only a sum of
     * -0 keeps its sign, which every comparison treats as 0).
     */
    private static void pass(float[][] lines, int first, float[] weights, int from, int to, float[] out) {
        int last = Math.min(weights.length, lines.length - first);
        int t = Math.max(0, -first);
        if (t + 4 <= last) {
            sweep(lines, first, weights, t, from, to, out, false);
            t += 4;
        } else {
            Arrays.fill(out, from, to, 0f);
        }
        for (; t + 4 <= last; t += 4) {
            sweep(lines, first, weights, t, from, to, out, true);
        }
        for (; t < last; t++) {
            float s0 = weights[t];
            float[] l0 = lines[first + t];
            for (int i = from; i < to; i++) {
                out[i] += s0 * l0[i];
            }
        }
    }

    /** Taps t .. t + 3 of {@link #pass}, added to {@code out} or stored into it. */
    private static void sweep(float[][] lines, int first, float[] weights, int t, int from, int to, float[] out,
            boolean add) {
        float s0 = weights[t];
        float s1 = weights[t + 1];
        float s2 = weights[t + 2];
        float s3 = weights[t + 3];
        float[] l0 = lines[first + t];
        float[] l1 = lines[first + t + 1];
        float[] l2 = lines[first + t + 2];
        float[] l3 = lines[first + t + 3];
        if (add) {
            for (int i = from; i < to; i++) {
                out[i] += s0 * l0[i] + s1 * l1[i] + s2 * l2[i] + s3 * l3[i];
            }
        } else {
            for (int i = from; i < to; i++) {
                out[i] = s0 * l0[i] + s1 * l1[i] + s2 * l2[i] + s3 * l3[i];
            }
        }
    }
}
