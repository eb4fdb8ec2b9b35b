package posebench.maps;

/**
 * Read access to a stack of 2-D maps by (y, x, channel), whether stored ({@link FeatureMaps}) or
 * computed where asked (the network output upsampled on demand), so that peak detection and PAF
 * assembly read upsampled maps without anyone materialising them.
 */
public interface MapView {

    int height();

    int width();

    int channels();

    float get(int y, int x, int c);

    /** Row {@code y} of channel {@code c} into {@code out[0 .. width)}. */
    default void row(int y, int c, float[] out) {
        for (int x = 0; x < width(); x++) {
            out[x] = get(y, x, c);
        }
    }

    /**
     * Cells {@code (y, x0) .. (y, x0 + n - 1)} with all their channels, channel fastest (the NHWC
     * order), into {@code out} from {@code offset}.
     */
    default void cells(int y, int x0, int n, float[] out, int offset) {
        int c = channels();
        for (int x = 0; x < n; x++) {
            for (int ch = 0; ch < c; ch++) {
                out[offset + x * c + ch] = get(y, x0 + x, ch);
            }
        }
    }

    /** Whether row {@code y > 0} holds the same values as row {@code y - 1} in every channel, so a copy may serve. */
    default boolean repeatsRowAbove(int y) {
        return false;
    }

    /**
     * A factor r > 1 when these maps are a source of {@code height / r} by {@code width / r} cells
     * repeated r by r, exactly: cell (y, x) equals cell (r * (y / r), r * (x / r)) in every
     * channel, bit for bit. 1 when nothing is known.
     */
    default int repetition() {
        return 1;
    }

    /**
     * With a {@link #repetition} r: source row {@code sy} of channel {@code c}, {@code out[sx] =
     * get(r * sy, r * sx, c)} for sx below {@code width / r}.
     */
    default void sourceRow(int sy, int c, float[] out) {
        int r = repetition();
        for (int sx = 0; sx < width() / r; sx++) {
            out[sx] = get(r * sy, r * sx, c);
        }
    }
}
