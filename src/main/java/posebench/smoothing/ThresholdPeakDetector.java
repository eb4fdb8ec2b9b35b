package posebench.smoothing;

import posebench.peaks.PeakList;

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
 * sums and of the float factor). A decision clear by more than E is taken on the separable values;
 * the rare close ones (near-ties, plateaus, values near 0.05) are settled on TensorFlow's own
 * arithmetic, {@link ExactDepthwise}, so the peaks equal the reference's exactly.
 */
public final class ThresholdPeakDetector extends PlanarPeakDetector {

    private static final double UNIT_ROUNDOFF = 0x1p-24;
    /** Slack for the double arithmetic of the bounds themselves. */
    private static final double BOUND_SLACK = 1 + 1e-9;

    private final ExactDepthwise exact;
    /** A cell value at most this far from zero cannot lift any smoothed value above the threshold. */
    private final float hotLimit;
    /** Tiles whose kernel-mass bound ({@link LiveTiles#around}) is at most this cannot pass the threshold. */
    private final double massLimit;
    /** Bound on |separable - TensorFlow| per unit of the channel's largest |value|. */
    private final double errorPerUnit;

    public ThresholdPeakDetector(GaussianKernel kernel, int threads) {
        super(kernel, threads);
        this.exact = new ExactDepthwise(kernel);
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
        double tfGamma = gamma(size * size);
        double passGamma = gamma(2 * size);
        // TensorFlow's value <= sumK2 * max|v| * (1 + tfGamma): keep that at or below 0.05.
        double limit = PeakList.HEAT_THRESHOLD / (sumK2 * (1 + tfGamma) * BOUND_SLACK);
        float hot = (float) limit;
        while (hot > limit) {
            hot = Math.nextDown(hot);
        }
        this.hotLimit = hot;
        // The float kernel exceeds the product of the exact factors by at most one rounding.
        this.massLimit = PeakList.HEAT_THRESHOLD / ((1 + tfGamma) * (1 + UNIT_ROUNDOFF) * BOUND_SLACK);
        this.errorPerUnit = ((2 * passGamma + passGamma * passGamma) * sumS * sumS + factorMismatch * BOUND_SLACK
                + tfGamma * sumK2) * BOUND_SLACK;
    }

    /** Higham's gamma_n = n u / (1 - n u): the relative error bound of an n-term float sum. */
    private static double gamma(int n) {
        return n * UNIT_ROUNDOFF / (1 - n * UNIT_ROUNDOFF);
    }

    /** How many cells were settled with TensorFlow's arithmetic since this detector was made. */
    long exactCells() {
        return scratch().stream().mapToLong(s -> s.exactCells).sum();
    }

    @Override
    void findPeaks(ChannelPlanes planes, int channel, Scratch scratch, CellList out) {
        LiveTiles tiles = scratch.tiles;
        scratch.newChannel();
        if (!tiles.around(planes, channel, hotLimit, massLimit)) {
            return;
        }
        scratch.smoothing.smooth(planes, channel, tiles);
        double error = errorPerUnit * tiles.largest();
        double lowCut = THRESHOLD - error;
        double margin = 2 * error;
        float[][] smoothed = scratch.smoothing.smoothed;
        for (int x = 0; x < planes.width; x++) {
            float[] column = smoothed[x];
            for (long runs = tiles.liveColumns[x >> tiles.shift]; runs != 0; runs = LiveTiles.dropRun(runs)) {
                int start = tiles.runStart(runs);
                int end = tiles.runEnd(runs, planes.height);
                for (int y = start; y < end; y++) {
                    double value = column[y];
                    // Inside a run the cells above and below are live: the cheapest rejections.
                    if (value <= lowCut
                            || y > start && column[y - 1] > value + margin
                            || y + 1 < end && column[y + 1] > value + margin) {
                        continue;
                    }
                    if (isPeak(planes, channel, scratch, y, x, error)) {
                        out.add(y * planes.width + x);
                    }
                }
            }
        }
    }

    /** The max-pool peak test of a cell that may pass the threshold, exact as TensorFlow's. */
    private boolean isPeak(ChannelPlanes planes, int channel, Scratch scratch, int y, int x, double error) {
        float[][] smoothed = scratch.smoothing.smoothed;
        LiveTiles tiles = scratch.tiles;
        int y0 = Math.max(0, y - 1);
        int y1 = Math.min(planes.height - 1, y + 1);
        int x0 = Math.max(0, x - 1);
        int x1 = Math.min(planes.width - 1, x + 1);
        double value = smoothed[x][y];
        // Most candidates sit on a slope: leave at the first neighbour surely above.
        double above = value + 2 * error;
        double neighbours = Double.NEGATIVE_INFINITY;
        for (int nx = x0; nx <= x1; nx++) {
            float[] column = smoothed[nx];
            for (int ny = y0; ny <= y1; ny++) {
                if ((ny != y || nx != x) && tiles.isLive(ny, nx)) {
                    if (column[ny] > above) {
                        return false;
                    }
                    neighbours = Math.max(neighbours, column[ny]);
                }
            }
        }
        if (value - error > THRESHOLD && value - error >= neighbours + error) {
            return true;
        }
        scratch.exactCells++;
        float centre = scratch.exact(exact, planes, channel, y, x);
        if (!(centre > THRESHOLD)) {
            return false;
        }
        // Cells outside the live tiles are at most 0.05 in TensorFlow too, below the centre.
        for (int nx = x0; nx <= x1; nx++) {
            for (int ny = y0; ny <= y1; ny++) {
                if ((ny != y || nx != x) && tiles.isLive(ny, nx)
                        && smoothed[nx][ny] + error >= value - error
                        && scratch.exact(exact, planes, channel, ny, nx) > centre) {
                    return false;
                }
            }
        }
        return true;
    }
}
