package posebench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.Result;

import posebench.estimator.PoseEstimator;

class TraceProfilerTest {

    @TempDir
    Path dir;

    @AfterEach
    void forgetTargets() {
        TraceTargets.current().ifPresent(t -> TraceTargets.unregister(t.estimator()));
    }

    /** One forked JMH run: a warm-up iteration, then the measurement iterations; returns their results. */
    private static List<Result<?>> runFork(TraceProfiler profiler, BenchmarkParams benchmark, PoseEstimator estimator) {
        List<Result<?>> results = new ArrayList<>();
        profiler.beforeIteration(benchmark, JmhParams.WARMUP);
        TraceTargets.register(estimator, ScopeTableTest.input(estimator.options()), "none");
        Collection<? extends Result<?>> warm = profiler.afterIteration(benchmark, JmhParams.WARMUP,
                JmhParams.result(benchmark, JmhParams.WARMUP));
        assertTrue(warm.isEmpty(), "warm-up is not traced");
        for (int i = 0; i < JmhParams.MEASUREMENT.getCount(); i++) {
            profiler.beforeIteration(benchmark, JmhParams.MEASUREMENT);
            if (i == JmhParams.MEASUREMENT.getCount() - 1) {
                // JMH tears the trial state down before the last afterIteration.
                TraceTargets.unregister(estimator);
            }
            results.addAll(profiler.afterIteration(benchmark, JmhParams.MEASUREMENT,
                    JmhParams.result(benchmark, JmhParams.MEASUREMENT)));
        }
        return results;
    }

    @Test
    void writesOneTablePerParameterSetAndReportsTopScopes() throws Exception {
        TraceProfiler profiler = new TraceProfiler("runs=2;warmup=0;depth=2;top=3;heap=false;dir=" + dir);
        for (int filter : new int[] {25, 5}) {
            BenchmarkParams benchmark = JmhParams.benchmark("posebench.bench.PipelineBenchmark.estimate",
                    new TreeMap<>(Map.of("filterSize", Integer.toString(filter), "model", "/models/tiny/graph_opt.pb")));
            try (PoseEstimator estimator = ScopeTableTest.tinyEstimator(filter)) {
                List<Result<?>> results = runFork(profiler, benchmark, estimator);
                assertEquals(2 * 5, results.size(), "total, GFLOP/s and 3 scopes per measurement iteration: " + results);
                assertEquals("trace.total", results.get(0).getLabel());
                assertEquals("ms", results.get(0).getScoreUnit());
                assertEquals("trace.gflops", results.get(1).getLabel());
                assertTrue(results.get(1).getScore() > 0);
                List<String> labels = results.stream().map(Result::getLabel).toList();
                assertTrue(labels.stream().allMatch(l -> l.startsWith("trace.")), labels.toString());
                if (filter == 25) {
                    assertTrue(labels.contains("trace.smoothing"), "a 25x25 kernel dominates: " + labels);
                }
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(
                    "trace-PipelineBenchmark.estimate-avgt-filterSize-25-model-tiny.csv",
                    "trace-PipelineBenchmark.estimate-avgt-filterSize-25-model-tiny.json",
                    "trace-PipelineBenchmark.estimate-avgt-filterSize-25-model-tiny.txt",
                    "trace-PipelineBenchmark.estimate-avgt-filterSize-5-model-tiny.csv",
                    "trace-PipelineBenchmark.estimate-avgt-filterSize-5-model-tiny.json",
                    "trace-PipelineBenchmark.estimate-avgt-filterSize-5-model-tiny.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String text = Files.readString(dir.resolve("trace-PipelineBenchmark.estimate-avgt-filterSize-5-model-tiny.txt"));
        assertTrue(text.contains("4 FULL_TRACE run(s)"), "both measurement iterations' runs: " + text);
        assertTrue(text.contains("filter 5 ") && text.contains("    smoothing/depthwise ("), text);
    }

    @Test
    void withoutARegisteredEstimatorNothingIsWritten() throws ProfilerException, IOException {
        TraceProfiler profiler = new TraceProfiler("dir=" + dir);
        BenchmarkParams benchmark = JmhParams.benchmark("posebench.bench.SmoothingBenchmark.smooth", Map.of());
        profiler.beforeIteration(benchmark, JmhParams.MEASUREMENT);
        assertTrue(profiler.afterIteration(benchmark, JmhParams.MEASUREMENT,
                JmhParams.result(benchmark, JmhParams.MEASUREMENT)).isEmpty());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void optionsInJmhStyleWithHelp() {
        ProfilerException help = assertThrows(ProfilerException.class, () -> new TraceProfiler("help"));
        assertTrue(help.getMessage().contains("Usage: -prof posebench.profile.TraceProfiler:opt1=value1;opt2=value2"),
                help.getMessage());
        assertTrue(help.getMessage().contains("runs=<count>") && help.getMessage().contains("(default: 5)"),
                help.getMessage());
        ProfilerException bad = assertThrows(ProfilerException.class, () -> new TraceProfiler("rums=3"));
        assertTrue(bad.getMessage().contains("not a recognized option") && bad.getMessage().contains("Usage"),
                bad.getMessage());
        ProfilerException notNumber = assertThrows(ProfilerException.class, () -> new TraceProfiler("runs=many"));
        assertTrue(notNumber.getMessage().contains("many"), notNumber.getMessage());
        assertThrows(ProfilerException.class, () -> new TraceProfiler("runs=0"));
    }
}
