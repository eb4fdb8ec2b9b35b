package posebench.smoothing;

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

import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.image.BenchmarkImage;
import posebench.maps.FeatureMaps;
import posebench.maps.StageGraph;
import posebench.model.ModelSource;
import posebench.peaks.MaxPoolPeaks;
import posebench.peaks.Peak;
import posebench.peaks.PeakList;
import posebench.scene.Scene;
import posebench.scene.SceneRenderer;
import posebench.upsample.AreaUpsampling;

/**
 * Smoothing and peaks together, heatmaps to peak list, so that fused detectors compare like for
 * like with tf-pose's depthwise convolution plus max-pool. Input: the upsampled 19 heatmaps of a
 * model on the benchmark image when {@code model} names one, else a rendered scene of five
 * people at 184x216.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SmoothingBenchmark {

    /** The {@code model} param value that selects a rendered scene instead of a network's heatmaps. */
    public static final String RENDERED = "rendered";

    private static final int SCENE_PEOPLE = 5;
    private static final long SCENE_SEED = 1;

    @Param({"5", "25"})
    public int filterSize;

    @Param("depthwise")
    public String smoother;

    /** {@link #RENDERED}, a zoo name or the path of a frozen graph. */
    @Param(RENDERED)
    public String model;

    private FeatureMaps heatmaps;
    /** The peaks every smoother must find: the scene's joints, or tf-pose's on the model's heatmaps. */
    private List<Peak> expected;
    private StageGraph detector;

    @Setup(Level.Trial)
    public void setUp() {
        GaussianKernel kernel = new GaussianKernel(filterSize, PipelineOptions.DEFAULTS.sigma());
        if (model.equals(RENDERED)) {
            Scene scene = new SceneRenderer().render(SCENE_PEOPLE, SCENE_SEED);
            heatmaps = scene.heatmaps();
            expected = scene.peaks().all();
        } else {
            try (PoseEstimator estimator = new PoseEstimator(ModelSource.resolve(model), PipelineOptions.DEFAULTS)) {
                heatmaps = estimator.detect(BenchmarkImage.resolve(BenchmarkImage.AUTO)).heatmaps();
            }
        }
        if (!smoother.equals("depthwise")) {
            throw new IllegalArgumentException("unknown smoother '" + smoother + "', expected depthwise");
        }
        detector = new StageGraph(heatmaps.height(), heatmaps.width(), heatmaps.channels(),
                (tf, maps) -> List.of(MaxPoolPeaks.append(tf,
                        DepthwiseSmoothing.append(tf, maps, AreaUpsampling.HEATMAP_CHANNELS, kernel))));
        if (expected == null) {
            expected = detect().all();
        }
        List<Peak> actual = detect().all();
        if (!actual.equals(expected)) {
            throw new IllegalStateException("smoother " + smoother + ", filter " + filterSize + ": " + actual.size()
                    + " peaks, expected " + expected.size() + (actual.size() == expected.size() ? ", not the same ones" : ""));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        detector.close();
    }

    @Benchmark
    public PeakList detect() {
        return PeakList.fromPeakMap(detector.run(heatmaps).get(0), heatmaps);
    }
}
