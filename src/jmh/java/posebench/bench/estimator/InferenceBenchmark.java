package posebench.bench.estimator;

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
import org.tensorflow.proto.RunOptions;

import posebench.bench.image.BenchmarkImage;
import posebench.compile.CompileVariant;
import posebench.compile.VariantRunner;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.maps.FeatureMaps;
import posebench.model.PoseModel;
import posebench.onnx.OrtSettings;
import posebench.profile.TraceTargets;
import posebench.zoo.ModelSource;
import posebench.zoo.ModelZoo;

/**
 * The network alone: one run from the preprocessed input to the raw [H/8, W/8, 57] output, copied
 * to Java, for each way of compiling the graph and each runtime (TensorFlow, or ONNX Runtime on the
 * converted graph).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 15, time = 1)
@Fork(1)
public class InferenceBenchmark extends RuntimeParams {

    /** A zoo name or the path of a frozen graph. */
    @Param(ModelZoo.DEFAULT_MODEL)
    public String model;

    /** A {@link CompileVariant} label. */
    @Param({"none", "xla", "bf16"})
    public String compile;

    /** Network input, WIDTHxHEIGHT. */
    @Param(PipelineOptions.DEFAULT_SIZE)
    public String resize;

    /** The runtime's intra-op threads; 0 lets it choose (one per core). */
    @Param("0")
    public int threads;

    /** Resize with Intel IPP (true, pip's OpenCV) or as an OpenCV built without IPP does (false). */
    @Param("true")
    public boolean ipp;

    private PoseEstimator estimator;
    private float[] input;

    @Setup(Level.Trial)
    public void setUp() {
        int[] size = PipelineOptions.parseSize(resize);
        PipelineOptions options = PipelineOptions.DEFAULTS.withTargetSize(size[0], size[1]).withIpp(ipp);
        PoseModel network = ModelSource.resolve(model);
        FeatureMaps expected;
        try (PoseEstimator reference = new PoseEstimator(network, options)) {
            input = reference.preprocess(BenchmarkImage.resolve(BenchmarkImage.AUTO));
            expected = reference.infer(input);
        }
        CompileVariant variant = CompileVariant.parse(compile);
        PipelineOptions measured = options.withRuntime(engine());
        OrtSettings ort = ortSettings(0);
        estimator = PipelineBenchmark.open(network, measured, variant, threads, ort);
        checkClose(infer(), expected, variant);
        if (variant == CompileVariant.XLA && VariantRunner.xlaClusters(estimator.runWithMetadata(input, RunOptions.newBuilder()
                .setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build())) == 0) {
            throw new IllegalStateException("compile xla: TensorFlow compiled no XLA cluster of " + model);
        }
        TraceTargets.register(estimator, input, PipelineBenchmark.variantLabel(measured, compile, ort));
    }

    /**
     * The output must match the uncompiled TensorFlow graph's up to a fraction of its largest value:
     * float rounding for xla, ONNX Runtime and other thread counts, bfloat16's 8-bit mantissa through
     * the whole network for bf16 (about 0.09 on mobilenet_v2_small); a wrong output (zeros, another
     * input) differs by about the whole scale. The deviation is printed for the record.
     */
    private void checkClose(FeatureMaps actual, FeatureMaps expected, CompileVariant variant) {
        float scale = 0;
        float worst = 0;
        for (int i = 0; i < expected.data().length; i++) {
            scale = Math.max(scale, Math.abs(expected.data()[i]));
            worst = Math.max(worst, Math.abs(actual.data()[i] - expected.data()[i]));
        }
        float tolerance = (variant == CompileVariant.BF16 ? 0.25f : 1e-4f) * Math.max(1, scale);
        if (!(worst <= tolerance)) {
            throw new IllegalStateException("runtime " + runtime + ", compile " + compile + ", " + threads
                    + " threads: output differs from the uncompiled TensorFlow graph's by up to " + worst
                    + ", more than " + tolerance);
        }
        System.out.printf(java.util.Locale.ROOT, "%nruntime %s, compile %s: max |output - TensorFlow none| = %.3g"
                + " (largest |output| %.3g)%n", runtime, compile, worst, scale);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        TraceTargets.unregister(estimator);
        estimator.close();
    }

    @Benchmark
    public FeatureMaps infer() {
        return estimator.infer(input);
    }
}
