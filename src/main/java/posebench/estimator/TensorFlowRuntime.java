package posebench.estimator;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

import posebench.maps.FeatureMaps;
import posebench.model.ModelRunException;
import posebench.model.PoseModel;

/** The network on TensorFlow: the model's graph with the post-processing ops appended, one session. */
final class TensorFlowRuntime implements InferenceRuntime {

    private final PoseModel model;
    private final PipelineOptions options;
    private final PipelineGraph pipeline;

    TensorFlowRuntime(PoseModel model, PipelineOptions options, ConfigProto config) {
        this.model = model;
        this.options = options;
        try {
            pipeline = new PipelineGraph(graph -> {
                graph.importGraphDef(model.graphDef());
                return graph.outputOrThrow(model.outputTensor()).expect(TFloat32.class);
            }, options, config);
        } catch (IllegalArgumentException | UnsupportedOperationException | TensorFlowException e) {
            throw new ModelRunException(model.source(), "cannot build the pipeline on the graph: " + e.getMessage(), e);
        }
    }

    @Override
    public PostProcessing postProcessing() {
        return pipeline.post();
    }

    @Override
    public FeatureMaps infer(float[] input) {
        try (TFloat32 in = inputTensor(input, 1, options)) {
            return infer(in);
        }
    }

    @Override
    public FeatureMaps infer(TFloat32 input) {
        try (Result result = runOn(input, runner -> runner.fetch(pipeline.post().networkOutput()).run())) {
            return PostProcessing.read(result, pipeline.post().networkOutput(), 0);
        }
    }

    @Override
    public Result run(float[] batch, int n, Function<Session.Runner, Result> run) {
        try (TFloat32 in = inputTensor(batch, n, options)) {
            return runOn(in, run);
        }
    }

    private Result runOn(TFloat32 in, Function<Session.Runner, Result> run) {
        return RunErrors.guarded(model, () -> run.apply(pipeline.runner().feed(model.inputTensor(), in)),
                () -> uncheckedOutput(in));
    }

    /** The network's output for {@code in} before the finite check, or null where the network itself fails. */
    private RunErrors.NetworkOutput uncheckedOutput(TFloat32 in) {
        try (Result result = pipeline.runner().feed(model.inputTensor(), in).fetch(model.outputTensor()).run()) {
            TFloat32 output = (TFloat32) result.get(model.outputTensor()).orElseThrow();
            float[] data = new float[Math.toIntExact(output.shape().size())];
            output.copyTo(DataBuffers.of(data, false, false));
            return new RunErrors.NetworkOutput(RunErrors.NetworkOutput.TENSORFLOW, data, output.shape().asArray());
        } catch (IllegalArgumentException | UnsupportedOperationException | TensorFlowException e) {
            // The run's own error then stands.
            return null;
        }
    }

    @Override
    public Session.Runner fromNetworkOutput(TFloat32 networkOutput) {
        return pipeline.runner().feed(model.outputTensor(), networkOutput);
    }

    @Override
    public GraphDef graphDef() {
        return pipeline.graphDef();
    }

    @Override
    public Optional<Path> endProfiling() {
        return Optional.empty();
    }

    /** {@code n} inputs of {@code options}' size laid end to end, as an {@code [n, H, W, 3]} tensor the caller closes. */
    static TFloat32 inputTensor(float[] batch, int n, PipelineOptions options) {
        return TFloat32.tensorOf(inputShape(n, options), DataBuffers.of(batch, true, false));
    }

    /** The network input of {@code n} images of {@code options}' size: {@code [n, H, W, 3]}. */
    static Shape inputShape(int n, PipelineOptions options) {
        return Shape.of(n, options.targetHeight(), options.targetWidth(), 3);
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
