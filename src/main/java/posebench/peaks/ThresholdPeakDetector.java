package posebench.peaks;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

import posebench.maps.MapView;
import posebench.pose.CocoPart;
import posebench.smoothing.ChannelPlanes;
import posebench.smoothing.GaussianKernel;
import posebench.smoothing.LiveTiles;
import posebench.smoothing.SeparableSmoothing;

/**
 * The exact threshold-aware detector: finds the same peaks as TensorFlow's depthwise smoothing and
 * max-pool ({@link DepthwisePeakDetector}) while smoothing only where a peak is possible.
 *
 * <p>The kernel is non-negative and sums to 1, so a cell whose kernel window holds no value above
 * {@code hotLimit} (0.05 less the worst float error of TensorFlow's sum) cannot pass the 0.05
 * threshold. Per channel it finds the tiles holding such "hot" values, keeps the tiles within the
 * kernel radius whose bound on the smoothed value (tile maxima times kernel mass,
 * {@link LiveTiles}) exceeds 0.05 and smooths separably only there. A cell outside those tiles
 * can neither be a peak nor beat a neighbour that passes the threshold, so it never needs a value.
 *
 * <p>Separable float values differ from TensorFlow's by at most a proven bound E (rounding of both
 * sums and of the float factor; the bound on TensorFlow's own rounding holds for any order of its
 * sum, fused or not). A decision clear by more than E is taken on the separable values; one that
 * E, the channel's bound, leaves open is tried again with each cell's own bound (in proportion to
 * its window's |values|, so tighter on all but the largest cells). The rare close ones left
 * (near-ties, plateaus, values near 0.05) are settled by TensorFlow's own depthwise op on
 * windows around them ({@link DepthwiseWindows}), in at most two session runs: the first channel
 * with open tests right away, while the other worker takes the channels left, where its windows
 * are few, and the other channels after all channels. Whatever kernel this machine's TensorFlow
 * uses decides, so the peaks equal the reference's exactly on every CPU.
 */
public final class ThresholdPeakDetector extends PlanarPeakDetector {

    /** Slack for the double arithmetic of the bounds themselves. */
    private static final double BOUND_SLACK = 1 + 1e-9;

    private final DepthwiseWindows windows;
    /** Per part channel, the cells whose peak test the separable values cannot decide. */
    private final CellList[] open = new CellList[CocoPart.COUNT];
    private final LongAdder settledCells = new LongAdder();
    private final LongAdder settlingRuns = new LongAdder();
    /** A cell value at most this far from zero cannot lift any smoothed value above the threshold. */
    private final float hotLimit;
    /** Tiles whose kernel-mass bound ({@link LiveTiles#around}) is at most this cannot pass the threshold. */
    private final double massLimit;
    /** Bound on |separable - TensorFlow| per unit of the channel's largest |value|. */
    private final double errorPerUnit;
    /** Bound on |separable - TensorFlow| at a cell per unit of its {@link #absoluteSmoothing}. */
    private final double errorPerAbsolute;
    /** The float factor, whose products (as reals) the absolute smoothing weighs by. */
    private final float[] factor;
    private final int before;
    private final LongAdder refinedCells = new LongAdder();

