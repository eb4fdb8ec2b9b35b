package posebench.estimator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.image.InputTensor;
import posebench.maps.FeatureMaps;
import posebench.model.OutputShapeException;
import posebench.model.PoseModel;
import posebench.onnx.OrtSettings;
import posebench.paf.PafAssembler;
import posebench.peaks.PeakDetector;
import posebench.peaks.PeakDetectorKind;
import posebench.peaks.PeakList;
import posebench.pose.Human;
import posebench.postprocess.PostProcessor;

/**
 * tf-pose-estimation's {@code TfPoseEstimator} on TensorFlow Java: the network and the
 * post-processing ops (upsample, and with the depthwise smoother also smoothing and peaks) in one
 * graph and one session, and PAF assembly in Java. With a Java smoother the graph ends at the
 * upsampled maps and a {@link PeakDetector} finds the peaks. With the ONNX runtime
 * ({@link PipelineOptions#runtime()}) the network runs in ONNX Runtime and its raw output feeds
 * the same post-processing ops. Thread-safe; {@link #close()} waits for runs in flight and later
 * calls fail with a clear error.
 */
public final class PoseEstimator implements AutoCloseable {

    /** The op that fails a run whose network output holds NaN or infinities, before peaks and PAFs see them. */
    public static final String NUMERICS_OP = "check_network_output";

    /** With the ONNX runtime, the placeholder of the post-processing graph that takes ORT's raw output. */
    public static final String NETWORK_OUTPUT = "network_output";

    /** Idle input tensors kept at most: enough for pipelined workers, each preparing one ahead. */
    private static final int MAX_IDLE_INPUTS = 8;

    private final PoseModel model;
    private final PipelineOptions options;
    private final InferenceRuntime runtime;
    private final PostProcessing post;
    /** Stages 4-7 in Java from the raw network output, with the fused smoother; else null. */
    private final PostProcessor postProcessor;
    /** Idle Java peak detectors: they are not thread-safe, so each run borrows one. */
    private final Deque<PeakDetector> idleDetectors = new ConcurrentLinkedDeque<>();
    /**
     * Input tensors of closed {@link NetworkInput}s, written again by the next {@link #prepare}:
     * with oneDNN off TensorFlow's allocator does not pool, and a new 1.9 MB tensor per image took
     * up to 466 page faults here, about one per 4 KB page of it.
     */
    private final Deque<TFloat32> idleInputs = new ConcurrentLinkedDeque<>();
    private final PafAssembler assembler = new PafAssembler();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    public PoseEstimator(PoseModel model, PipelineOptions options) {
        this(model, options, ConfigProto.getDefaultInstance());
    }

    public PoseEstimator(PoseModel model, PipelineOptions options, ConfigProto config) {
        this(model, options, config, OrtSettings.DEFAULTS);
    }

    /**
     * @param config the TensorFlow session's configuration (with the ONNX runtime, the post-processing session's)
     * @param ort how ONNX Runtime runs the network, when the options pick the ONNX runtime
     */
    public PoseEstimator(PoseModel model, PipelineOptions options, ConfigProto config, OrtSettings ort) {
        this.model = model;
        this.options = options;
        this.runtime = switch (options.runtime()) {
            case TF -> new TensorFlowRuntime(model, options, config);
            case ONNX -> new OrtRuntime(model, options, config, ort);
        };
        this.post = runtime.postProcessing();
        this.postProcessor = options.smoother() == PeakDetectorKind.FUSED ? new PostProcessor(options.heatmapHeight(),
                options.heatmapWidth(), options.kernel(), javaThreads(config)) : null;
    }

    public PoseModel model() {
        return model;
    }

    public PipelineOptions options() {
        return options;
    }

    /**
     * The graph the TensorFlow session runs (for FLOP accounting): on TensorFlow the whole graph,
     * network and post-processing ops; with the ONNX runtime the post-processing ops alone, from the
     * placeholder {@value #NETWORK_OUTPUT}, while ORT runs {@link PoseModel#graphDef()} converted.
     */
    public GraphDef graphDef() {
        return whileOpen(runtime::graphDef);
    }

    /** Decodes, resizes and runs the whole pipeline on an image file. */
    public List<Human> estimate(Path imageFile) {
        return estimate(ImageDecoder.decode(imageFile));
    }

    /**
     * The whole pipeline: in one session run, then PAF assembly; with the fused smoother the
     * session runs the network alone and {@link #postProcess} does the rest.
     */
    public List<Human> estimate(BgrImage image) {
        if (postProcessor != null) {
            try (NetworkInput input = prepare(image)) {
                return postProcess(infer(input));
            }
        }
        return assemble(detectFromImage(image));
    }

