package posebench.smoothing;

import java.util.Arrays;

/**
 * Which square tiles of a plane a separable smoothing must cover, as bit masks: {@code live}
 * tiles need smoothed values, {@code needed} tiles (live ones widened by the kernel radius) need
 * the first, vertical pass. Tiles are {@code 1 << shift} cells wide, at most 64 to a row or column.
 *
 * <p>{@link #around} keeps only tiles where TensorFlow's smoothed value may exceed the peak
 * threshold, from an upper bound built on tile maxima of |value|: the kernel mass that a source
 * tile can put on any cell of a target tile is at most {@code reachMass[dy] * reachMass[dx]}.
 */
public final class LiveTiles {

    final int shift;
    final int tileRows;
    final int tileColumns;
    /** {@code live[ty]}: bit tx set when tile (ty, tx) is live. */
    final long[] live;
    /** {@code liveColumns[tx]}: bit ty set when tile (ty, tx) is live. */
    final long[] liveColumns;
    /** {@code needed[ty]}: bit tx set when the vertical pass must cover tile (ty, tx). */
    final long[] needed;
    private final long allColumns;
    /** Tiles a source tile's mass reaches on either side. */
    private final int reach;
    /** {@code reachMass[d + reach]}: most 1-D kernel mass a tile puts on a cell of the tile d away. */
    private final double[] reachMass;
    /** Largest |value| per tile, row-major over tiles. */
    private final float[] tileMax;
    /** Bound rows: tile maxima convolved with {@link #reachMass} across tile columns. */
    private final double[] across;
    private final long[] hot;
    private final long[] band;
    /** Per column, then per tile by halving, the largest |value| of a tile row. */
    private final float[] columnMax;
    /** Tile maxima of one tile row, from source cells. */
    private final float[] rowMax;
    /** The bound of one tile row. */
    private final double[] bound;
    private float largest;
    /** {@link #sourceSpans} for planes of repetition {@link #sourceSpansOf}, made when first needed. */
    private int[][] sourceSpans;
    private int sourceSpansOf;

    public LiveTiles(GaussianKernel kernel, int height, int width) {
        int s = 2;
        while (((height - 1) >> s) >= Long.SIZE || ((width - 1) >> s) >= Long.SIZE) {
            s++;
        }
        this.shift = s;
        this.tileRows = ((height - 1) >> s) + 1;
        this.tileColumns = ((width - 1) >> s) + 1;
        this.allColumns = tileColumns == Long.SIZE ? -1L : (1L << tileColumns) - 1;
        this.live = new long[tileRows];
        this.liveColumns = new long[tileColumns];
        this.needed = new long[tileRows];
        this.hot = new long[tileRows];
        this.band = new long[tileRows];
        this.columnMax = new float[tileColumns << s];
        this.bound = new double[tileColumns];
        this.rowMax = new float[tileColumns];
        this.tileMax = new float[tileRows * tileColumns];
        this.across = new double[tileRows * tileColumns];
        int tile = 1 << s;
        int size = kernel.size();
        int before = (size - 1) / 2;
        int radius = size / 2;
        this.reach = radius == 0 ? 0 : ((radius - 1) >> s) + 1;
        double[] factor = kernel.factorExact();
        this.reachMass = new double[2 * reach + 1];
        for (int d = -reach; d <= reach; d++) {
            double most = 0;
            for (int p = 0; p < tile; p++) {
                double mass = 0;
                for (int q = 0; q < tile; q++) {
                    int t = d * tile + q - p + before;
                    if (t >= 0 && t < size) {
                        mass += factor[t];
                    }
                }
                most = Math.max(most, mass);
            }
            reachMass[d + reach] = most;
        }
    }

    /** Every tile live: smoothing everywhere. */
    public void all() {
        Arrays.fill(live, allColumns);
        Arrays.fill(needed, allColumns);
        Arrays.fill(liveColumns, tileRows == Long.SIZE ? -1L : (1L << tileRows) - 1);
    }

