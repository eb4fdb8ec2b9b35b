package posebench.profile;

import java.util.Map;

import posebench.estimator.PoseEstimator;

/**
 * Floating-point operations per graph node name of the graph an estimator runs, at its input size:
 * the source of a scope table's FLOP and GFLOP/s columns. Nodes without an entry are unknown.
 */
@FunctionalInterface
public interface FlopSource {

    /** No FLOP accounting: the FLOP columns stay hidden. */
    FlopSource NONE = estimator -> Map.of();

    /** The accounting the trace command and profiler use; the one place to plug per-op FLOPs in. */
    static FlopSource standard() {
        return NONE;
    }

    Map<String, Long> flopsPerNode(PoseEstimator estimator);
}
