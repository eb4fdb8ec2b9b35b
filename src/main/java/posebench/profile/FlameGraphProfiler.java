package posebench.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import one.profiler.AsyncProfiler;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.TextResult;
import org.openjdk.jmh.runner.IterationType;

import posebench.io.AtomicFile;

/**
 * JMH profiler ({@code -prof posebench.profile.FlameGraphProfiler}) that records one async-profiler
 * flame graph per benchmark and parameter set, {@code profiles/flame-<benchmark>-<mode>-<params>.html},
 * over the measurement iterations only: it starts before the first and stops after the last, so
 * warm-up (JIT compilation, TensorFlow's first runs) stays out. The native library loads from
 * async-profiler's own jar. CPU samples come from perf events ({@code event=cpu}); where the kernel
 * refuses them (containers, {@code perf_event_paranoid}) it falls back to {@code itimer}.
 */
public final class FlameGraphProfiler implements InternalProfiler {

    private static final String FALLBACK_EVENT = "itimer";

    /** How to continue the recording in progress after a pause, or null when none is. */
    private static volatile String resumeCommand;

    private final String event;
    private final long intervalNanos;
    private final Path dir;
    private final AsyncProfiler profiler;

    private String benchmarkId;
    private int measured;
    private String runningEvent;

    public FlameGraphProfiler() throws ProfilerException {
        this("");
    }

    public FlameGraphProfiler(String initLine) throws ProfilerException {
        ProfilerOptions options = new ProfilerOptions(FlameGraphProfiler.class.getName());
        OptionSpec<String> eventOpt = options.parser().accepts("event",
                        "async-profiler event; cpu falls back to " + FALLBACK_EVENT + " where perf events are refused.")
                .withRequiredArg().describedAs("event").defaultsTo("cpu");
        OptionSpec<Long> intervalOpt = options.parser().accepts("interval", "Sampling interval in nanoseconds.")
                .withRequiredArg().ofType(Long.class).describedAs("ns").defaultsTo(1_000_000L);
        OptionSpec<String> dirOpt = options.parser().accepts("dir", "Directory for the flame graphs.")
                .withRequiredArg().describedAs("path").defaultsTo("profiles");
        OptionSet set = options.parse(initLine);
        event = set.valueOf(eventOpt);
        intervalNanos = set.valueOf(intervalOpt);
        dir = Path.of(set.valueOf(dirOpt));
        if (intervalNanos <= 0 || !event.matches("[A-Za-z0-9_.:-]+")) {
            throw new ProfilerException("FlameGraphProfiler needs a positive interval and a plain event name, got '"
                    + initLine + "'");
        }
        try {
            profiler = AsyncProfiler.getInstance();
        } catch (RuntimeException | LinkageError e) {
            throw new ProfilerException("async-profiler's native library does not load on this platform: " + e);
        }
    }

    @Override
    public String getDescription() {
        return "posebench: async-profiler flame graph (HTML) of the measurement iterations, one per benchmark and"
                + " parameter set";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (!benchmarkParams.id().equals(benchmarkId)) {
            benchmarkId = benchmarkParams.id();
            measured = 0;
        }
        if (iterationParams.getType() == IterationType.MEASUREMENT && runningEvent == null) {
            runningEvent = start();
        }
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        if (iterationParams.getType() != IterationType.MEASUREMENT || runningEvent == null
                || ++measured < iterationParams.getCount()) {
            return List.of();
        }
        Path file = dir.resolve(ProfileName.benchmark("flame", benchmarkParams) + ".html");
        String title = (benchmarkParams.id() + " " + runningEvent).replaceAll("[,=]", " ");
        AtomicFile.write(file, temporary -> profiler.execute("stop,file=" + temporary + ",title=" + title));
        String used = runningEvent;
        runningEvent = null;
        resumeCommand = null;
        return List.of(new TextResult("flame graph (" + used + "): " + file + "\n", "flame"));
    }

    /**
     * Runs work with the recording paused, so that another profiler's own work between iterations
     * (TraceProfiler's traced runs) stays out of the flame graph. A plain {@code stop} keeps the
     * samples and {@code resume} continues the same recording.
     */
    static <T> T paused(Supplier<T> work) {
        String resume = resumeCommand;
        if (resume == null) {
            return work.get();
        }
        AsyncProfiler profiler = AsyncProfiler.getInstance();
        execute(profiler, "stop");
        try {
            return work.get();
        } finally {
            execute(profiler, resume);
        }
    }

    private static void execute(AsyncProfiler profiler, String command) {
        try {
            profiler.execute(command);
        } catch (IOException e) {
            throw new UncheckedIOException("async-profiler '" + command + "': " + e.getMessage(), e);
        }
    }

    /** Starts sampling with the configured event, or the fallback; returns the event in use, or null. */
    private String start() {
        String used = startEvent();
        if (used != null) {
            resumeCommand = "resume,event=" + used + ",interval=" + intervalNanos;
        }
        return used;
    }

    private String startEvent() {
        try {
            profiler.execute("start,event=" + event + ",interval=" + intervalNanos);
            return event;
        } catch (IOException | RuntimeException refused) {
            if (!event.equals("cpu")) {
                System.out.println("FlameGraphProfiler: cannot start event " + event + ": " + refused.getMessage());
                return null;
            }
            try {
                profiler.execute("start,event=" + FALLBACK_EVENT + ",interval=" + intervalNanos);
                return FALLBACK_EVENT;
            } catch (IOException | RuntimeException e) {
                System.out.println("FlameGraphProfiler: cannot start cpu (" + refused.getMessage() + ") nor "
                        + FALLBACK_EVENT + " (" + e.getMessage() + "); no flame graph");
                return null;
            }
        }
    }
}
