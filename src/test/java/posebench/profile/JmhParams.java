package posebench.profile;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

/** JMH's benchmark and iteration parameters as a forked JMH run hands them to an InternalProfiler. */
final class JmhParams {

    static final IterationParams WARMUP = new IterationParams(IterationType.WARMUP, 1, TimeValue.seconds(1), 1);
    static final IterationParams MEASUREMENT = new IterationParams(IterationType.MEASUREMENT, 2, TimeValue.seconds(1), 1);

    private JmhParams() {
    }

    static BenchmarkParams benchmark(String benchmark, Map<String, String> params) {
        WorkloadParams workload = new WorkloadParams();
        int order = 0;
        for (Map.Entry<String, String> e : params.entrySet()) {
            workload.put(e.getKey(), e.getValue(), order++);
        }
        return new BenchmarkParams(benchmark, benchmark + "_jmhTest", false, 1, new int[] {1}, List.of(), 1, 0,
                WARMUP, MEASUREMENT, Mode.AverageTime, workload, TimeUnit.MILLISECONDS, 1, "java", List.of(), "17",
                "OpenJDK", "17", "1.37", TimeValue.minutes(10));
    }

    static IterationResult result(BenchmarkParams benchmark, IterationParams iteration) {
        return new IterationResult(benchmark, iteration, new IterationResultMetaData(1, 1));
    }
}
