package posebench.paf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import posebench.maps.FeatureMaps;
import posebench.peaks.PeakList;
import posebench.pose.BodyPart;
import posebench.pose.CocoPart;
import posebench.pose.Human;
import posebench.pose.Limb;

/** The connection criterion and greedy matching on small hand-made maps. */
class PafAssemblerTest {

    private static final int H = 40;
    private static final int W = 40;

    /** Sets the limb's field to ({@code vx}, {@code vy}) on cells x in [x0, x1] of row y, or everywhere if y < 0. */
    private static void field(FeatureMaps pafs, Limb limb, float vx, float vy, int y, int x0, int x1) {
        for (int r = 0; r < pafs.height(); r++) {
            for (int c = 0; c < pafs.width(); c++) {
                if (y < 0 || (r == y && c >= x0 && c <= x1)) {
                    pafs.set(r, c, limb.pafX(), vx);
                    pafs.set(r, c, limb.pafY(), vy);
                }
            }
        }
    }

    private static void everywhere(FeatureMaps pafs, Limb limb, float vx, float vy) {
        field(pafs, limb, vx, vy, -1, 0, 0);
    }

    private static float score(FeatureMaps pafs, Limb limb, int ax, int ay, int bx, int by) {
        return PafAssembler.connectionScore(pafs, limb, ax, ay, bx, by);
    }

    @Test
    void samplesRoundHalfUpAfterWideningToDouble() {
        // From (0,0) to (5,0) the samples sit at x = 0, .5, 1, ..., 4.5 and land on cells
        // 0 1 1 2 2 3 3 4 4 5; cell x holds 0.1 * (x + 1), so the mean is 3.5 / 10.
        FeatureMaps pafs = FeatureMaps.zeros(H, W, 38);
        for (int x = 0; x <= 5; x++) {
            field(pafs, Limb.NECK_R_SHOULDER, 0.1f * (x + 1), 0, 0, x, x);
        }
        assertEquals(0.35f, score(pafs, Limb.NECK_R_SHOULDER, 0, 0, 5, 0), 1e-6f);
        assertEquals(0, PafAssembler.roundPaf(Math.nextDown(0.5f)), "float 0.5f - ulp + 0.5 rounds to 1 in float");
        assertEquals(1, PafAssembler.roundPaf(0.5f));
        assertEquals(2, PafAssembler.roundPaf(2.4999998f));
    }

    @Test
    void aConnectionNeedsMoreThanSixGoodSamples() {
        // From (10,5) to (20,5) the samples land on cells 10..19 of row 5.
        FeatureMaps seven = FeatureMaps.zeros(H, W, 38);
        field(seven, Limb.R_HIP_R_KNEE, 1, 0, 5, 10, 16);
        assertEquals(0.7f, score(seven, Limb.R_HIP_R_KNEE, 10, 5, 20, 5), 1e-6f);
        FeatureMaps six = FeatureMaps.zeros(H, W, 38);
        field(six, Limb.R_HIP_R_KNEE, 1, 0, 5, 10, 15);
        assertEquals(0f, score(six, Limb.R_HIP_R_KNEE, 10, 5, 20, 5), "0.6 mean but only 6 samples");
    }

    @Test
    void longLimbsArePenalisedAgainstHalfTheMapHeight() {
        FeatureMaps pafs = FeatureMaps.zeros(20, 50, 38);
        everywhere(pafs, Limb.NECK_NOSE, 1, 0);
        // 1 + (0.5 * 20 / 15 - 1) = 2/3
        assertEquals(0.6666667f, score(pafs, Limb.NECK_NOSE, 0, 5, 15, 5), 1e-7f);
        assertEquals(1f, score(pafs, Limb.NECK_NOSE, 0, 5, 10, 5));
        FeatureMaps half = FeatureMaps.zeros(20, 50, 38);
        everywhere(half, Limb.NECK_NOSE, 0.5f, 0);
        // Every sample counts, but 0.5 + (0.5 * 20 / 40 - 1) = -0.25 is not positive.
        assertEquals(0f, score(half, Limb.NECK_NOSE, 0, 5, 40, 5));
    }

    @Test
    void oppositeOrCoincidentPeaksDoNotConnect() {
        FeatureMaps pafs = FeatureMaps.zeros(H, W, 38);
        everywhere(pafs, Limb.NECK_NOSE, 1, 0);
        assertEquals(0f, score(pafs, Limb.NECK_NOSE, 20, 5, 10, 5));
        assertEquals(0f, score(pafs, Limb.NECK_NOSE, 10, 5, 10, 5));
    }

