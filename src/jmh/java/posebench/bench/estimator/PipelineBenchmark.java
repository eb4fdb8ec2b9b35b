package posebench.bench.estimator;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
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

import org.tensorflow.proto.ConfigProto;

import posebench.bench.image.BenchmarkImage;
import posebench.compile.CompileVariant;
import posebench.compile.SessionSettings;
import posebench.estimator.Detections;
import posebench.estimator.InferenceEngine;
import posebench.estimator.NetworkInput;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.image.BgrImage;
import posebench.maps.FeatureMaps;
import posebench.model.PoseModel;
import posebench.onnx.OrtSettings;
import posebench.peaks.PeakDetector;
import posebench.peaks.PeakList;
import posebench.pose.Human;
import posebench.profile.TraceTargets;
import posebench.peaks.PeakDetectorKind;
import posebench.zoo.ModelSource;
import posebench.zoo.ModelZoo;

/**
 * The whole pipeline, decoded image to humans: resize, then network and upsampling in one session
 * run (with smoothing and peaks for the depthwise smoother, else those in Java), then PAF assembly.
 * The image is decoded once in set-up. On a zoo model with generated weights this measures the
 * network's and the post-processing's cost, not detection quality.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 15, time = 1)
@Fork(1)
public class PipelineBenchmark extends RuntimeParams {

    /** A zoo name or the path of a frozen graph. */
    @Param(ModelZoo.DEFAULT_MODEL)
    public String model;

    @Param("25")
    public int filterSize;

    /** Network input, WIDTHxHEIGHT. */
    @Param(PipelineOptions.DEFAULT_SIZE)
    public String resize;

    /** A {@link PeakDetectorKind} label: fused (the default: post-processing in Java from the raw output), depthwise (in
     * the graph, as tf-pose), separable or threshold (Java peaks on the graph's upsampled maps). */
    @Param("fused")
    public String smoother;

    /** A {@link CompileVariant} label: none, xla or bf16. */
    @Param("none")
    public String compile;

    /** An image file, or {@link BenchmarkImage#AUTO}. */
    @Param(BenchmarkImage.AUTO)
    public String image;

    /** Resize with Intel IPP (true, pip's OpenCV) or as an OpenCV built without IPP does (false). */
    @Param("true")
    public boolean ipp;

    private PoseEstimator estimator;
    private BgrImage input;

    @Setup(Level.Trial)
    public void setUp() {
        int[] size = PipelineOptions.parseSize(resize);
        PipelineOptions options = PipelineOptions.DEFAULTS.withTargetSize(size[0], size[1]).withFilterSize(filterSize)
                .withSmoother(PeakDetectorKind.named(smoother)).withIpp(ipp).withRuntime(engine());
        input = BenchmarkImage.resolve(image);
        OrtSettings ort = ortSettings(0);
        estimator = open(ModelSource.resolve(model), options, CompileVariant.parse(compile), 0, ort);
        Detections stages = estimator.detectFromNetworkOutput(estimator.infer(estimator.preprocess(input)));
        List<Human> expected = estimator.assemble(stages);
        Detections fused = estimator.detectFromImage(input);
        List<Human> actual = estimate();
        if (!fused.peaks().all().equals(stages.peaks().all()) || !actual.equals(expected)
                || !stages(new StageTimes()).equals(expected)) {
            throw new IllegalStateException("the pipeline in one run found " + fused.peaks().size() + " peaks and "
                    + actual.size() + " humans, stage by stage " + stages.peaks().size() + " peaks and "
                    + expected.size() + " humans" + (actual.size() == expected.size() ? ", not the same ones" : ""));
        }
        try (PeakDetector reference = PeakDetectorKind.DEPTHWISE.detector(options.kernel())) {
            PeakList referencePeaks = reference.detect(stages.heatmaps());
            if (!referencePeaks.all().equals(stages.peaks().all())) {
                throw new IllegalStateException("smoother " + smoother + " found " + stages.peaks().size()
                        + " peaks, tf-pose's depthwise smoothing " + referencePeaks.size());
            }
        }
        TraceTargets.register(estimator, estimator.preprocess(input), variantLabel(options, compile, ort));
    }

    /**
     * An estimator for {@code network} compiled as {@code compile}, with {@code threads} intra-op
     * threads (0: the runtime's choice) in the runtime the options pick; ORT runs as {@code ort} says.
     */
    static PoseEstimator open(PoseModel network, PipelineOptions options, CompileVariant compile, int threads,
            OrtSettings ort) {
        if (options.runtime() == InferenceEngine.ONNX) {
            if (compile != CompileVariant.NONE) {
                throw new IllegalArgumentException("compile " + compile.label() + " is a TensorFlow variant; with"
                        + " runtime onnx use compile none (ORT's compiled form is ortSaved=true)");
            }
            return new PoseEstimator(network, options, ConfigProto.getDefaultInstance(), ort.withIntraOpThreads(threads));
        }
        return new PoseEstimator(compile.prepare(network), options, new SessionSettings(compile, threads, 0).toConfigProto());
    }

    /** The label of what ran, for trace file names: the compile variant, or ORT's settings. */
    static String variantLabel(PipelineOptions options, String compile, OrtSettings ort) {
        return options.runtime() == InferenceEngine.ONNX ? ort.label() : compile;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        TraceTargets.unregister(estimator);
        estimator.close();
    }

    @Benchmark
    public List<Human> estimate() {
        return estimator.estimate(input);
    }

    /**
     * The same pipeline as three calls, preprocessing, the network and post-processing from its
     * raw output, each timed: the fused smoother's {@link #estimate} is exactly this; the graph's
     * smoothers re-feed the raw output, which costs a copy of it (about 0.6 MB) more.
     */
    @Benchmark
    public List<Human> stages(StageTimes times) {
        long start = System.nanoTime();
        long inferred;
        FeatureMaps output;
        try (NetworkInput prepared = estimator.prepare(input)) {
            inferred = System.nanoTime();
            output = estimator.infer(prepared);
        }
        long postStart = System.nanoTime();
        List<Human> humans = estimator.postProcess(output);
        long end = System.nanoTime();
        times.add(inferred - start, postStart - inferred, end - postStart);
        return humans;
    }

    /**
     * Per-stage times of {@link #stages} as secondary results: milliseconds summed over the
     * iterations, and the images they took, so that each stage's time per image is its sum
     * divided by {@code images}, and its share of the pipeline its sum over the three sums.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class StageTimes {
        public double preprocessMs;
        public double inferenceMs;
        public double postProcessingMs;
        public long images;

        @Setup(Level.Iteration)
        public void reset() {
            preprocessMs = 0;
            inferenceMs = 0;
            postProcessingMs = 0;
            images = 0;
        }

        void add(long preprocessNanos, long inferenceNanos, long postProcessingNanos) {
            preprocessMs += preprocessNanos * 1e-6;
            inferenceMs += inferenceNanos * 1e-6;
            postProcessingMs += postProcessingNanos * 1e-6;
            images++;
        }
    }
}
