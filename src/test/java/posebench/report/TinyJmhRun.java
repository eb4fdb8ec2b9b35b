package posebench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import posebench.profile.FlameGraphProfiler;
import posebench.profile.TraceProfiler;

/**
 * Small real JMH runs of the project's own benchmarks (src/jmh/java, compiled with the tests), in this
 * JVM through JMH's Runner, written by JMH's own JSON writer: what {@code -rf json} gives, only briefer.
 */
final class TinyJmhRun {

    private TinyJmhRun() {
    }

    /**
     * Smoothing at three filter sizes with every smoother, the pipeline at two filter sizes with the
     * trace and flame graph profilers (their files go to {@code profiles}), throughput at 1-2 workers
     * and batches of 1-2; the results go to {@code results}.
     */
    static void full(Path results, Path profiles) throws IOException, RunnerException {
        Files.createDirectories(profiles);
        List<RunResult> all = new ArrayList<>();
        all.addAll(run(smoothing(results, "smoothing")));
        all.addAll(run(brief(results, "pipeline").include("posebench\\.bench\\.estimator\\.PipelineBenchmark\\.estimate$")
                .param("filterSize", "5", "25")
                .addProfiler(TraceProfiler.class, "runs=1;warmup=0;heap=false;dir=" + profiles)
                .addProfiler(FlameGraphProfiler.class, "dir=" + profiles)));
        all.addAll(run(brief(results, "throughput").include("posebench\\.bench\\.throughput\\.ThroughputBenchmark\\.")
                .param("workers", "1", "2").param("batch", "1", "2").param("pipelined", "true")));
        write(results, all);
    }

    /** The smoothing part of {@link #full} alone: a second run to compare with the first. */
    static void smoothingOnly(Path results) throws IOException, RunnerException {
        write(results, run(smoothing(results, "smoothing")));
    }

    private static ChainedOptionsBuilder smoothing(Path results, String part) {
        return brief(results, part).include("posebench\\.bench\\.smoothing\\.SmoothingBenchmark\\.")
                .param("filterSize", "5", "9", "25").measurementIterations(3);
    }

    /**
     * In this JVM (no fork: TensorFlow loads once), one warm-up and two measured iterations of 100 ms:
     * real numbers but rough ones, which is all a test of the page needs. JMH's log goes beside the results.
     */
    private static ChainedOptionsBuilder brief(Path results, String part) {
        return new OptionsBuilder().forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(2).measurementTime(TimeValue.milliseconds(100)).shouldFailOnError(true)
                .output(results.resolveSibling(results.getFileName() + "-" + part + ".log").toString());
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        // JMH's machine-wide lock keeps two measurements apart; these numbers only feed a page under test,
        // so a benchmark run elsewhere on the machine must not fail the test (nor wait for it).
        System.setProperty("jmh.ignoreLock", "true");
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH ran no benchmark: is src/jmh/java compiled with the tests?");
        }
        return results;
    }

    private static void write(Path file, Collection<RunResult> results) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
    }
}