    /**
     * Fields for a four-part torso pointing right (neck to right shoulder), left (neck to left
     * shoulder) and down (neck to right hip); all connections along them score exactly 1.
     */
    private static FeatureMaps torsoFields() {
        FeatureMaps pafs = FeatureMaps.zeros(H, W, 38);
        everywhere(pafs, Limb.NECK_R_SHOULDER, 1, 0);
        everywhere(pafs, Limb.NECK_L_SHOULDER, -1, 0);
        everywhere(pafs, Limb.NECK_R_HIP, 0, 1);
        return pafs;
    }

    private static String cells(Human human) {
        StringBuilder s = new StringBuilder();
        for (BodyPart p : human.parts()) {
            s.append(p.part().label()).append('(').append(p.px()).append(',').append(p.py()).append(") ");
        }
        return s.toString().trim();
    }

    @Test
    void theHigherScoreWinsAPeakOverEnumerationOrder() {
        // Neck 0 at (4,20) reaches every other part off the field's direction; neck 1 at
        // (10,30) lies exactly along it. Neck 1 takes every part although enumerated later.
        PeakList peaks = new PeakList.Builder(H, W)
                .add(1, 4, 20, 0.5f).add(1, 10, 30, 0.5f)
                .add(2, 20, 30, 0.5f).add(5, 0, 30, 0.5f).add(8, 10, 39, 0.5f)
                .build();
        List<Human> humans = new PafAssembler().assemble(peaks, FeatureMaps.zeros(H, W, 19), torsoFields());
        assertEquals(1, humans.size());
        assertEquals("Neck(10,30) RShoulder(20,30) LShoulder(0,30) RHip(10,39)", cells(humans.get(0)));
        // (0.5 + 0.5 + 1) + (0.5 + 1) + (0.5 + 1) over 4 parts
        assertEquals(1.25f, humans.get(0).score());
    }

    @Test
    void tiedCandidatesKeepEnumerationOrder() {
        // Both right shoulders sit 10 right of the neck and 4 off its row: equal scores. The
        // one found first (row-major, so the upper one) wins.
        PeakList peaks = new PeakList.Builder(H, W)
                .add(1, 10, 20, 0.5f)
                .add(2, 20, 16, 0.5f).add(2, 20, 24, 0.5f)
                .add(5, 0, 20, 0.5f).add(8, 10, 30, 0.5f)
                .build();
        FeatureMaps pafs = torsoFields();
        assertEquals(score(pafs, Limb.NECK_R_SHOULDER, 10, 20, 20, 16),
                score(pafs, Limb.NECK_R_SHOULDER, 10, 20, 20, 24));
        List<Human> humans = new PafAssembler().assemble(peaks, FeatureMaps.zeros(H, W, 19), pafs);
        assertEquals(1, humans.size());
        assertEquals("Neck(10,20) RShoulder(20,16) LShoulder(0,20) RHip(10,30)", cells(humans.get(0)));
    }

    @Test
    void partsAreNormalisedByMapWidthAndHeight() {
        PeakList peaks = new PeakList.Builder(H, 50)
                .add(1, 10, 20, 0.75f).add(2, 20, 20, 0.5f).add(5, 0, 20, 0.5f).add(8, 10, 30, 0.5f)
                .build();
        FeatureMaps pafs = FeatureMaps.zeros(H, 50, 38);
        everywhere(pafs, Limb.NECK_R_SHOULDER, 1, 0);
        everywhere(pafs, Limb.NECK_L_SHOULDER, -1, 0);
        everywhere(pafs, Limb.NECK_R_HIP, 0, 1);
        List<Human> humans = new PafAssembler().assemble(peaks, FeatureMaps.zeros(H, 50, 19), pafs);
        BodyPart neck = humans.get(0).part(CocoPart.NECK).orElseThrow();
        assertEquals(new BodyPart(CocoPart.NECK, 10f / 50, 20f / 40, 0.75f, 10, 20), neck);
    }

    @Test
    void noPeaksGiveNoHumans() {
        assertTrue(new PafAssembler().assemble(new PeakList.Builder(H, W).build(),
                FeatureMaps.zeros(H, W, 19), FeatureMaps.zeros(H, W, 38)).isEmpty());
    }

    @Test
    void mismatchedShapesAreRejected() {
        PafAssembler assembler = new PafAssembler();
        PeakList peaks = new PeakList.Builder(H, W).build();
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> assembler.assemble(peaks, FeatureMaps.zeros(H, W, 19), FeatureMaps.zeros(H, W, 19)));
        assertTrue(channels.getMessage().contains("38"), channels.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> assembler.assemble(peaks, FeatureMaps.zeros(H, W, 19), FeatureMaps.zeros(H, W + 1, 38)));
        assertTrue(size.getMessage().contains("40x41"), size.getMessage());
        PeakList outside = new PeakList.Builder(H, W).add(0, W, 0, 1f).build();
        assertThrows(IllegalArgumentException.class,
                () -> assembler.assemble(outside, FeatureMaps.zeros(H, W, 19), FeatureMaps.zeros(H, W, 38)));
    }
}
