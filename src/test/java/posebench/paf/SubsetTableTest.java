package posebench.paf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static posebench.pose.Limb.L_EYE_L_EAR;
import static posebench.pose.Limb.L_SHOULDER_L_EAR;
import static posebench.pose.Limb.NECK_L_SHOULDER;
import static posebench.pose.Limb.NECK_NOSE;
import static posebench.pose.Limb.NECK_R_SHOULDER;
import static posebench.pose.Limb.NOSE_R_EYE;
import static posebench.pose.Limb.R_EYE_R_EAR;
import static posebench.pose.Limb.R_SHOULDER_R_EAR;
import static posebench.pose.Limb.R_SHOULDER_R_ELBOW;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Each branch of pafprocess's subset logic on hand-made connections. Peak and connection
 * scores are multiples of 1/8 so that every float sum below is exact.
 */
class SubsetTableTest {

    // Peak ids used below: 0 and 4 and 8 noses, 1 neck, 2 right shoulder, 3 right elbow,
    // 5 right eye, 6 and 11 right ears, 9 left eye, 10 left ear.
    private static final float[] PEAK_SCORES = {0.5f, 0.75f, 0.5f, 0.25f, 0.625f, 0.375f, 0.125f, 0.875f,
            0.5f, 0.5f, 0.5f, 0.5f};

    /** A row with the given (part, peak id) slots, score sum and part count. */
    private static float[] row(float score, float count, int... partAndId) {
        float[] row = new float[SubsetTable.WIDTH];
        Arrays.fill(row, -1);
        for (int i = 0; i < partAndId.length; i += 2) {
            row[partAndId[i]] = partAndId[i + 1];
        }
        row[SubsetTable.SCORE] = score;
        row[SubsetTable.COUNT] = count;
        return row;
    }

    @Test
    void noHumanFoundStartsOne() {
        SubsetTable table = new SubsetTable(PEAK_SCORES);
        table.connect(NECK_R_SHOULDER, 1, 2, 0.5f);
        assertEquals(1, table.size());
        // 0.75 (neck) + 0.5 (shoulder) + 0.5 (connection)
        assertArrayEquals(row(1.75f, 2, 1, 1, 2, 2), table.row(0));
    }

    @Test
    void oneHumanFoundGainsThePart() {
        SubsetTable table = new SubsetTable(PEAK_SCORES);
        table.connect(NECK_R_SHOULDER, 1, 2, 0.5f);
        table.connect(R_SHOULDER_R_ELBOW, 2, 3, 0.25f);
        // 1.75 + 0.25 (elbow) + 0.25 (connection)
        assertArrayEquals(row(2.25f, 3, 1, 1, 2, 2, 3, 3), table.row(0));
    }

    @Test
    void oneHumanAlreadyHoldingThePartIsUnchanged() {
        SubsetTable table = new SubsetTable(PEAK_SCORES);
        table.connect(NECK_R_SHOULDER, 1, 2, 0.5f);
        table.connect(NECK_NOSE, 1, 4, 1f);
        table.connect(NOSE_R_EYE, 4, 5, 0.5f);
        table.connect(R_EYE_R_EAR, 5, 6, 0.5f);
        // 1.75 + (0.625 + 1) + (0.375 + 0.5) + (0.125 + 0.5)
        float[] before = row(4.875f, 5, 0, 4, 1, 1, 2, 2, 14, 5, 16, 6);
        assertArrayEquals(before, table.row(0));
        table.connect(R_SHOULDER_R_EAR, 2, 6, 0.75f);
        assertArrayEquals(before, table.row(0));
    }

    @Test
    void oneHumanFoundByItsFirstPartHasItsSecondPartReplacedAndCountedAgain() {
        SubsetTable table = new SubsetTable(PEAK_SCORES);
        table.connect(NECK_R_SHOULDER, 1, 2, 0.5f);   // 1.75
        table.connect(NECK_NOSE, 1, 4, 1f);           // + 0.625 + 1 = 3.375
        table.connect(NOSE_R_EYE, 4, 5, 0.5f);        // + 0.375 + 0.5 = 4.25
        table.connect(R_EYE_R_EAR, 5, 6, 0.5f);       // + 0.125 + 0.5 = 4.875, 5 parts
        table.connect(R_SHOULDER_R_EAR, 2, 11, 0.25f);
        // Found by its shoulder; its ear 6 differs from 11, so ear 11 replaces it and the
        // count grows to 6 with still 5 parts. 4.875 + 0.5 + 0.25.
        assertArrayEquals(row(5.625f, 6, 0, 4, 1, 1, 2, 2, 14, 5, 16, 11), table.row(0));
    }

    @Test
    void twoHumansWithoutCommonPartMerge() {
        SubsetTable table = new SubsetTable(PEAK_SCORES);
        table.connect(NECK_R_SHOULDER, 1, 2, 0.5f);   // body: 1.75, 2 parts
        table.connect(NOSE_R_EYE, 4, 5, 0.5f);        // head: 0.625 + 0.375 + 0.5 = 1.5
        table.connect(R_EYE_R_EAR, 5, 6, 0.25f);      // head: 1.5 + 0.125 + 0.25 = 1.875, 3 parts
        assertEquals(2, table.size());
        table.connect(R_SHOULDER_R_EAR, 2, 6, 1f);    // finds body by shoulder, head by ear
        assertEquals(1, table.size());
        // 1.75 + 1.875 + 1; the ear's peak score is not added again.
        assertArrayEquals(row(4.625f, 5, 0, 4, 1, 1, 2, 2, 14, 5, 16, 6), table.row(0));
    }

