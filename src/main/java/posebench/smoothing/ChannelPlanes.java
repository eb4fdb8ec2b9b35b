package posebench.smoothing;

import java.util.Arrays;

import posebench.maps.MapView;

/**
 * The first channels of HWC maps as separate planes of separate row arrays, {@code rows[c][y][x]}:
 * a kernel pass then reads and writes rows at the same index, the only loop shape the JIT
 * vectorises. Rows that repeat the row above (maps upsampled by repetition) share its array;
 * nothing writes to the planes but {@link #load}. Maps that repeat a source r by r
 * ({@link MapView#repetition()}) also leave their source cells, {@code source[c][sy][sx]}.
 */
public final class ChannelPlanes {

    final int height;
    final int width;
    final int channels;
    private final float[][][] rows;
    /** Each row's own array, which {@code rows} holds unless the row is shared with the one above. */
    private final float[][][] own;
    /** The repetition of the maps last {@link #expect expected}. */
    private int repetition = 1;
    /** With a repetition r > 1: cell (r * sy, r * sx) of each channel, {@code [channels][height / r][width / r]}. */
    float[][][] source;
    /** Per channel, whether {@link #rows} holds the source's full rows. */
    private final boolean[] expanded;

    public ChannelPlanes(int height, int width, int channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.own = new float[channels][height][width];
        this.rows = new float[channels][height][];
        this.expanded = new boolean[channels];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(own[c], 0, rows[c], 0, height);
        }
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Whether maps of this size with at least these channels load into these planes. */
    public boolean fits(MapView maps) {
        return maps.height() == height && maps.width() == width && maps.channels() >= channels;
    }

    /** The repetition of the maps being loaded: 1, or r when they repeat a source r by r. */
    public int repetition() {
        return repetition;
    }

    /**
     * Before the {@link #load}s of new maps (once, not per band): records whether they repeat a
     * source. Maps that do are loaded as their source cells only ({@link #source}); their full
     * rows are made from those when asked ({@link #rows(int)}).
     */
    public void expect(MapView maps) {
        int r = maps.repetition();
        repetition = r > 1 && height % r == 0 && width % r == 0 ? r : 1;
        if (repetition > 1 && (source == null || source[0].length != height / r || source[0][0].length != width / r)) {
            source = new float[channels][height / r][width / r];
        }
        Arrays.fill(expanded, false);
    }

    /** Copies rows [y0, y1) of the first {@link #channels} channels of {@code maps}. */
    public void load(MapView maps, int y0, int y1) {
        int r = repetition;
        if (r > 1) {
            // Each source row in the band holding its first row, so once.
            for (int sy = (y0 + r - 1) / r; sy * r < y1; sy++) {
                for (int c = 0; c < channels; c++) {
                    maps.sourceRow(sy, c, source[c][sy]);
                }
            }
            return;
        }
        for (int y = y0; y < y1; y++) {
            boolean repeated = y > y0 && maps.repeatsRowAbove(y);
            // One channel at a time: the source row stays in L1, each loop is a tight gather.
            for (int c = 0; c < channels; c++) {
                if (repeated) {
                    rows[c][y] = rows[c][y - 1];
                } else {
                    rows[c][y] = own[c][y];
                    maps.row(y, c, rows[c][y]);
                }
            }
        }
    }

    /** Cell (y, x) of a channel as loaded: from its source cell where the maps repeat one. */
    public float value(int channel, int y, int x) {
        int r = repetition;
        return r > 1 ? source[channel][y / r][x / r] : rows[channel][y][x];
    }

    /**
     * The full rows of a channel, {@code rows(c)[y][x]}; rows that repeat the row above share its
     * array. For maps loaded as their source, made from it on the first call (by the one thread
     * that works on the channel).
     */
    public float[][] rows(int channel) {
        if (repetition > 1 && !expanded[channel]) {
            int r = repetition;
            for (int y = 0; y < height; y++) {
                if (y % r != 0) {
                    rows[channel][y] = rows[channel][y - 1];
                    continue;
                }
                float[] row = own[channel][y];
                float[] cells = source[channel][y / r];
                for (int x = 0; x < width; x++) {
                    row[x] = cells[x / r];
                }
                rows[channel][y] = row;
            }
            expanded[channel] = true;
        }
        return rows[channel];
    }
}
