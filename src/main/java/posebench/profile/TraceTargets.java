package posebench.profile;

import java.util.Objects;
import java.util.Optional;

import posebench.estimator.PoseEstimator;

/**
 * Where a JMH benchmark hands its {@link PoseEstimator} to {@link TraceProfiler}: the profiler runs
 * in the benchmark's JVM but cannot reach its {@code @State} objects. One target per JVM (JMH forks
 * one JVM per benchmark and parameter set).
 *
 * <pre>{@code
 * @Setup(Level.Trial)
 * public void setUp() {
 *     estimator = new PoseEstimator(model, options);
 *     input = estimator.preprocess(image);
 *     TraceTargets.register(estimator, input, compile);
 * }
 *
 * @TearDown(Level.Trial)
 * public void tearDown() {
 *     TraceTargets.unregister(estimator);
 *     estimator.close();
 * }
 * }</pre>
 */
public final class TraceTargets {

    /** The estimator to trace, a preprocessed input for it, and its compile variant (e.g. {@code none}). */
    public record Target(PoseEstimator estimator, float[] input, String variant) {

        public Target {
            Objects.requireNonNull(estimator, "estimator");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(variant, "variant");
        }
    }

    private static volatile Target current;

    private TraceTargets() {
    }

    /** Makes this estimator the one to trace, replacing any earlier one. */
    public static synchronized void register(PoseEstimator estimator, float[] input, String variant) {
        current = new Target(estimator, input, variant);
    }

    /** Forgets the estimator if it is the registered one; call before closing it. */
    public static synchronized void unregister(PoseEstimator estimator) {
        Target target = current;
        if (target != null && target.estimator() == estimator) {
            current = null;
        }
    }

    public static Optional<Target> current() {
        return Optional.ofNullable(current);
    }
}