    /**
     * Marks live the tiles of {@code channel} where the smoothed value may exceed {@code massLimit}
     * (bound: sum over tiles of tile max times reach masses), looking only within reach of a tile
     * holding a |value| above {@code hotLimit}. Returns whether any tile is live.
     */
    public boolean around(ChannelPlanes planes, int channel, float hotLimit, double massLimit) {
        if (!findTileMaxima(planes, channel, hotLimit)) {
            return false;
        }
        for (int ty = 0; ty < tileRows; ty++) {
            band[ty] = widen(hot[ty]);
        }
        verticalOr(band, live);
        // live holds the candidates now; bound rows are needed within reach of them.
        verticalOr(live, band);
        // The bound, separably: along tile rows within reach of a candidate, then down the candidates.
        for (int ty = 0; ty < tileRows; ty++) {
            if (band[ty] != 0) {
                boundAcross(ty, band[ty]);
            }
        }
        boolean any = false;
        Arrays.fill(liveColumns, 0L);
        for (int ty = 0; ty < tileRows; ty++) {
            long kept = 0;
            if (live[ty] != 0) {
                boundDown(ty, live[ty]);
                for (long m = live[ty]; m != 0; m &= m - 1) {
                    int tx = Long.numberOfTrailingZeros(m);
                    if (bound[tx] > massLimit) {
                        kept |= 1L << tx;
                        liveColumns[tx] |= 1L << ty;
                    }
                }
            }
            live[ty] = kept;
            needed[ty] = widen(kept);
            any |= kept != 0;
        }
        return any;
    }

    /** {@link #across} of tile row ty over the span of {@code mask}; taps outer, so sums run side by side. */
    private void boundAcross(int ty, long mask) {
        int lo = Long.numberOfTrailingZeros(mask);
        int hi = Long.SIZE - 1 - Long.numberOfLeadingZeros(mask);
        int row = ty * tileColumns;
        Arrays.fill(across, row + lo, row + hi + 1, 0.0);
        for (int d = -reach; d <= reach; d++) {
            double mass = reachMass[d + reach];
            for (int tx = Math.max(lo, -d); tx <= Math.min(hi, tileColumns - 1 - d); tx++) {
                across[row + tx] += tileMax[row + tx + d] * mass;
            }
        }
    }

    /** {@link #bound} of tile row ty over the span of {@code mask}, from {@link #across}. */
    private void boundDown(int ty, long mask) {
        int lo = Long.numberOfTrailingZeros(mask);
        int hi = Long.SIZE - 1 - Long.numberOfLeadingZeros(mask);
        Arrays.fill(bound, lo, hi + 1, 0.0);
        for (int d = Math.max(-reach, -ty); d <= Math.min(reach, tileRows - 1 - ty); d++) {
            double mass = reachMass[d + reach];
            int row = (ty + d) * tileColumns;
            for (int tx = lo; tx <= hi; tx++) {
                bound[tx] += across[row + tx] * mass;
            }
        }
    }

    /**
     * The live tiles of the tile column holding column {@code x}: bit ty set when tile row ty is
     * live there; walk its runs with {@link #runStart}, {@link #runEnd} and {@link #dropRun}.
     */
    public long liveDown(int x) {
        return liveColumns[x >> shift];
    }

    /** The largest |value| of the channel last passed to {@link #around}. */
    public float largest() {
        return largest;
    }

    /** Fills {@link #tileMax}, {@link #hot} and {@link #largest}; false when no tile is hot. */
    private boolean findTileMaxima(ChannelPlanes planes, int channel, float hotLimit) {
        if (planes.repetition() > 1) {
            return findTileMaximaOfSource(planes, channel, hotLimit);
        }
        float[][] rows = planes.rows(channel);
        int width = planes.width;
        boolean any = false;
        largest = 0f;
        for (int ty = 0; ty < tileRows; ty++) {
            int y0 = ty << shift;
            int y1 = Math.min(planes.height, y0 + (1 << shift));
            // Column maxima of the tile row first: a loop the JIT vectorises.
            float[] first = rows[y0];
            for (int x = 0; x < width; x++) {
                columnMax[x] = Math.abs(first[x]);
            }
            for (int y = y0 + 1; y < y1; y++) {
                float[] row = rows[y];
                if (row == rows[y - 1]) {
                    // A repeated row (ChannelPlanes shares its array): nothing new.
                    continue;
                }
                for (int x = 0; x < width; x++) {
                    columnMax[x] = Math.max(columnMax[x], Math.abs(row[x]));
                }
            }
            // Tile maxima by pairwise halving: independent maxima instead of one long chain.
            Arrays.fill(columnMax, width, columnMax.length, 0f);
            for (int n = columnMax.length >> 1; n >= tileColumns; n >>= 1) {
                for (int i = 0; i < n; i++) {
                    columnMax[i] = Math.max(columnMax[2 * i], columnMax[2 * i + 1]);
                }
            }
            any |= markHot(ty, columnMax, hotLimit);
        }
        return any;
    }