    /**
     * Stages 4-7 from the raw network output to humans: in Java without upsampled maps with the
     * fused smoother where {@link #postProcessesInJava} holds, else through the graph's ops.
     */
    public List<Human> postProcess(FeatureMaps networkOutput) {
        if (postProcessesInJava(networkOutput.height(), networkOutput.width())) {
            return whileOpen(() -> postProcessor.humans(networkOutput));
        }
        return assemble(detectFromNetworkOutput(networkOutput));
    }

    /**
     * Whether {@link #postProcess} works in Java on network outputs of this size: the fused
     * smoother, on a TensorFlow whose area resize the Java one reproduces (checked once per size).
     */
    public boolean postProcessesInJava(int outputHeight, int outputWidth) {
        return postProcessor != null && postProcessor.appliesTo(outputHeight, outputWidth);
    }

    /** Java post-processing threads: the session's intra-op count where it is set, else every core. */
    private static int javaThreads(ConfigProto config) {
        int cores = Runtime.getRuntime().availableProcessors();
        int intraOp = config.getIntraOpParallelismThreads();
        return intraOp > 0 ? Math.min(intraOp, cores) : cores;
    }

    /** Stage 1-2: the network input, resized with OpenCV's bicubic filter, float BGR [H, W, 3]. */
    public float[] preprocess(BgrImage image) {
        return InputTensor.of(image, options.targetWidth(), options.targetHeight(), options.ipp());
    }

    /** Stage 3: the raw network output, [H/8, W/8, 57]. */
    public FeatureMaps infer(float[] input) {
        return whileOpen(() -> checkedOutput(runtime.infer(checkedInput(input))));
    }

    /**
     * Stages 1-2 written straight into a tensor of the network's input, {@code [1, H, W, 3]}:
     * the same values as {@link #preprocess}, without a Java array of them and its copy.
     */
    public NetworkInput prepare(BgrImage image) {
        TFloat32 idle = idleInputs.poll();
        TFloat32 tensor = idle != null ? idle : TFloat32.tensorOf(TensorFlowRuntime.inputShape(1, options));
        try {
            // Every value is written, so nothing of the image a kept tensor held before is left.
            InputTensor.write(image, options.targetWidth(), options.targetHeight(), options.ipp(),
                    tensor.asRawTensor().data().asFloats());
            return new NetworkInput(tensor, this::release);
        } catch (RuntimeException | Error e) {
            tensor.close();
            throw e;
        }
    }

