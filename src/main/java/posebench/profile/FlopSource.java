package posebench.profile;

import java.util.LinkedHashMap;
import java.util.Map;

import posebench.estimator.InferenceEngine;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.flops.FlopCounter;
import posebench.flops.LayerCost;
import posebench.flops.ModelCost;
import posebench.peaks.PeakDetectorKind;

/**
 * Floating-point operations per graph node name of the graph an estimator runs, at its input size:
 * the source of a scope table's FLOP and GFLOP/s columns. Nodes without an entry are unknown.
 */
@FunctionalInterface
public interface FlopSource {

    Map<String, Long> flopsPerNode(PoseEstimator estimator);

    /**
     * {@link FlopCounter} on the graph the estimator's session runs (network, upsampling, smoothing,
     * peaks; the network alone with the fused smoother):
     * convolutions, depthwise convolutions, pooling and resizing count; element-wise ops do not.
     * With the ONNX runtime, the network's graph (whose node names ORT's profile maps back to) and
     * the post-processing graph from the network's output. A graph it cannot count (no static
     * shapes) gives no FLOPs and a warning on stderr.
     */
    static FlopSource standard() {
        return estimator -> {
            PipelineOptions options = estimator.options();
            String input = estimator.model().inputNode();
            try {
                Map<String, Long> flops = new LinkedHashMap<>();
                if (options.runtime() == InferenceEngine.ONNX) {
                    add(flops, FlopCounter.count(estimator.model().graphDef(), input, options.targetHeight(),
                            options.targetWidth()));
                    // The network's stride is 8 and its padding SAME.
                    add(flops, FlopCounter.count(estimator.graphDef(), PoseEstimator.NETWORK_OUTPUT,
                            -Math.floorDiv(-options.targetHeight(), 8), -Math.floorDiv(-options.targetWidth(), 8)));
                } else {
                    // The fused smoother's session runs the network alone: the pipeline graph's
                    // post-processing ops are there but never run, so they get no FLOPs.
                    add(flops, FlopCounter.count(options.smoother() == PeakDetectorKind.FUSED ? estimator.model().graphDef()
                            : estimator.graphDef(), input, options.targetHeight(), options.targetWidth()));
                }
                return flops;
            } catch (IllegalArgumentException | IllegalStateException e) {
                System.err.println("posebench: no FLOP counts for " + estimator.model().source() + ": " + e.getMessage());
                return Map.of();
            }
        };
    }

    private static void add(Map<String, Long> flops, ModelCost cost) {
        for (LayerCost layer : cost.layers()) {
            flops.merge(layer.name(), layer.flops(), Long::sum);
        }
    }
}
