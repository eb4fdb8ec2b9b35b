package posebench.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;

/**
 * JMH profiler ({@code -prof posebench.profile.TraceProfiler}) that traces the estimator the
 * benchmark registered in {@link TraceTargets} with FULL_TRACE at every measurement iteration,
 * never during warm-up and never inside the timed window: just before the iteration starts (the
 * trial state is set up by then), or right after it when it was not yet set up. It writes the scope
 * table of all traced runs so far to {@code profiles/trace-<benchmark>-<mode>-<params>.{txt,csv,json}}
 * and returns the graph total and the largest top-level scopes, in ms, and the graph's achieved
 * GFLOP/s as secondary results ({@code trace.total}, {@code trace.smoothing}, ...,
 * {@code trace.gflops}), which JMH puts into {@code -rf json}.
 * Alongside {@link FlameGraphProfiler}, the flame graph pauses while it traces.
 */
public final class TraceProfiler implements InternalProfiler {

    private static final String PREFIX = "trace.";
    private static final String NOT_REGISTERED = "no PoseEstimator to trace; register one with"
            + " TraceTargets.register(...) in a @Setup(Level.Trial) method";

    private final int runs;
    private final int warmups;
    private final int depth;
    private final double minMillis;
    private final int top;
    private final Path dir;
    private final boolean heap;

    private String benchmarkId;
    private OpTrace pending;
    private OpTrace traced;
    private String model;
    private PipelineOptions options;
    private String variant;
    /** FLOPs per node, counted once per benchmark; null before. */
    private Map<String, Long> flops;
    private HeapFootprint footprint;
    private boolean reported;
    private String skipped = NOT_REGISTERED;

    public TraceProfiler() throws ProfilerException {
        this("");
    }

    public TraceProfiler(String initLine) throws ProfilerException {
        ProfilerOptions options = new ProfilerOptions(TraceProfiler.class.getName());
        OptionSpec<Integer> runsOpt = options.parser().accepts("runs", "FULL_TRACE runs per measurement iteration.")
                .withRequiredArg().ofType(Integer.class).describedAs("count").defaultsTo(5);
        OptionSpec<Integer> warmupOpt = options.parser().accepts("warmup",
                        "Untraced FULL_TRACE runs before them (the benchmark has warmed up the graph already).")
                .withRequiredArg().ofType(Integer.class).describedAs("count").defaultsTo(1);
        OptionSpec<Integer> depthOpt = options.parser().accepts("depth",
                        "Deepest scope level in the .txt table (1 = top-level scopes); .csv and .json keep all.")
                .withRequiredArg().ofType(Integer.class).describedAs("levels").defaultsTo(3);
        OptionSpec<Double> minOpt = options.parser().accepts("minMs",
                        "Hide rows of the .txt table whose total time is below this.")
                .withRequiredArg().ofType(Double.class).describedAs("ms").defaultsTo(0.001);
        OptionSpec<Integer> topOpt = options.parser().accepts("top",
                        "Top-level scopes reported as secondary results, largest first.")
                .withRequiredArg().ofType(Integer.class).describedAs("count").defaultsTo(5);
        OptionSpec<String> dirOpt = options.parser().accepts("dir", "Directory for the trace files.")
                .withRequiredArg().describedAs("path").defaultsTo("profiles");
        OptionSpec<Boolean> heapOpt = options.parser().accepts("heap",
                        "Measure the Java-side stage outputs with JOL once per benchmark.")
                .withRequiredArg().ofType(Boolean.class).describedAs("bool").defaultsTo(true);
        OptionSet set = options.parse(initLine);
        runs = set.valueOf(runsOpt);
        warmups = set.valueOf(warmupOpt);
        depth = set.valueOf(depthOpt);
        minMillis = set.valueOf(minOpt);
        top = set.valueOf(topOpt);
        dir = Path.of(set.valueOf(dirOpt));
        heap = set.valueOf(heapOpt);
        if (runs < 1 || warmups < 0 || depth < 0 || top < 0 || minMillis < 0) {
            throw new ProfilerException("TraceProfiler needs runs >= 1 and warmup, depth, top, minMs >= 0; got '"
                    + initLine + "'");
        }
    }

    @Override
    public String getDescription() {
        return "posebench: per-op TensorFlow trace tables (FULL_TRACE, tfprof scope view) of the PoseEstimator"
                + " registered in posebench.profile.TraceTargets, at measurement iterations";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (!benchmarkParams.id().equals(benchmarkId)) {
            benchmarkId = benchmarkParams.id();
            pending = null;
            traced = null;
            flops = null;
            footprint = null;
            reported = false;
            skipped = NOT_REGISTERED;
        }
        if (iterationParams.getType() == IterationType.MEASUREMENT) {
            pending = FlameGraphProfiler.paused(this::trace).orElse(null);
        }
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                          IterationResult result) {
        if (iterationParams.getType() != IterationType.MEASUREMENT) {
            return List.of();
        }
        return FlameGraphProfiler.paused(() -> report(benchmarkParams));
    }

    /** Adds this iteration's trace to the files and returns its secondary results. */
    private List<Result<?>> report(BenchmarkParams benchmarkParams) {
        OpTrace trace = pending != null ? pending : trace().orElse(null);
        pending = null;
        if (trace == null) {
            if (!reported) {
                System.out.println("TraceProfiler: " + skipped);
                reported = true;
            }
            return List.of();
        }
        traced = traced == null ? trace : traced.plus(trace);
        TraceReport report = new TraceReport(model, options, variant, warmups, ScopeTable.of(traced, flops), footprint);
        List<Path> files = report.write(dir, ProfileName.benchmark("trace", benchmarkParams), depth, minMillis);
        if (!reported) {
            System.out.println("TraceProfiler: writing " + files.get(0));
            reported = true;
        }
        return results(ScopeTable.of(trace, flops));
    }

    /**
     * Traces the registered estimator, or nothing when none is registered or it was closed
     * without unregistering (JMH tears the trial state down before the last afterIteration).
     */
    private Optional<OpTrace> trace() {
        Optional<TraceTargets.Target> registered = TraceTargets.current();
        if (registered.isEmpty()) {
            return Optional.empty();
        }
        TraceTargets.Target target = registered.get();
        PoseEstimator estimator = target.estimator();
        try {
            OpTrace trace = OpTrace.record(estimator, target.input(), warmups, runs);
            if (heap && footprint == null) {
                footprint = HeapFootprint.measure(estimator, target.input());
            }
            model = estimator.model().source();
            options = estimator.options();
            variant = target.variant();
            if (flops == null) {
                flops = FlopSource.standard().flopsPerNode(estimator);
            }
            return Optional.of(trace);
        } catch (IllegalStateException e) {
            skipped = "cannot trace " + estimator.model().source() + ": " + e.getMessage();
            return Optional.empty();
        }
    }

    private List<Result<?>> results(ScopeTable table) {
        List<Result<?>> results = new ArrayList<>();
        results.add(new ScalarResult(PREFIX + "total", table.root().total().execMicros() / 1e3, "ms", AggregationPolicy.AVG));
        if (!Double.isNaN(table.root().gflopsPerSecond())) {
            results.add(new ScalarResult(PREFIX + "gflops", table.root().gflopsPerSecond(), "GFLOP/s", AggregationPolicy.AVG));
        }
        table.topScopes(top).forEach(r -> results.add(
                new ScalarResult(PREFIX + r.name(), r.total().execMicros() / 1e3, "ms", AggregationPolicy.AVG)));
        return results;
    }
}