    /**
     * A closed input's tensor: kept for the next {@link #prepare} while open, else freed. Under
     * the lifecycle lock, so that {@link #close} cannot miss one kept after it freed the others.
     */
    private void release(TFloat32 tensor) {
        Lock lock = lifecycle.readLock();
        lock.lock();
        try {
            if (closed || idleInputs.size() >= MAX_IDLE_INPUTS) {
                tensor.close();
            } else {
                idleInputs.push(tensor);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many input tensors {@link #prepare} may write again: for tests. */
    int idleInputs() {
        return idleInputs.size();
    }

    /** Stage 3 on a {@link #prepare prepared} input, which stays open for the caller to close. */
    public FeatureMaps infer(NetworkInput input) {
        TFloat32 tensor = input.tensor();
        Shape expected = TensorFlowRuntime.inputShape(1, options);
        if (!tensor.shape().equals(expected)) {
            // Prepared by an estimator of another input size.
            throw new IllegalArgumentException("the prepared input is " + tensor.shape() + ", expected " + expected);
        }
        return whileOpen(() -> checkedOutput(runtime.infer(tensor)));
    }

    /**
     * Stage 3 on a batch of preprocessed inputs in one network run, fed {@code [N, H, W, 3]}: the
     * raw outputs, for {@link #postProcess} each.
     */
    public List<FeatureMaps> infer(List<float[]> inputs) {
        return onInputs(inputs, runner -> runner.fetch(post.networkOutput()),
                (result, i) -> checkedOutput(PostProcessing.read(result, post.networkOutput(), i)));
    }

    /** Stages 4-6 alone: upsampling, smoothing and peaks of a given network output. */
    public Detections detectFromNetworkOutput(FeatureMaps networkOutput) {
        return whileOpen(() -> {
            try (TFloat32 raw = networkOutput.toTensor();
                 Result result = RunErrors.guarded(model,
                         () -> post.fetchDetections(runtime.fromNetworkOutput(raw)).run(),
                         () -> RunErrors.NetworkOutput.of(networkOutput))) {
                return detections(result, 0);
            }
        });
    }

    /** Stages 1-6 in one session run. */
    public Detections detectFromImage(BgrImage image) {
        return detectFromInputs(List.of(preprocess(image))).get(0);
    }

    /**
     * Stages 3-6 on a batch of preprocessed inputs in one session run, the network fed
     * {@code [N, H, W, 3]}; the model's input placeholder must accept a batch axis of N.
     */
    public List<Detections> detectFromInputs(List<float[]> inputs) {
        return onInputs(inputs, post::fetchDetections, this::detections);
    }

    /** Stage 7: PAF assembly. */
    public List<Human> assemble(Detections detections) {
        return assembler.assemble(detections.peaks(), detections.heatmaps(), detections.pafs());
    }

    /**
     * Runs the session's stages of {@link #estimate} on a preprocessed input (3-6, or the network
     * alone with the fused smoother) with the given run options (e.g. FULL_TRACE) and returns the
     * run metadata the TensorFlow session collected (with the ONNX runtime, of the post-processing
     * ops only: ORT keeps its own profile, {@link #endRuntimeProfiling()}).
     */
    public RunMetadata runWithMetadata(float[] input, RunOptions runOptions) {
        return whileOpen(() -> {
            try (Result result = runtime.run(checkedInput(input), 1,
                    runner -> traced(runner).setOptions(runOptions).runAndFetchMetadata())) {
                return result.getMetadata().orElseThrow(() -> new IllegalStateException(
                        "TensorFlow returned no run metadata for " + model.source()));
            }
        });
    }

    /**
     * Ends the inference runtime's own per-node profile and returns its file: ORT's JSON profile
     * when {@link OrtSettings#profilePrefix()} asked for one, else empty.
     */
    public Optional<Path> endRuntimeProfiling() {
        return whileOpen(runtime::endProfiling);
    }

    /**
     * One session run on a batch of preprocessed inputs, while open: the network, then what
     * {@code fetches} adds; {@code read} reads element i of the result before it is closed.
     */
    private <T> List<T> onInputs(List<float[]> inputs, UnaryOperator<Session.Runner> fetches,
                                 BiFunction<Result, Integer, T> read) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        return whileOpen(() -> {
            try (Result result = runtime.run(batch(inputs), inputs.size(), runner -> fetches.apply(runner).run())) {
                List<T> batch = new ArrayList<>(inputs.size());
                for (int i = 0; i < inputs.size(); i++) {
                    batch.add(read.apply(result, i));
                }
                return batch;
            }
        });
    }

    /**
     * Does {@code work} under the lifecycle's read lock, so that {@link #close()} waits for it and
     * cannot free a session or detector in use; fails once closed.
     */
    private <T> T whileOpen(Supplier<T> work) {
        Lock lock = lifecycle.readLock();
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("PoseEstimator for " + model.source() + " is closed");
            }
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** What {@link #estimate} runs in the session: the network alone with the fused smoother. */
    private Session.Runner traced(Session.Runner runner) {
        return postProcessor != null ? runner.fetch(post.networkOutput()) : post.fetchDetections(runner);
    }

    /** The detections of batch element {@code index}, read by the names of what {@link PostProcessing#fetchDetections} fetched. */
    private Detections detections(Result result, int index) {
        FeatureMaps heat = PostProcessing.read(result, post.heatmaps(), index);
        FeatureMaps paf = PostProcessing.read(result, post.pafs(), index);
        PeakList peaks = post.peakMap() == null ? detectInJava(heat)
                : PeakList.fromPeakMap(PostProcessing.read(result, post.peakMap(), index), heat);
        return new Detections(peaks, heat, paf);
    }

    /** Runs under the read lock, so close() cannot free a detector in use. */
    private PeakList detectInJava(FeatureMaps heat) {
        PeakDetector detector = idleDetectors.poll();
        if (detector == null) {
            detector = options.smoother().detector(options.kernel());
        }
        try {
            return detector.detect(heat);
        } finally {
            idleDetectors.push(detector);
        }
    }

    private float[] checkedInput(float[] input) {
        return batch(List.of(input));
    }

    /** The inputs end to end, each checked to hold one {@code [H, W, 3]} image. */
    private float[] batch(List<float[]> inputs) {
        int expected = options.targetHeight() * options.targetWidth() * 3;
        float[] batch = inputs.size() == 1 ? inputs.get(0) : new float[inputs.size() * expected];
        for (int i = 0; i < inputs.size(); i++) {
            float[] input = inputs.get(i);
            if (input.length != expected) {
                throw new IllegalArgumentException("input holds " + input.length + " floats, expected ["
                        + options.targetHeight() + ", " + options.targetWidth() + ", 3] = " + expected);
            }
            if (batch != input) {
                System.arraycopy(input, 0, batch, i * expected, expected);
            }
        }
        return batch;
    }

    private FeatureMaps checkedOutput(FeatureMaps output) {
        if (output.channels() != PoseModel.OUTPUT_CHANNELS) {
            throw new OutputShapeException(model.source(), "output '" + model.outputName() + "' gave "
                    + output.channels() + " channels, expected " + PoseModel.OUTPUT_CHANNELS);
        }
        return output;
    }

    /** Waits for runs in flight, then frees the native sessions and graph. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                idleDetectors.forEach(PeakDetector::close);
                idleDetectors.clear();
                idleInputs.forEach(TFloat32::close);
                idleInputs.clear();
                if (postProcessor != null) {
                    postProcessor.close();
                }
                runtime.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
