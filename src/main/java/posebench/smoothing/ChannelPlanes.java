package posebench.smoothing;

import posebench.maps.MapView;

/**
 * The first channels of HWC maps as separate planes of separate row arrays, {@code rows[c][y][x]}:
 * a kernel pass then reads and writes rows at the same index, the only loop shape the JIT
 * vectorises. Rows that repeat the row above (maps upsampled by repetition) share its array;
 * nothing writes to the planes but {@link #load}.
 */
public final class ChannelPlanes {

    final int height;
    final int width;
    final int channels;
    final float[][][] rows;
    /** Each row's own array, which {@code rows} holds unless the row is shared with the one above. */
    private final float[][][] own;

    public ChannelPlanes(int height, int width, int channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.own = new float[channels][height][width];
        this.rows = new float[channels][height][];
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

    /** Copies rows [y0, y1) of the first {@link #channels} channels of {@code maps}. */
    public void load(MapView maps, int y0, int y1) {
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
}
