package posebench.estimator;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

import posebench.maps.FeatureMaps;

/**
 * Where {@link PoseEstimator}'s network runs, with the TensorFlow session of the post-processing
 * ops after it: {@link TensorFlowRuntime} holds both in one graph and one session run,
 * {@link OrtRuntime} runs the network in ONNX Runtime and feeds its output to a post-processing graph.
 */
interface InferenceRuntime extends AutoCloseable {

    /** The post-processing ops, in the graph of {@link #fromNetworkOutput}'s session. */
    PostProcessing postProcessing();

    /** The raw {@code [H/8, W/8, 57]} output of one preprocessed {@code [H, W, 3]} input, checked finite. */
    FeatureMaps infer(float[] input);

    /** The same for an input already in a {@code [1, H, W, 3]} tensor, which the caller closes. */
    FeatureMaps infer(TFloat32 input);

    /**
     * Runs the network on {@code n} preprocessed inputs laid end to end, then {@code run} on a
     * post-processing runner fed what the network gave; failures as {@link RunErrors#guarded} reports them.
     */
    Result run(float[] batch, int n, Function<Session.Runner, Result> run);

    /** A post-processing runner fed a given network output. */
    Session.Runner fromNetworkOutput(TFloat32 networkOutput);

    /** Ends the runtime's own per-node profile and returns its file, where it keeps one (ORT's, when asked for). */
    Optional<Path> endProfiling();

    /** The graph of the TensorFlow session: network and post-processing ops, or the post-processing ops alone. */
    GraphDef graphDef();

    @Override
    void close();
}
