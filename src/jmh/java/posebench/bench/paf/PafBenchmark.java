package posebench.bench.paf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import posebench.paf.PafAssembler;
import posebench.peaks.PeakList;
import posebench.pose.BodyPart;
import posebench.pose.Human;
import posebench.scene.Joint;
import posebench.scene.Person;
import posebench.scene.Scene;
import posebench.scene.SceneRenderer;

/**
 * PAF assembly alone (tf-pose's pafprocess in Java) on a rendered scene of {@code people} people
 * at 184x216: its peaks, unsmoothed heatmaps and PAFs, prepared once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class PafBenchmark {

    static final long SCENE_SEED = 1;

    @Param({"1", "4", "16"})
    public int people;

    private final PafAssembler assembler = new PafAssembler();
    private Scene scene;
    private PeakList peaks;

    @Setup(Level.Trial)
    public void setUp() {
        scene = new SceneRenderer().render(people, SCENE_SEED);
        peaks = scene.peaks();
        Set<List<Joint>> expected = new HashSet<>();
        for (Person person : scene.people()) {
            expected.add(person.joints());
        }
        Set<List<Joint>> found = new HashSet<>();
        List<Human> humans = assemble();
        for (Human human : humans) {
            List<Joint> joints = new ArrayList<>();
            for (BodyPart part : human.parts()) {
                joints.add(new Joint(part.part(), part.px(), part.py()));
            }
            found.add(joints);
        }
        if (humans.size() != people || !found.equals(expected)) {
            throw new IllegalStateException("assembly of " + people + " rendered people gave " + humans.size()
                    + " humans" + (humans.size() == people ? " with other joints" : "") + ", expected the scene's people");
        }
    }

    @Benchmark
    public List<Human> assemble() {
        return assembler.assemble(peaks, scene.heatmaps(), scene.pafs());
    }
}
