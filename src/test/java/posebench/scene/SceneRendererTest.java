package posebench.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import posebench.maps.FeatureMaps;
import posebench.peaks.Peak;
import posebench.pose.CocoPart;
import posebench.pose.Limb;

class SceneRendererTest {

    private static final SceneRenderer RENDERER = new SceneRenderer();

    @Test
    void sameSeedSameScene() {
        Scene a = RENDERER.render(16, 5);
        Scene b = RENDERER.render(16, 5);
        assertEquals(a.people(), b.people());
        assertArrayEquals(a.heatmaps().data(), b.heatmaps().data());
        assertArrayEquals(a.pafs().data(), b.pafs().data());
        assertNotEquals(a.people(), RENDERER.render(16, 6).people());
    }

    @Test
    void shapesAreTheUpsampledNetworkOutputs() {
        Scene scene = RENDERER.render(4, 1);
        FeatureMaps heat = scene.heatmaps();
        FeatureMaps pafs = scene.pafs();
        assertArrayEquals(new int[] {184, 216, 19}, new int[] {heat.height(), heat.width(), heat.channels()});
        assertArrayEquals(new int[] {184, 216, 38}, new int[] {pafs.height(), pafs.width(), pafs.channels()});
        assertEquals(4, scene.people().size());
        scene.people().forEach(p -> assertEquals(CocoPart.COUNT, p.joints().size()));
    }

    @Test
    void everyJointIsExactlyOnePeakOfItsHeatmap() {
        Scene scene = RENDERER.render(9, 3);
        Set<Joint> joints = new HashSet<>();
        for (Person person : scene.people()) {
            for (Joint joint : person.joints()) {
                joints.add(joint);
                assertEquals(0.9f, scene.heatmaps().get(joint.y(), joint.x(), joint.part().ordinal()));
            }
        }
        Set<Joint> peaks = new HashSet<>();
        for (Peak peak : scene.peaks().all()) {
            peaks.add(new Joint(CocoPart.of(peak.part()), peak.x(), peak.y()));
            assertEquals(0.9f, peak.score());
        }
        assertEquals(9 * CocoPart.COUNT, scene.peaks().size());
        assertEquals(joints, peaks);
    }

    @Test
    void backgroundIsOneMinusTheLargestPart() {
        Scene scene = RENDERER.render(4, 2);
        FeatureMaps heat = scene.heatmaps();
        Joint nose = scene.people().get(0).joints().get(0);
        for (int[] cell : new int[][] {{0, 0}, {nose.y(), nose.x()}, {nose.y() + 1, nose.x() + 2}}) {
            float max = 0;
            for (int c = 0; c < CocoPart.COUNT; c++) {
                max = Math.max(max, heat.get(cell[0], cell[1], c));
            }
            assertEquals(1 - max, heat.get(cell[0], cell[1], CocoPart.COUNT));
        }
        assertEquals(1f, heat.get(0, 0, CocoPart.COUNT));
    }

    @Test
    void aLimbsFieldIsItsUnitVectorWithinHalfWidthOfTheSegment() {
        Scene scene = RENDERER.loneLimb();
        Joint shoulder = scene.people().get(0).joint(CocoPart.R_SHOULDER).orElseThrow();
        Joint elbow = scene.people().get(0).joint(CocoPart.R_ELBOW).orElseThrow();
        double dx = elbow.x() - shoulder.x();
        double dy = elbow.y() - shoulder.y();
        float ux = (float) (dx / Math.hypot(dx, dy));
        float uy = (float) (dy / Math.hypot(dx, dy));
        Limb arm = Limb.R_SHOULDER_R_ELBOW;
        FeatureMaps pafs = scene.pafs();
        for (Joint end : List.of(shoulder, elbow)) {
            assertEquals(ux, pafs.get(end.y(), end.x(), arm.pafX()));
            assertEquals(uy, pafs.get(end.y(), end.x(), arm.pafY()));
        }
        // Two cells beside the segment's middle (it runs mostly down) is outside half-width 1.
        int my = (shoulder.y() + elbow.y()) / 2;
        int mx = (int) Math.round(shoulder.x() + dx * (my - shoulder.y()) / dy);
        assertEquals(ux, pafs.get(my, mx, arm.pafX()));
        assertEquals(0f, pafs.get(my, mx + 2, arm.pafX()));
        assertEquals(0f, pafs.get(my, mx - 2, arm.pafX()));
        // Beyond the ends, and every other limb's channels, stay empty.
        assertEquals(0f, pafs.get(elbow.y() + 2, elbow.x(), arm.pafY()));
        for (int c = 0; c < pafs.channels(); c++) {
            if (c != arm.pafX() && c != arm.pafY()) {
                assertEquals(0f, pafs.get(shoulder.y(), shoulder.x(), c), "channel " + c);
            }
        }
    }

    @Test
    void crossingLimbsOfTwoPeopleAverageTheirVectors() {
        Scene both = RENDERER.overlappingPair();
        Scene first = RENDERER.render(both.people().subList(0, 1));
        Scene second = RENDERER.render(both.people().subList(1, 2));
        Limb forearm = Limb.L_ELBOW_L_WRIST;
        int shared = 0;
        for (int y = 0; y < both.pafs().height(); y++) {
            for (int x = 0; x < both.pafs().width(); x++) {
                float ax = first.pafs().get(y, x, forearm.pafX());
                float ay = first.pafs().get(y, x, forearm.pafY());
                float bx = second.pafs().get(y, x, forearm.pafX());
                float by = second.pafs().get(y, x, forearm.pafY());
                boolean inFirst = ax != 0 || ay != 0;
                boolean inSecond = bx != 0 || by != 0;
                if (inFirst && inSecond) {
                    shared++;
                    assertEquals((ax + bx) / 2, both.pafs().get(y, x, forearm.pafX()), 1e-6f);
                    assertEquals((ay + by) / 2, both.pafs().get(y, x, forearm.pafY()), 1e-6f);
                } else {
                    assertEquals(ax + bx, both.pafs().get(y, x, forearm.pafX()));
                }
            }
        }
        assertTrue(shared > 0, "the two left forearms must cross");
    }

    @Test
    void overlappingHeatmapsTakeTheMaximum() {
        Scene both = RENDERER.overlappingPair();
        Scene first = RENDERER.render(both.people().subList(0, 1));
        Scene second = RENDERER.render(both.people().subList(1, 2));
        float[] a = first.heatmaps().data();
        float[] b = second.heatmaps().data();
        float[] ab = both.heatmaps().data();
        for (int i = 0; i < ab.length; i++) {
            if (i % 19 != CocoPart.COUNT) {
                assertEquals(Math.max(a[i], b[i]), ab[i]);
            }
        }
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        IllegalArgumentException crowded = assertThrows(IllegalArgumentException.class, () -> RENDERER.render(400, 1));
        assertTrue(crowded.getMessage().contains("do not fit"), crowded.getMessage());
        Person outside = new Person(List.of(new Joint(CocoPart.NOSE, 216, 0)));
        assertThrows(IllegalArgumentException.class, () -> RENDERER.render(List.of(outside)));
        assertThrows(IllegalArgumentException.class,
                () -> new Person(List.of(new Joint(CocoPart.NECK, 1, 1), new Joint(CocoPart.NOSE, 2, 2))));
        assertThrows(IllegalArgumentException.class, () -> new SceneRenderer(0, 10));
    }
}
