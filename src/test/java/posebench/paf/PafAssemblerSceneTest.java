package posebench.paf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import posebench.pose.BodyPart;
import posebench.pose.CocoPart;
import posebench.pose.Human;
import posebench.scene.Joint;
import posebench.scene.Person;
import posebench.scene.Scene;
import posebench.scene.SceneRenderer;

/** Assembly of rendered scenes: every person comes back exactly, the same way every time. */
class PafAssemblerSceneTest {

    private static final SceneRenderer RENDERER = new SceneRenderer();

    private static List<Human> assemble(Scene scene) {
        return new PafAssembler().assemble(scene.peaks(), scene.heatmaps(), scene.pafs());
    }

    /** Asserts that the humans are the scene's people, joint for joint, in any order. */
    private static void assertRecovered(Scene scene, List<Human> humans) {
        assertEquals(scene.people().size(), humans.size(), "number of humans");
        Set<List<Joint>> expected = new HashSet<>();
        for (Person person : scene.people()) {
            expected.add(person.joints());
        }
        Set<List<Joint>> found = new HashSet<>();
        int h = scene.heatmaps().height();
        int w = scene.heatmaps().width();
        for (Human human : humans) {
            List<Joint> joints = new ArrayList<>();
            for (BodyPart part : human.parts()) {
                joints.add(new Joint(part.part(), part.px(), part.py()));
                assertEquals((float) part.px() / w, part.x());
                assertEquals((float) part.py() / h, part.y());
                assertEquals(0.9f, part.score(), "peak score is the heatmap value at the joint");
            }
            found.add(joints);
        }
        assertEquals(expected, found);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "1, 2", "4, 1", "4, 2", "4, 3", "16, 1", "16, 2", "16, 3"})
    void recoversEveryPersonOfAGrid(int people, long seed) {
        Scene scene = RENDERER.render(people, seed);
        List<Human> humans = assemble(scene);
        assertRecovered(scene, humans);
        for (Human human : humans) {
            // 18 parts at 0.9 and 17 connections (the two shoulder-ear limbs find the ear set)
            // scoring 1 up to rounding: the count is 18, not more.
            assertEquals((18 * 0.9f + 17) / 18, human.score(), 1e-3f);
        }
    }

    @Test
    void recoversOverlappingPeopleWhoseLimbsCross() {
        Scene scene = RENDERER.overlappingPair();
        assertRecovered(scene, assemble(scene));
    }

    @Test
    void aLoneLimbMakesNoHuman() {
        Scene scene = RENDERER.loneLimb();
        assertEquals(2, scene.peaks().size());
        assertTrue(assemble(scene).isEmpty());
    }

    @Test
    void aPersonWithoutHeadStillCounts() {
        List<Joint> body = new ArrayList<>();
        for (Joint joint : RENDERER.render(1, 5).people().get(0).joints()) {
            if (joint.part().ordinal() >= CocoPart.NECK.ordinal() && joint.part().ordinal() <= CocoPart.L_ANKLE.ordinal()) {
                body.add(joint);
            }
        }
        Scene scene = RENDERER.render(List.of(new Person(body)));
        assertRecovered(scene, assemble(scene));
    }

    @Test
    void sameInputSameHumansAcrossCallsInstancesAndThreads() throws Exception {
        Scene scene = RENDERER.render(16, 42);
        PafAssembler shared = new PafAssembler();
        List<Human> reference = shared.assemble(scene.peaks(), scene.heatmaps(), scene.pafs());
        assertEquals(reference, shared.assemble(scene.peaks(), scene.heatmaps(), scene.pafs()));
        assertEquals(reference, assemble(scene));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Human>>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> shared.assemble(scene.peaks(), scene.heatmaps(), scene.pafs())));
            }
            for (Future<List<Human>> result : results) {
                assertEquals(reference, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
