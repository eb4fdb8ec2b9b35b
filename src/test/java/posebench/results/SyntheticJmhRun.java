package posebench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import posebench.gate.Ruler;

/**
 * Builds a JMH {@code -rf json} file in JMH 1.37's schema (copied from a real run of the rulers),
 * computing score, error and the 99.9 % interval from the iteration scores as JMH does.
 */
public final class SyntheticJmhRun {

    /** Ruler timings, scaled by {@link #withRulers(double)}: fixed means with a tight 1 % spread. */
    private static final double JAVA_KERNEL_US = 1100;
    private static final double TF_OP_US = 155;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayNode results = JSON.createArrayNode();

    /** A single-fork result with the given iteration scores and no parameters. */
    public SyntheticJmhRun add(String benchmark, String mode, String unit, double... iterations) {
        return add(benchmark, Map.of(), mode, unit, iterations);
    }

    public SyntheticJmhRun add(String benchmark, Map<String, String> params, String mode, String unit,
            double... iterations) {
        return addForks(benchmark, params, mode, unit, iterations);
    }

    /** A result with one fork per array of iteration scores; score and interval pool all iterations, as JMH's do. */
    public SyntheticJmhRun addForks(String benchmark, Map<String, String> params, String mode, String unit,
            double[]... forks) {
        double[] iterations = Arrays.stream(forks).flatMapToDouble(Arrays::stream).toArray();
        ObjectNode result = results.addObject();
        result.put("jmhVersion", "1.37");
        result.put("benchmark", benchmark);
        result.put("mode", mode);
        result.put("threads", 1);
        result.put("forks", forks.length);
        result.put("jvm", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        result.putArray("jvmArgs");
        result.put("jdkVersion", "17.0.15");
        result.put("vmName", "OpenJDK 64-Bit Server VM");
        result.put("vmVersion", "17.0.15+6-Debian-1deb12u1");
        result.put("warmupIterations", 2);
        result.put("warmupTime", "1 s");
        result.put("warmupBatchSize", 1);
        result.put("measurementIterations", forks[0].length);
        result.put("measurementTime", "1 s");
        result.put("measurementBatchSize", 1);
        if (!params.isEmpty()) {
            ObjectNode paramsNode = result.putObject("params");
            params.forEach(paramsNode::put);
        }
        ObjectNode metric = result.putObject("primaryMetric");
        SummaryStatistics stats = new SummaryStatistics();
        Arrays.stream(iterations).forEach(stats::addValue);
        double score = stats.getMean();
        double error = iterations.length < 2 ? Double.NaN
                : new TDistribution(iterations.length - 1).inverseCumulativeProbability(1 - 0.001 / 2)
                        * stats.getStandardDeviation() / Math.sqrt(iterations.length);
        metric.put("score", score);
        putNumber(metric, "scoreError", error);
        ArrayNode confidence = metric.putArray("scoreConfidence");
        addNumber(confidence, score - error);
        addNumber(confidence, score + error);
        double[] sorted = iterations.clone();
        Arrays.sort(sorted);
        ObjectNode percentiles = metric.putObject("scorePercentiles");
        percentiles.put("0.0", sorted[0]);
        percentiles.put("50.0", sorted[sorted.length / 2]);
        percentiles.put("100.0", sorted[sorted.length - 1]);
        metric.put("scoreUnit", unit);
        ArrayNode rawData = metric.putArray("rawData");
        for (double[] fork : forks) {
            ArrayNode forkNode = rawData.addArray();
            Arrays.stream(fork).forEach(forkNode::add);
        }
        result.putObject("secondaryMetrics");
        return this;
    }

    /** Both rulers, in avgt us/op, with timings multiplied by {@code slowdown}. */
    public SyntheticJmhRun withRulers(double slowdown) {
        return withRulers(slowdown, slowdown);
    }

    /** Both rulers, each slowed by its own factor, as happens when the load changes within a run. */
    public SyntheticJmhRun withRulers(double javaKernelSlowdown, double tfOpSlowdown) {
        add(Ruler.JAVA_KERNEL.benchmark(), "avgt", "us/op", around(JAVA_KERNEL_US * javaKernelSlowdown, 0.01));
        return add(Ruler.TF_OP.benchmark(), "avgt", "us/op", around(TF_OP_US * tfOpSlowdown, 0.01));
    }

    /** Five iteration scores spread evenly over {@code mean * (1 +- spread)}. */
    public static double[] around(double mean, double spread) {
        return new double[] {mean * (1 - spread), mean * (1 - spread / 2), mean, mean * (1 + spread / 2),
            mean * (1 + spread)};
    }

    public Path write(Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), results);
        return file;
    }

    /** JMH writes non-finite numbers as strings. */
    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.put(field, String.valueOf(value));
        }
    }

    private static void addNumber(ArrayNode node, double value) {
        if (Double.isFinite(value)) {
            node.add(value);
        } else {
            node.add(String.valueOf(value));
        }
    }
}
