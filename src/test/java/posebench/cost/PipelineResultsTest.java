package posebench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.results.BenchmarkKey;
import posebench.results.JmhResult;
import posebench.results.JmhResultFile;

class PipelineResultsTest {

    /** Two throughput results (ops/s) and an average-time result (ms/op), as JMH writes them. */
    private static final String RESULTS = """
            [
              {"benchmark": "posebench.throughput.ThroughputBenchmark.pipeline", "mode": "thrpt",
               "params": {"batch": "1", "model": "../shared/models/tf-pose/mobilenet_v2_small/graph_opt.pb",
                          "pipelined": "true", "workers": "2"},
               "primaryMetric": {"score": 4.0, "scoreError": 0.2, "scoreConfidence": [3.8, 4.2], "scoreUnit": "ops/s"}},
              {"benchmark": "posebench.throughput.ThroughputBenchmark.pipeline", "mode": "thrpt",
               "params": {"batch": "1", "model": "../shared/models/tf-pose/mobilenet_v2_small/graph_opt.pb",
                          "pipelined": "false", "workers": "1"},
               "primaryMetric": {"score": 2.5, "scoreError": 0.1, "scoreConfidence": [2.4, 2.6], "scoreUnit": "ops/s"}},
              {"benchmark": "posebench.estimator.PipelineBenchmark.estimate", "mode": "avgt",
               "params": {"filterSize": "25"},
               "primaryMetric": {"score": 250.0, "scoreError": 3.0, "scoreConfidence": [247, 253], "scoreUnit": "ms/op"}}
            ]
            """;

    @TempDir
    Path dir;

    @Test
    void selectsByRegexAndLabelsByWhatVaries() throws Exception {
        JmhResultFile file = JmhResultFile.read("results", Files.writeString(dir.resolve("r.json"), RESULTS));
        List<JmhResult> throughput = PipelineResults.select(file, "ThroughputBenchmark");
        assertEquals(2, throughput.size());
        Set<String> varying = PipelineResults.varyingParams(throughput.stream().map(JmhResult::key).toList());
        assertEquals(Set.of("pipelined", "workers"), varying);
        assertEquals(List.of("pipelined=false workers=1", "pipelined=true workers=2"),
                throughput.stream().map(r -> PipelineResults.label(r.key(), varying)).toList());
        assertEquals("model=mobilenet_v2_small",
                PipelineResults.label(throughput.get(0).key(), Set.of("model")));
        assertEquals("images=images model=cmu", PipelineResults.label(new BenchmarkKey("b", "thrpt",
                new TreeMap<>(Map.of("model", "/tmp/models/cmu.pb", "images", "../shared/images"))), Set.of("model", "images")));
        assertEquals(0.4, throughput.get(0).unit().cost(throughput.get(0).score()), 1e-12);
        assertEquals(1, PipelineResults.select(file, "filterSize=25").size());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> PipelineResults.select(file, "Nothing"));
        assertTrue(none.getMessage().contains("PipelineBenchmark.estimate"), none.getMessage());
    }
}
