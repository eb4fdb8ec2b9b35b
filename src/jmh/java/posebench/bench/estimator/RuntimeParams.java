package posebench.bench.estimator;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import posebench.estimator.InferenceEngine;
import posebench.onnx.OrtSettings;

/**
 * The parameters that pick the network's runtime, shared by the benchmarks that run the network:
 * TensorFlow, or ONNX Runtime on the converted graph with its session options.
 */
@State(Scope.Benchmark)
public abstract class RuntimeParams {

    /** The network's runtime: tf, or onnx (ONNX Runtime on the converted graph, post-processing unchanged). */
    @Param("tf")
    public String runtime;

    /** ONNX Runtime's graph optimisation level (runtime onnx): disable, basic, extended or all. */
    @Param("all")
    public String ortOptimization;

    /** Whether ONNX Runtime runs its saved optimised model, the compiled form (runtime onnx). */
    @Param("false")
    public boolean ortSaved;

    protected InferenceEngine engine() {
        return InferenceEngine.parse(runtime);
    }

    /** ORT's settings with {@code threads} intra-op threads (0: ORT's choice). */
    protected OrtSettings ortSettings(int threads) {
        return new OrtSettings(threads, OrtSettings.Optimization.parse(ortOptimization), ortSaved);
    }
}
