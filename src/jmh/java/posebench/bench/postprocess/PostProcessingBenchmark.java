package posebench.bench.postprocess;

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

import posebench.compile.CompileVariant;
import posebench.compile.SessionSettings;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.bench.image.BenchmarkImage;
import posebench.maps.FeatureMaps;
import posebench.zoo.ModelSource;
import posebench.model.PoseModel;
import posebench.pose.Human;
import posebench.scene.SceneRenderer;
import posebench.peaks.PeakDetectorKind;
import posebench.zoo.ModelZoo;

/**
 * Post-processing alone, from the raw network output ([H/8, W/8, 57]) to humans, as
 * {@link PoseEstimator#postProcess} runs it: upsampling, smoothing and peaks in the graph and PAF
 * assembly in Java for {@code depthwise} (tf-pose's), the graph's upsampling and Java peaks for
 * {@code threshold}, everything in Java without upsampled maps for {@code fused}. Input: a model's
 * output on the benchmark image, or a scene rendered at the network's output size ({@code rendered}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class PostProcessingBenchmark {

    /** The {@code input} value that selects a rendered scene instead of a network's output. */
    public static final String RENDERED = "rendered";

    private static final int SCENE_PEOPLE = 2;
    private static final long SCENE_SEED = 1;

    /** {@link #RENDERED}, a zoo name or the path of a frozen graph. */
    @Param(RENDERED)
    public String input;

    @Param({"5", "25"})
    public int filterSize;

    @Param({"depthwise", "threshold", "fused"})
    public String smoother;

    /** Threads: TensorFlow's intra-op pool and the Java detector's; 0 = every core. */
    @Param("0")
    public int threads;

    private PoseEstimator estimator;
    private FeatureMaps networkOutput;

    @Setup(Level.Trial)
    public void setUp() {
        PipelineOptions options = PipelineOptions.DEFAULTS.withFilterSize(filterSize);
        // A rendered scene needs a graph only for the TensorFlow stages: the default zoo model's serves.
        // Upsampled by 4, each rendered joint is a 4x4 block whose smoothed top ties, so tf-pose
        // finds some joints twice and more humans than were drawn; all smoothers must agree on them.
        PoseModel model = ModelSource.resolve(input.equals(RENDERED) ? ModelZoo.DEFAULT_MODEL : input);
        List<Human> expected;
        try (PoseEstimator reference = new PoseEstimator(model, options.withSmoother(PeakDetectorKind.DEPTHWISE))) {
            networkOutput = input.equals(RENDERED)
                    ? new SceneRenderer(options.targetHeight() / 8, options.targetWidth() / 8, 0.8, 0.9f, 0.5)
                            .render(SCENE_PEOPLE, SCENE_SEED).networkOutput()
                    : reference.infer(reference.preprocess(BenchmarkImage.resolve(BenchmarkImage.AUTO)));
            expected = reference.postProcess(networkOutput);
        }
        estimator = new PoseEstimator(model, options.withSmoother(PeakDetectorKind.named(smoother)),
                new SessionSettings(CompileVariant.NONE, threads, 0).toConfigProto());
        List<Human> actual = postProcess();
        if (!actual.equals(expected) || actual.isEmpty()) {
            throw new IllegalStateException("smoother " + smoother + ", filter " + filterSize + ": " + actual.size()
                    + " humans, tf-pose's depthwise pipeline " + expected.size()
                    + (actual.size() == expected.size() ? ", not the same ones" : ""));
        }
        System.out.println("post-processing " + (estimator.postProcessesInJava(networkOutput.height(),
                networkOutput.width()) ? "in Java from the raw output" : "through the graph's ops"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        estimator.close();
    }

    @Benchmark
    public List<Human> postProcess() {
        return estimator.postProcess(networkOutput);
    }
}
