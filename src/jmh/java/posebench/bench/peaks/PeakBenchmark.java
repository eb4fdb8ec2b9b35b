package posebench.bench.peaks;

import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import posebench.bench.maps.StageGraph;
import posebench.maps.FeatureMaps;
import posebench.peaks.MaxPoolPeaks;
import posebench.peaks.Peak;
import posebench.peaks.PeakList;
import posebench.pose.CocoPart;
import posebench.scene.Scene;
import posebench.scene.SceneRenderer;

/**
 * tf-pose's peak stage alone: the 3x3 max-pool peak map in TensorFlow and the peak list collected
 * from it in Java, on the 19 heatmaps of a rendered scene of {@code people} people at 184x216.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class PeakBenchmark {

    static final long SCENE_SEED = 1;

    @Param({"1", "4", "16"})
    public int people;

    private FeatureMaps heatmaps;
    private StageGraph peakMap;

    @Setup(Level.Trial)
    public void setUp() {
        Scene scene = new SceneRenderer().render(people, SCENE_SEED);
        heatmaps = scene.heatmaps();
        peakMap = new StageGraph(heatmaps.height(), heatmaps.width(), heatmaps.channels(),
                (tf, maps) -> List.of(MaxPoolPeaks.append(tf, maps)));
        List<Peak> expected = scene.peaks().all();
        List<Peak> actual = maxPoolPeaks().all();
        if (!actual.equals(expected) || actual.size() != people * CocoPart.COUNT) {
            throw new IllegalStateException("max-pool peaks of " + people + " rendered people: " + actual.size()
                    + " peaks, expected the scene's " + expected.size() + " (one per joint, "
                    + people * CocoPart.COUNT + ")" + (actual.size() == expected.size() ? " at other cells" : ""));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        peakMap.close();
    }

    @Benchmark
    public PeakList maxPoolPeaks() {
        return PeakList.fromPeakMap(peakMap.run(heatmaps).get(0), heatmaps);
    }
}
