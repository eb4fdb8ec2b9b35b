package posebench.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrtProfileTest {

    private static final Set<String> GRAPH = Set.of("image", "conv/Conv2D", "conv/Relu", "bn/FusedBatchNorm");

    /** One event of ORT's profile; {@code ts} and {@code dur} in microseconds. */
    private static String node(String name, String op, long ts, long dur, long bytes) {
        return "{\"cat\": \"Node\", \"name\": \"" + name + "_kernel_time\", \"ts\": " + ts + ", \"dur\": " + dur
                + ", \"args\": {\"op_name\": \"" + op + "\", \"provider\": \"CPUExecutionProvider\", \"output_size\": \""
                + bytes + "\"}}";
    }

    private static String run(long ts, long dur) {
        return "{\"cat\": \"Session\", \"name\": \"model_run\", \"ts\": " + ts + ", \"dur\": " + dur + "}";
    }

    @Test
    void runsAfterTheWarmUpsBecomeStepsUnderTensorFlowNames(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ort.json"), "[" + String.join(",\n", List.of(
                "{\"cat\": \"Session\", \"name\": \"session_initialization\", \"ts\": 0, \"dur\": 50}",
                node("conv/Relu:0_nchwc", "Conv", 110, 40, 1000), run(100, 100),
                node("conv/Relu:0_nchwc", "Conv", 210, 30, 1000), node("bn/FusedBatchNorm/mean", "ReduceMean", 250, 5, 8),
                node("ReorderInput_token_3", "ReorderInput", 260, 2, 64), node("ReorderInput_token_9", "ReorderInput",
                        270, 3, 64), node("image/to_nchw", "Transpose", 202, 7, 12), run(200, 100),
                node("conv/Relu:0_nchwc", "Conv", 310, 20, 1000), run(300, 100))) + "]");
        OpTrace trace = OrtProfile.read(file, GRAPH, 1);
        assertEquals(2, trace.runs());
        List<String> names = trace.nodes().stream().map(OpTrace.Node::name).toList();
        assertEquals(List.of("conv/Relu", "bn/FusedBatchNorm/mean", "onnxruntime/ReorderInput", "image/to_nchw"), names);
        OpTrace.Node conv = trace.nodes().get(0);
        assertArrayEquals(new long[] {30_000, 20_000}, conv.cpuNanos());
        assertEquals("Conv", conv.opType());
        // Two reorders in one run add up; the second run had none.
        assertArrayEquals(new long[] {5_000, 0}, trace.nodes().get(2).cpuNanos());
        assertArrayEquals(new long[] {128, 0}, trace.nodes().get(2).bytes());
    }

    @Test
    void aProfileWithTooFewRunsIsAnError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ort.json"), "[" + run(0, 10) + "]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OrtProfile.read(file, GRAPH, 1));
        assertEquals(file + " holds 1 run(s), no more than the 1 warm-up run(s)", e.getMessage());
    }
}
