package posebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.model.TinyPoseGraph;

class TraceCommandTest {

    @TempDir
    Path dir;

    @Test
    void eachParameterSetGetsItsOwnTableFiles() throws IOException {
        Path model = Files.write(dir.resolve("tiny.pb"), TinyPoseGraph.withChannels(57).toByteArray());
        Path out = dir.resolve("profiles");
        for (String filter : List.of("25", "5")) {
            // The tiny graph's flat maps put a peak at every pixel, which makes the heap section slow.
            CliResult result = CliResult.run("trace", "--model", model.toString(), "--smoother", "depthwise", "--filter-size", filter, "--runs", "2",
                    "--warmup", "1", "--depth", "1", "--no-heap", "--out", out.toString());
            assertEquals(0, result.code(), result.err());
            String stdout = result.out();
            assertTrue(stdout.contains("\n_TFProfRoot (--/"), stdout);
            assertTrue(stdout.contains("\n  smoothing (0B/"), stdout);
            assertFalse(stdout.contains("  smoothing/depthwise"), "--depth 1 hides the ops: " + stdout);
            assertFalse(stdout.contains("Java-side stage outputs"), "--no-heap: " + stdout);
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("trace-tiny-432x368-f25-none.csv", "trace-tiny-432x368-f25-none.json",
                    "trace-tiny-432x368-f25-none.txt", "trace-tiny-432x368-f5-none.csv",
                    "trace-tiny-432x368-f5-none.json", "trace-tiny-432x368-f5-none.txt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("trace-tiny-432x368-f5-none.json").toFile());
        assertEquals(5, json.get("filter_size").asInt());
        assertEquals(2, json.get("traced_runs").asInt());
        assertEquals("_TFProfRoot", json.get("scopes").get(0).get("name").asText());
        List<String> csv = Files.readAllLines(out.resolve("trace-tiny-432x368-f5-none.csv"));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("smoothing/depthwise,2,")), "the CSV keeps every depth");
    }

    /** ORT's nodes under their TensorFlow names, with the graph's FLOPs, beside TensorFlow's post-processing ops. */
    @Test
    void onnxRuntimeTraceHasTheNetworkNodesWithFlops() throws IOException {
        Path model = Files.write(dir.resolve("tiny.pb"), TinyPoseGraph.withChannels(57).toByteArray());
        Path out = dir.resolve("profiles");
        CliResult result = CliResult.run("trace", "--model", model.toString(), "--smoother", "depthwise", "--runtime", "onnx", "--runs", "2",
                "--warmup", "1", "--no-heap", "--resize", "128x96", "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("trace-tiny-128x96-f25-ort-all.json").toFile());
        assertEquals("ort-all", json.get("compile").asText());
        assertEquals(2, json.get("traced_runs").asInt());
        List<String> names = json.get("scopes").findValuesAsText("name");
        // The convolution ran in ORT (fused with nothing here), the smoothing in TensorFlow.
        assertTrue(names.contains("Conv2d") && names.contains("smoothing/depthwise") && names.contains("image/to_nchw"),
                names.toString());
        for (JsonNode row : json.get("scopes")) {
            if (row.get("name").asText().equals("Conv2d")) {
                // 12 x 16 outputs x 57 channels x 3 inputs, two FLOPs per multiply-add.
                assertEquals(2L * 12 * 16 * 57 * 3, row.get("total").get("flops").asLong());
                assertTrue(row.get("total").get("exec_us").asDouble() > 0, row.toString());
                assertEquals("Conv", row.get("op_type").asText());
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("profiles", "tiny.pb"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "ORT's raw profile is not left behind");
        }
    }

    /** The default smoother (fused) does everything after the network in Java: the trace is the network's. */
    @Test
    void defaultTraceIsTheNetworkAlone() throws IOException {
        Path model = Files.write(dir.resolve("tiny.pb"), TinyPoseGraph.withChannels(57).toByteArray());
        Path out = dir.resolve("profiles");
        CliResult result = CliResult.run("trace", "--model", model.toString(), "--runs", "2", "--warmup", "1",
                "--no-heap", "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("smoother fused") && result.out().contains("run in Java (fused smoother)"),
                result.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("trace-tiny-432x368-f25-none-fused.json").toFile());
        List<String> names = json.get("scopes").findValuesAsText("name");
        assertTrue(names.contains("Conv2d"), names.toString());
        assertTrue(names.stream().noneMatch(n -> n.startsWith("upsample") || n.startsWith("smoothing")
                || n.startsWith("peaks")), "no post-processing op runs in the session: " + names);
    }

    @Test
    void badOptionsAreOneClearLine() throws IOException {
        Path model = Files.write(dir.resolve("tiny.pb"), TinyPoseGraph.withChannels(57).toByteArray());
        CliResult result = CliResult.run("trace", "--model", model.toString(), "--runs", "0");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("--runs must be at least 1"), result.err());
        result = CliResult.run("trace", "--model", model.toString(), "--compile", "neuron");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("unknown compile variant 'neuron', expected one of none, xla, bf16"),
                result.err());
    }
}
