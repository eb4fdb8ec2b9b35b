package posebench.profile;

import java.util.LinkedHashMap;
import java.util.Map;

import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.flops.FlopCounter;
import posebench.flops.LayerCost;

/**
 * Floating-point operations per graph node name of the graph an estimator runs, at its input size:
 * the source of a scope table's FLOP and GFLOP/s columns. Nodes without an entry are unknown.
 */
@FunctionalInterface
public interface FlopSource {

    Map<String, Long> flopsPerNode(PoseEstimator estimator);

    /**
     * {@link FlopCounter} on the estimator's whole graph (network, upsampling, smoothing, peaks):
     * convolutions, depthwise convolutions, pooling and resizing count; element-wise ops do not.
     * A graph it cannot count (no static shapes) gives no FLOPs and a warning on stderr.
     */
    static FlopSource standard() {
        return estimator -> {
            PipelineOptions options = estimator.options();
            String input = estimator.model().inputNode();
            try {
                Map<String, Long> flops = new LinkedHashMap<>();
                for (LayerCost layer : FlopCounter.count(estimator.graphDef(), input, options.targetHeight(),
                        options.targetWidth()).layers()) {
                    flops.merge(layer.name(), layer.flops(), Long::sum);
                }
                return flops;
            } catch (IllegalArgumentException | IllegalStateException e) {
                System.err.println("posebench: no FLOP counts for " + estimator.model().source() + ": " + e.getMessage());
                return Map.of();
            }
        };
    }
}