    @Test
    void twoHumansWithCommonPartDoNotMergeButTheFirstTakesThePart() {
        SubsetTable table = new SubsetTable(PEAK_SCORES);
        table.connect(NECK_R_SHOULDER, 1, 2, 0.5f);   // body: 1.75
        table.connect(NECK_NOSE, 1, 4, 0.5f);         // body: 1.75 + 0.625 + 0.5 = 2.875, 3 parts
        table.connect(NOSE_R_EYE, 8, 5, 0.5f);        // head with nose 8: 0.5 + 0.375 + 0.5 = 1.375
        table.connect(R_EYE_R_EAR, 5, 6, 0.25f);      // head: 1.375 + 0.125 + 0.25 = 1.75, 3 parts
        table.connect(R_SHOULDER_R_EAR, 2, 6, 1f);    // both hold a nose (4 and 8): no merge
        assertEquals(2, table.size());
        // 2.875 + 0.125 (ear) + 1
        assertArrayEquals(row(4.0f, 4, 0, 4, 1, 1, 2, 2, 16, 6), table.row(0));
        assertArrayEquals(row(1.75f, 3, 0, 8, 14, 5, 16, 6), table.row(1));
    }

    @Test
    void peakZeroCountsAsEmptySoHumansSharingItsSlotMergeAndCorruptIt() {
        SubsetTable table = new SubsetTable(PEAK_SCORES);
        table.connect(NECK_R_SHOULDER, 1, 2, 0.5f);   // body: 1.75
        table.connect(NECK_NOSE, 1, 0, 0.5f);         // body takes nose 0: 1.75 + 0.5 + 0.5 = 2.75
        table.connect(NOSE_R_EYE, 8, 5, 0.5f);        // head with nose 8: 1.375
        table.connect(R_EYE_R_EAR, 5, 6, 0.25f);      // head: 1.75, 3 parts
        table.connect(R_SHOULDER_R_EAR, 2, 6, 1f);    // both hold a nose, but 0 > 0 is false: merge
        assertEquals(1, table.size());
        // Nose slot: 0 + 8 + 1 = 9, a peak neither human held. 2.75 + 1.75 + 1.
        assertArrayEquals(row(5.5f, 6, 0, 9, 1, 1, 2, 2, 14, 5, 16, 6), table.row(0));
    }

    @Test
    void onlyTheFirstSeventeenLimbsStartHumans() {
        SubsetTable table = new SubsetTable(PEAK_SCORES);
        table.connect(R_SHOULDER_R_EAR, 2, 6, 1f);
        table.connect(L_SHOULDER_L_EAR, 7, 10, 1f);
        assertEquals(0, table.size());
        table.connect(L_EYE_L_EAR, 9, 10, 1f);
        assertEquals(1, table.size());
        assertArrayEquals(row(2.0f, 2, 15, 9, 17, 10), table.row(0));
    }

    @Test
    void threeHumansFoundChangeNothing() {
        SubsetTable table = new SubsetTable(PEAK_SCORES);
        table.connect(R_SHOULDER_R_ELBOW, 2, 3, 0.5f);
        table.connect(NOSE_R_EYE, 8, 9, 0.5f);
        table.connect(NOSE_R_EYE, 4, 5, 0.5f);
        // Two connections to one ear (the greedy matcher never gives this, but the branch must
        // hold): the second finds both heads, which share the nose slot, so the first head
        // takes the ear too.
        table.connect(R_EYE_R_EAR, 5, 6, 0.5f);
        table.connect(R_EYE_R_EAR, 9, 6, 0.5f);
        assertEquals(6f, table.row(1)[16]);
        assertEquals(6f, table.row(2)[16]);
        float[][] before = {table.row(0).clone(), table.row(1).clone(), table.row(2).clone()};
        table.connect(R_SHOULDER_R_EAR, 2, 6, 1f);
        assertEquals(3, table.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(before[i], table.row(i));
        }
    }

    @Test
    void weakHumansAreDroppedAndTheRestKeepTheirOrder() {
        SubsetTable table = new SubsetTable(new float[17]);
        // Four humans, limb by limb; all peak scores 0, so each sum is its first connection's score.
        float[] firstScore = {1.2f, 100f, Math.nextDown(1.2f), 2f};
        for (int h = 0; h < 4; h++) {
            table.connect(NECK_R_SHOULDER, 4 * h + 1, 4 * h + 2, firstScore[h]);
        }
        for (int h = 0; h < 4; h++) {
            table.connect(NECK_L_SHOULDER, 4 * h + 1, 4 * h + 3, 0f);
        }
        for (int h = 0; h < 4; h++) {
            if (h != 1) {
                table.connect(R_SHOULDER_R_ELBOW, 4 * h + 2, 4 * h + 4, 0f);
            }
        }
        table.dropWeak();
        // Kept: 1.2f / 4 == 0.3f is not below 0.3f, and 2 / 4. Dropped: 3 parts despite its
        // score, and a mean one ulp below 0.3f.
        assertEquals(2, table.size());
        assertArrayEquals(row(1.2f, 4, 1, 1, 2, 2, 3, 4, 5, 3), table.row(0));
        assertArrayEquals(row(2f, 4, 1, 13, 2, 14, 3, 16, 5, 15), table.row(1));
    }
}
