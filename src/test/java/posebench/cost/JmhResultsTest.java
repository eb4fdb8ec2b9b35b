package posebench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {

    /** Two throughput rows (ops/s) and an average-time row (ms/op), as JMH writes them. */
    static final String RESULTS = """
            [
              {"jmhVersion": "1.37", "benchmark": "posebench.throughput.ThroughputBenchmark.pipeline", "mode": "thrpt",
               "params": {"batch": "1", "model": "../shared/models/tf-pose/mobilenet_v2_small/graph_opt.pb",
                          "pipelined": "true", "workers": "2"},
               "primaryMetric": {"score": 4.0, "scoreError": 0.2, "scoreUnit": "ops/s"}, "secondaryMetrics": {}},
              {"jmhVersion": "1.37", "benchmark": "posebench.throughput.ThroughputBenchmark.pipeline", "mode": "thrpt",
               "params": {"batch": "1", "model": "../shared/models/tf-pose/mobilenet_v2_small/graph_opt.pb",
                          "pipelined": "false", "workers": "1"},
               "primaryMetric": {"score": 2.5, "scoreError": 0.1, "scoreUnit": "ops/s"}, "secondaryMetrics": {}},
              {"jmhVersion": "1.37", "benchmark": "posebench.estimator.PipelineBenchmark.estimate", "mode": "avgt",
               "params": {"filterSize": "25"},
               "primaryMetric": {"score": 250.0, "scoreError": 3.0, "scoreUnit": "ms/op"}, "secondaryMetrics": {}}
            ]
            """;

    @TempDir
    Path dir;

    @Test
    void readsScoresAndConvertsUnitsToSecondsPerImage() throws IOException {
        Path file = Files.writeString(dir.resolve("jmh-result.json"), RESULTS);
        List<JmhScore> scores = JmhResults.read(file);
        assertEquals(3, scores.size());
        assertEquals(0.25, scores.get(0).secondsPerImage(), 1e-12);
        assertEquals(0.4, scores.get(1).secondsPerImage(), 1e-12);
        assertEquals(0.25, scores.get(2).secondsPerImage(), 1e-12);
        assertEquals("pipeline batch=1 model=mobilenet_v2_small/graph_opt.pb pipelined=true workers=2",
                scores.get(0).label());
        List<JmhScore> throughput = JmhResults.select(scores, "ThroughputBenchmark", file);
        assertEquals(2, throughput.size());
        assertEquals(Set.of("pipelined", "workers"), JmhResults.varyingParams(throughput));
        assertEquals("pipelined=false workers=1", throughput.get(1).label(JmhResults.varyingParams(throughput)));
    }

    @Test
    void otherUnitsAndErrors() throws IOException {
        assertEquals(0.002, new JmhScore("b", "thrpt", java.util.Map.of(), 0.5, "ops/ms").secondsPerImage(), 1e-15);
        assertEquals(3e-6, new JmhScore("b", "avgt", java.util.Map.of(), 3, "us/op").secondsPerImage(), 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> new JmhScore("b", "ss", java.util.Map.of(), 1, "B/op").secondsPerImage());
        Path file = Files.writeString(dir.resolve("r.json"), RESULTS);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> JmhResults.select(JmhResults.read(file), "Nothing", file));
        assertTrue(none.getMessage().contains("estimate filterSize=25"), none.getMessage());
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"not\": \"an array\"}");
        assertThrows(IllegalArgumentException.class, () -> JmhResults.read(bad));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> JmhResults.read(dir.resolve("missing.json")));
        assertTrue(missing.getMessage().contains("missing.json"), missing.getMessage());
    }
}