    public ThresholdPeakDetector(GaussianKernel kernel, int threads) {
        super(kernel, threads);
        this.windows = new DepthwiseWindows(kernel, threads);
        Arrays.setAll(open, c -> new CellList());
        float[] k2 = kernel.kernel2d();
        float[] s = kernel.factor();
        int size = kernel.size();
        double sumK2 = 0;
        double factorMismatch = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                sumK2 += k2[i * size + j];
                // Products of two floats are exact in double.
                factorMismatch += Math.abs((double) s[i] * s[j] - k2[i * size + j]);
            }
        }
        double sumS = 0;
        for (float v : s) {
            sumS += v;
        }
        // Largest relative distance of a float kernel tap from the product of its float factors.
        double mismatch = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double product = (double) s[i] * s[j];
                double distance = Math.abs(product - k2[i * size + j]);
                mismatch = Math.max(mismatch, product > 0 ? distance / product : distance > 0 ? Double.POSITIVE_INFINITY : 0);
            }
        }
        double tfGamma = SeparableSmoothing.gamma(size * size);
        // Holds for both of the smoothing's paths, the repeated one included.
        double passGamma = SeparableSmoothing.passError(kernel);
        // TensorFlow's value <= sumK2 * max|v| * (1 + tfGamma): keep that at or below 0.05.
        double limit = PeakList.HEAT_THRESHOLD / (sumK2 * (1 + tfGamma) * BOUND_SLACK);
        float hot = (float) limit;
        while (hot > limit) {
            hot = Math.nextDown(hot);
        }
        this.hotLimit = hot;
        // The float kernel exceeds the product of the exact factors by at most one rounding.
        this.massLimit = PeakList.HEAT_THRESHOLD / ((1 + tfGamma) * (1 + SeparableSmoothing.UNIT_ROUNDOFF) * BOUND_SLACK);
        this.errorPerUnit = ((2 * passGamma + passGamma * passGamma) * sumS * sumS + factorMismatch * BOUND_SLACK
                + tfGamma * sumK2) * BOUND_SLACK;
        // The same three terms per cell, with A = sum s_i s_j |x| over its window: the passes err by
        // at most (2g + g^2) A, the factors' products differ from the kernel by at most mismatch * A,
        // and TensorFlow's sum by at most tfGamma * sum k2 |x| <= tfGamma (1 + mismatch) A.
        this.errorPerAbsolute = (2 * passGamma + passGamma * passGamma + mismatch + tfGamma * (1 + mismatch)) * BOUND_SLACK;
        this.factor = s;
        this.before = (size - 1) / 2;
    }

    /**
     * The proven bound on |separable value - TensorFlow's depthwise value| per unit of a channel's
     * largest |value|, on either smoothing path.
     */
    public double errorPerUnit() {
        return errorPerUnit;
    }

    /**
     * The proven bound on |separable value - TensorFlow's depthwise value| at cell (y, x) of a
     * channel: the per-cell bound that decides some tests the channel-wide one leaves open. The
     * detector takes the smaller of the two ({@link #errorPerUnit} times the channel's largest |value|).
     */
    public double errorAt(MapView maps, int channel, int y, int x) {
        double[] bounds = new double[9];
        absoluteSmoothing((yy, xx) -> maps.get(yy, xx, channel), maps.height(), maps.width(), y, x,
                new double[(factor.length + 2) * 4], bounds);
        return errorPerAbsolute * bounds[4];
    }

    /** How many peak tests the per-cell bounds decided that the channel-wide bound left open. */
    public long refinedCells() {
        return refinedCells.sum();
    }

    /** How many peak tests TensorFlow's own op settled since this detector was made. */
    public long settledCells() {
        return settledCells.sum();
    }

    /** How many session runs settled them: at most two per detection. */
    public long settlingRuns() {
        return settlingRuns.sum();
    }

    @Override
    void findPeaks(ChannelPlanes planes, int channel, Scratch scratch, CellList out) {
        LiveTiles tiles = scratch.tiles;
        open[channel].clear();
        if (!tiles.around(planes, channel, hotLimit, massLimit)) {
            return;
        }
        scratch.smoothing.smooth(planes, channel, tiles);
        double error = errorPerUnit * tiles.largest();
        double lowCut = THRESHOLD - error;
        double margin = 2 * error;
        float[][] smoothed = scratch.smoothing.smoothed();
        int width = planes.width();
        for (int x = 0; x < width; x++) {
            float[] column = smoothed[x];
            float[] left = x > 0 ? smoothed[x - 1] : null;
            float[] right = x + 1 < width ? smoothed[x + 1] : null;
            for (long runs = tiles.liveDown(x); runs != 0; runs = LiveTiles.dropRun(runs)) {
                int start = tiles.runStart(runs);
                int end = tiles.runEnd(runs, planes.height());
                for (int y = start; y < end; y++) {
                    double value = column[y];
                    // Inside a run the cells above and below are live: the cheapest rejections.
                    if (value <= lowCut
                            || y > start && column[y - 1] > value + margin
                            || y + 1 < end && column[y + 1] > value + margin) {
                        continue;
                    }
                    // Then the cells beside, where live: most candidates left sit on a slope across.
                    if (left != null && left[y] > value + margin && tiles.isLive(y, x - 1)
                            || right != null && right[y] > value + margin && tiles.isLive(y, x + 1)) {
                        continue;
                    }
                    switch (test(planes, channel, scratch, y, x, error)) {
                        case PEAK -> out.add(y * width + x);
                        case OPEN -> open[channel].add(y * width + x);
                        case NO_PEAK -> { }
                    }
                }
            }
        }
    }

    /** What the separable values say about a cell's peak test. */
    private enum Verdict { PEAK, NO_PEAK, OPEN }

    /**
     * The max-pool peak test of a cell that may pass the threshold, where the error bounds decide
     * it: the channel's bound first, then, for a near-tie it leaves open, each cell's own bound
     * ({@link #errorPerAbsolute} times its absolute smoothing, smaller where the cells are smaller
     * than the channel's largest value), so some ties are decided without TensorFlow.
     */
    private Verdict test(ChannelPlanes planes, int channel, Scratch scratch, int y, int x, double error) {
        double[] bound = scratch.cellBounds;
        Arrays.fill(bound, error);
        Verdict verdict = verdict(planes, scratch, y, x, bound);
        if (verdict != Verdict.OPEN) {
            return verdict;
        }
        absoluteSmoothing((yy, xx) -> planes.value(channel, yy, xx), planes.height(), planes.width(), y, x,
                scratch.windowRows, bound);
        for (int k = 0; k < 9; k++) {
            bound[k] = Math.min(error, errorPerAbsolute * bound[k]);
        }
        verdict = verdict(planes, scratch, y, x, bound);
        if (verdict != Verdict.OPEN) {
            refinedCells.increment();
        }
        return verdict;
    }

    /**
     * The test on the separable values with {@code bound[(dy + 1) * 3 + dx + 1]} the bound of cell
     * (y + dy, x + dx): a peak where the centre surely passes and is surely not below a live
     * neighbour, none where it surely fails or a live neighbour is surely above.
     */
    private static Verdict verdict(ChannelPlanes planes, Scratch scratch, int y, int x, double[] bound) {
        float[][] smoothed = scratch.smoothing.smoothed();
        LiveTiles tiles = scratch.tiles;
        double centre = smoothed[x][y];
        double own = bound[4];
        if (centre + own <= THRESHOLD) {
            return Verdict.NO_PEAK;
        }
        // Cells outside the live tiles are at most 0.05 in TensorFlow, below a centre that passes.
        boolean peak = centre - own > THRESHOLD;
        for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            if (nx < 0 || nx >= planes.width()) {
                continue;
            }
            float[] column = smoothed[nx];
            for (int dy = -1; dy <= 1; dy++) {
                int ny = y + dy;
                if ((dy != 0 || dx != 0) && ny >= 0 && ny < planes.height() && tiles.isLive(ny, nx)) {
                    double v = column[ny];
                    double e = bound[(dy + 1) * 3 + dx + 1];
                    // Most candidates sit on a slope: leave at the first neighbour surely above.
                    if (v - e > centre + own) {
                        return Verdict.NO_PEAK;
                    }
                    peak &= centre - own >= v + e;
                }
            }
        }
        return peak ? Verdict.PEAK : Verdict.OPEN;
    }

    /** One cell of a channel. */
    @FunctionalInterface
    private interface Cells {
        float at(int y, int x);
    }

    /**
     * {@code out[(dy + 1) * 3 + dx + 1]} = A(y + dy, x + dx) = sum over the kernel window of
     * s_i s_j |value| (SAME padding, in double), for the 3x3 neighbourhood of (y, x); cells
     * outside the map get unused values. Separably: each window row's |values| once into the
     * end of {@code rows}, then its three row sums into the start, then the columns.
     */
    private void absoluteSmoothing(Cells cells, int height, int width, int y, int x, double[] rows, double[] out) {
        int size = factor.length;
        int side = size + 2;
        int line = side * 3;
        int x0 = x - 1 - before;
        for (int r = 0; r < side; r++) {
            int yy = y - 1 - before + r;
            if (yy < 0 || yy >= height) {
                rows[r * 3] = rows[r * 3 + 1] = rows[r * 3 + 2] = 0;
                continue;
            }
            for (int j = 0; j < side; j++) {
                int xx = x0 + j;
                rows[line + j] = xx >= 0 && xx < width ? Math.abs(cells.at(yy, xx)) : 0;
            }
            for (int dx = 0; dx < 3; dx++) {
                double sum = 0;
                for (int j = 0; j < size; j++) {
                    sum += factor[j] * rows[line + dx + j];
                }
                rows[r * 3 + dx] = sum;
            }
        }
        for (int dy = 0; dy < 3; dy++) {
            for (int dx = 0; dx < 3; dx++) {
                double sum = 0;
                for (int i = 0; i < size; i++) {
                    sum += factor[i] * rows[(dy + i) * 3 + dx];
                }
                out[dy * 3 + dx] = sum;
            }
        }
    }

    /** Early only where the channel's windows are fewer cells than the map: else the full-map op runs, once. */
    @Override
    boolean settlesEarly(MapView heatmaps, int channel) {
        return open[channel].size > 0 && windows.fitsWindows(heatmaps, open[channel].size);
    }

    /**
     * Settles the open peak tests of channels {@code from .. to} with TensorFlow's values of their
     * 3x3 neighbourhoods: one window per open cell serves every channel open there.
     */
    @Override
    void settle(MapView heatmaps, CellList[] peaks, int from, int to) {
        int count = 0;
        for (int c = from; c < to; c++) {
            count += open[c].size;
        }
        if (count == 0) {
            return;
        }
        int[] centres = new int[count];
        int n = 0;
        for (int c = from; c < to; c++) {
            System.arraycopy(open[c].cells, 0, centres, n, open[c].size);
            n += open[c].size;
        }
        Arrays.sort(centres);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || centres[i] != centres[distinct - 1]) {
                centres[distinct++] = centres[i];
            }
        }
        float[] exact = windows.neighbourhoods(heatmaps, centres, distinct);
        settledCells.add(count);
        settlingRuns.increment();
        int channels = heatmaps.channels();
        for (int c = from; c < to; c++) {
            CellList cells = open[c];
            for (int j = 0; j < cells.size; j++) {
                int cell = cells.cells[j];
                int window = Arrays.binarySearch(centres, 0, distinct, cell) * 9;
                if (isLocalPeak(exact, window, channels, c, cell / heatmaps.width(), cell % heatmaps.width(), heatmaps)) {
                    peaks[c].add(cell);
                }
            }
            cells.clear();
        }
    }

    /**
     * The reference's test on TensorFlow's values of the neighbourhood starting at {@code window}:
     * above the threshold and no neighbour inside the map larger (max-pool's SAME padding).
     */
    private static boolean isLocalPeak(float[] exact, int window, int channels, int c, int y, int x, MapView maps) {
        float centre = exact[(window + 4) * channels + c];
        if (!(centre > THRESHOLD)) {
            return false;
        }
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (y + dy >= 0 && y + dy < maps.height() && x + dx >= 0 && x + dx < maps.width()
                        && exact[(window + (dy + 1) * 3 + dx + 1) * channels + c] > centre) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        super.close();
        windows.close();
    }
}