    /** Records tile row ty's maxima ({@code maxima[tx]}) and its hot tiles; whether any is hot. */
    private boolean markHot(int ty, float[] maxima, float hotLimit) {
        long mask = 0;
        // A local maximum by comparison: no field store and no NaN handling in the loop.
        float top = largest;
        for (int tx = 0; tx < tileColumns; tx++) {
            float most = maxima[tx];
            tileMax[ty * tileColumns + tx] = most;
            if (most > hotLimit) {
                mask |= 1L << tx;
            }
            if (most > top) {
                top = most;
            }
        }
        largest = top;
        hot[ty] = mask;
        return mask != 0;
    }

    /**
     * {@link #findTileMaxima} on maps loaded as their source cells: a tile's maximum is that of
     * the source cells it covers, whole or in part (a source cell may span several tiles).
     */
    private boolean findTileMaximaOfSource(ChannelPlanes planes, int channel, float hotLimit) {
        float[][] source = planes.source[channel];
        int r = planes.repetition();
        if (sourceSpans == null || sourceSpansOf != r) {
            sourceSpans = sourceSpans(planes, r);
            sourceSpansOf = r;
        }
        int sourceWidth = planes.width / r;
        int[] firstRow = sourceSpans[0];
        int[] lastRow = sourceSpans[1];
        int[] firstColumn = sourceSpans[2];
        int[] lastColumn = sourceSpans[3];
        boolean any = false;
        largest = 0f;
        for (int ty = 0; ty < tileRows; ty++) {
            float[] first = source[firstRow[ty]];
            for (int sx = 0; sx < sourceWidth; sx++) {
                columnMax[sx] = Math.abs(first[sx]);
            }
            for (int sy = firstRow[ty] + 1; sy <= lastRow[ty]; sy++) {
                float[] row = source[sy];
                for (int sx = 0; sx < sourceWidth; sx++) {
                    columnMax[sx] = Math.max(columnMax[sx], Math.abs(row[sx]));
                }
            }
            for (int tx = 0; tx < tileColumns; tx++) {
                float most = columnMax[firstColumn[tx]];
                for (int sx = firstColumn[tx] + 1; sx <= lastColumn[tx]; sx++) {
                    most = Math.max(most, columnMax[sx]);
                }
                rowMax[tx] = most;
            }
            any |= markHot(ty, rowMax, hotLimit);
        }
        return any;
    }

    /** Per tile row and tile column, the first and last source cell it covers: four arrays. */
    private int[][] sourceSpans(ChannelPlanes planes, int r) {
        int[][] spans = {new int[tileRows], new int[tileRows], new int[tileColumns], new int[tileColumns]};
        for (int ty = 0; ty < tileRows; ty++) {
            spans[0][ty] = (ty << shift) / r;
            spans[1][ty] = (Math.min(planes.height, (ty + 1) << shift) - 1) / r;
        }
        for (int tx = 0; tx < tileColumns; tx++) {
            spans[2][tx] = (tx << shift) / r;
            spans[3][tx] = (Math.min(planes.width, (tx + 1) << shift) - 1) / r;
        }
        return spans;
    }

    /** {@code out[ty]} = OR of {@code in} over tile rows ty - reach .. ty + reach. */
    private void verticalOr(long[] in, long[] out) {
        for (int ty = 0; ty < tileRows; ty++) {
            long m = 0;
            for (int r = Math.max(0, ty - reach); r <= Math.min(tileRows - 1, ty + reach); r++) {
                m |= in[r];
            }
            out[ty] = m;
        }
    }

    /** The mask widened by {@link #reach} tiles to each side. */
    private long widen(long mask) {
        long w = mask;
        for (int b = 1; b <= reach; b++) {
            w |= (mask << b) | (mask >>> b);
        }
        return w & allColumns;
    }

    /** Whether cell (y, x) lies in a live tile. */
    public boolean isLive(int y, int x) {
        return (live[y >> shift] >>> (x >> shift) & 1L) != 0;
    }

    /** First cell of the lowest run of set bits of {@code runs}. */
    public int runStart(long runs) {
        return Long.numberOfTrailingZeros(runs) << shift;
    }

    /** End cell (exclusive, at most {@code limit}) of the lowest run of set bits. */
    public int runEnd(long runs, int limit) {
        return Math.min(limit, runEndBit(runs) << shift);
    }

    /** {@code runs} without its lowest run. */
    public static long dropRun(long runs) {
        int end = runEndBit(runs);
        return end >= Long.SIZE ? 0 : runs & (-1L << end);
    }

    private static int runEndBit(long runs) {
        int start = Long.numberOfTrailingZeros(runs);
        return start + Long.numberOfTrailingZeros(~(runs >>> start));
    }
}
