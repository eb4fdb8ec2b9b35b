package posebench.paf;

import java.util.Arrays;

import posebench.pose.CocoPart;
import posebench.pose.Limb;

/**
 * pafprocess's {@code subset}: the humans under construction, one float row each. Slots
 * 0..17 hold the global peak id of each part (-1 when empty), {@link #SCORE} the score sum and
 * {@link #COUNT} the part count. Rows are float as in the C++ original, so every sum rounds
 * the way it does there. One table serves one assembly call.
 */
final class SubsetTable {

    static final int SCORE = 18;
    static final int COUNT = 19;
    static final int WIDTH = 20;

    /** tf-pose's THRESH_PART_CNT: a human needs at least this many parts. */
    static final float MIN_PARTS = 4;
    /** tf-pose's THRESH_HUMAN_SCORE: a human needs at least this mean score. */
    static final float MIN_MEAN_SCORE = 0.3f;
    /** Only limbs before this index may start a human (the C++ {@code pair_id < 17}). */
    static final int STARTING_LIMBS = 17;

    private final float[] peakScores;
    private float[][] rows = new float[16][];
    private int size;

    /** @param peakScores peak score by global peak id */
    SubsetTable(float[] peakScores) {
        this.peakScores = peakScores;
    }

    int size() {
        return size;
    }

    /** Row {@code i} itself (not a copy). */
    float[] row(int i) {
        return rows[i];
    }

    /** Adds one accepted connection of {@code limb} between peaks {@code cid1} and {@code cid2}. */
    void connect(Limb limb, int cid1, int cid2, float score) {
        int part1 = limb.from().ordinal();
        int part2 = limb.to().ordinal();
        int found = 0;
        int first = 0;
        int second = 0;
        for (int i = 0; i < size; i++) {
            float[] row = rows[i];
            // Float slots compared with int ids, as the C++ compares them.
            if (row[part1] == cid1 || row[part2] == cid2) {
                if (found == 0) {
                    first = i;
                }
                if (found == 1) {
                    second = i;
                }
                found++;
            }
        }
        if (found == 1) {
            // Quirk: found by its first part, a human whose second slot holds another peak has
            // that peak replaced, and the part counted and scored again.
            float[] row = rows[first];
            if (row[part2] != cid2) {
                row[part2] = cid2;
                row[COUNT] += 1;
                row[SCORE] += peakScores[cid2] + score;
            }
        } else if (found == 2) {
            float[] a = rows[first];
            float[] b = rows[second];
            if (shareSlot(a, b)) {
                // Quirk: sets the slot without checking whether the human already held it, and
                // counts the part again even if it did; the second human keeps the peak too.
                a[part2] = cid2;
                a[COUNT] += 1;
                a[SCORE] += peakScores[cid2] + score;
            } else {
                // Empty slots are -1: adding b's slot + 1 keeps a's peak, takes b's, or stays -1.
                for (int s = 0; s < CocoPart.COUNT; s++) {
                    a[s] += b[s] + 1;
                }
                a[COUNT] += b[COUNT];
                a[SCORE] += b[SCORE];
                a[SCORE] += score;
                remove(second);
            }
        } else if (found == 0 && limb.ordinal() < STARTING_LIMBS) {
            float[] row = new float[WIDTH];
            Arrays.fill(row, -1);
            row[part1] = cid1;
            row[part2] = cid2;
            row[COUNT] = 2;
            row[SCORE] = peakScores[cid1] + peakScores[cid2] + score;
            add(row);
        }
        // Three or more humans found: the C++ does nothing.
    }

    /**
     * Whether both rows fill some slot. Quirks kept: the C++ leaves its {@code membership} flag
     * uninitialised (read here as "no shared slot", what the code means), and it tests
     * {@code > 0}, so a slot holding peak id 0 counts as empty: two humans that both hold a
     * peak in the slot where peak 0 sits can merge, and the merged slot then holds the sum of
     * the two ids plus one, another peak's id.
     */
    private static boolean shareSlot(float[] a, float[] b) {
        for (int s = 0; s < CocoPart.COUNT; s++) {
            if (a[s] > 0 && b[s] > 0) {
                return true;
            }
        }
        return false;
    }

    /** Drops humans with too few parts or too low a mean score, keeping the others' order. */
    void dropWeak() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            float[] row = rows[i];
            if (!(row[COUNT] < MIN_PARTS || row[SCORE] / row[COUNT] < MIN_MEAN_SCORE)) {
                rows[kept++] = row;
            }
        }
        Arrays.fill(rows, kept, size, null);
        size = kept;
    }

    private void add(float[] row) {
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
        }
        rows[size++] = row;
    }

    private void remove(int index) {
        System.arraycopy(rows, index + 1, rows, index, size - index - 1);
        rows[--size] = null;
    }
}
