package posebench.estimator;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

import posebench.image.InputTensor;
import posebench.maps.FeatureMaps;
import posebench.model.PoseModel;
import posebench.onnx.OnnxConverter;
import posebench.onnx.OrtNetwork;
import posebench.onnx.OrtSettings;

/**
 * The network on ONNX Runtime, converted for the pipeline's input size; its raw output feeds a
 * TensorFlow graph of the post-processing ops alone, so every smoother works on it unchanged.
 */
final class OrtRuntime implements InferenceRuntime {

    private final PoseModel model;
    private final OrtNetwork network;
    private final PipelineGraph pipeline;

    OrtRuntime(PoseModel model, PipelineOptions options, ConfigProto config, OrtSettings settings) {
        this.model = model;
        OrtNetwork net = new OrtNetwork(OnnxConverter.convert(model, options.targetHeight(), options.targetWidth()),
                settings);
        try {
            pipeline = new PipelineGraph(graph -> Ops.create(graph).withName(PoseEstimator.NETWORK_OUTPUT)
                    .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, PoseModel.OUTPUT_CHANNELS))),
                    options, config);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        network = net;
    }

    @Override
    public PostProcessing postProcessing() {
        return pipeline.post();
    }

    /** ORT's output checked in Java, as the graph's finite check would. */
    @Override
    public FeatureMaps infer(float[] input) {
        return checked(network.run(input, 1));
    }

    private FeatureMaps checked(OrtNetwork.Output output) {
        networkOutput(output).requireFinite(model, null);
        long[] shape = output.shape();
        return new FeatureMaps(output.data(), (int) shape[1], (int) shape[2], (int) shape[3]);
    }

    /** ONNX Runtime reads the prepared tensor's floats in TensorFlow's memory, without a copy. */
    @Override
    public FeatureMaps infer(TFloat32 input) {
        return checked(network.run(InputTensor.floats(input), 1));
    }

    @Override
    public Result run(float[] batch, int n, Function<Session.Runner, Result> run) {
        OrtNetwork.Output output = network.run(batch, n);
        try (TFloat32 raw = TFloat32.tensorOf(Shape.of(output.shape()), DataBuffers.of(output.data(), true, false))) {
            return RunErrors.guarded(model, () -> run.apply(fromNetworkOutput(raw)), () -> networkOutput(output));
        }
    }

    private static RunErrors.NetworkOutput networkOutput(OrtNetwork.Output output) {
        return new RunErrors.NetworkOutput("the network output (ONNX Runtime)", output.data(), output.shape());
    }

    @Override
    public Session.Runner fromNetworkOutput(TFloat32 networkOutput) {
        return pipeline.runner().feed(PoseEstimator.NETWORK_OUTPUT, networkOutput);
    }

    @Override
    public GraphDef graphDef() {
        return pipeline.graphDef();
    }

    @Override
    public Optional<Path> endProfiling() {
        return network.profiling() ? Optional.of(network.endProfiling()) : Optional.empty();
    }

    @Override
    public void close() {
        try {
            pipeline.close();
        } finally {
            network.close();
        }
    }
}
