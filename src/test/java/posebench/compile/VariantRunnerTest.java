package posebench.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.GraphDef;

import posebench.model.EvilGraphs;
import posebench.model.PoseModel;

class VariantRunnerTest {

    private static final int HEIGHT = 64;
    private static final int WIDTH = 96;

    private static GraphDef graph;
    private static VariantResult none;

    @BeforeAll
    static void runNone() {
        graph = TinyPoseGraph.create();
        none = VariantRunner.run(TinyPoseGraph.model(graph), SessionSettings.of(CompileVariant.NONE), HEIGHT, WIDTH, 1, 3);
    }

    @Test
    void noneRunsTheGraphOnTheFixedInput() {
        assertArrayEquals(new long[] {1, HEIGHT / 8, WIDTH / 8, 57}, none.outputShape());
        assertEquals(3, none.runNanos().length);
        assertEquals(0, none.xlaClusters());
        assertEquals(0, none.maxAbsDifference(none));
        double largest = 0;
        for (float value : none.output()) {
            assertTrue(Float.isFinite(value));
            largest = Math.max(largest, Math.abs(value));
        }
        assertTrue(largest > 0.1, "the tiny graph's output is not degenerate: " + largest);
    }

    @Test
    void bf16StaysCloseToNone() {
        if (SessionSettings.bfloat16Unavailable().isPresent()) {
            assertThrows(IllegalStateException.class,
                    () -> VariantRunner.run(TinyPoseGraph.model(graph), new SessionSettings(CompileVariant.BF16, 1, 1), HEIGHT, WIDTH, 0, 1));
            return;
        }
        VariantResult bf16 = VariantRunner.run(TinyPoseGraph.model(graph), new SessionSettings(CompileVariant.BF16, 1, 1), HEIGHT, WIDTH, 0, 1);
        double deviation = bf16.maxAbsDifference(none);
        // bfloat16 keeps 8 significant bits: a relative error of 2^-8 per rounding.
        assertTrue(deviation < 0.05 * largest(none), "bf16 deviates by " + deviation);
    }

    @Test
    void xlaInAForkedJvmCompilesClustersAndMatchesNone(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("tiny.pb");
        Files.write(file, graph.toByteArray());
        VariantResult xla = VariantWorker.runForked(file.toString(), PoseModel.DEFAULT_INPUT, PoseModel.DEFAULT_OUTPUT,
                SessionSettings.of(CompileVariant.XLA), HEIGHT, WIDTH, 1, 1, List.of(), List.of());
        assertTrue(xla.xlaClusters() >= 1, "XLA clusters: " + xla.xlaClusters());
        assertTrue(xla.maxAbsDifference(none) < 1e-3 * largest(none), "xla deviates by " + xla.maxAbsDifference(none));
    }

    /** The child loads the graph again: it refuses what the parent refuses, and runs what --allow-op allows. */
    @Test
    void aForkedRunKeepsTheOpPolicy(@TempDir Path directory) throws Exception {
        Path target = directory.resolve("pwned.txt");
        Path file = Files.write(directory.resolve("evil.pb"), EvilGraphs.writingFile(target).toByteArray());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> VariantWorker.runForked(
                file.toString(), PoseModel.DEFAULT_INPUT, PoseModel.DEFAULT_OUTPUT, SessionSettings.of(CompileVariant.NONE),
                HEIGHT, WIDTH, 0, 1, List.of(), List.of()));
        assertTrue(refused.getMessage().contains("UnsafeOpException") && refused.getMessage().contains("WriteFile"),
                refused.getMessage());
        assertFalse(Files.exists(target));
        VariantWorker.runForked(file.toString(), PoseModel.DEFAULT_INPUT, PoseModel.DEFAULT_OUTPUT,
                SessionSettings.of(CompileVariant.NONE), HEIGHT, WIDTH, 0, 1, List.of(), List.of("WriteFile"));
        assertEquals("pwned", Files.readString(target));
    }

    @Test
    void aFailingForkedRunReportsTheChildsError(@TempDir Path directory) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> VariantWorker.runForked(
                directory.resolve("missing.pb").toString(), PoseModel.DEFAULT_INPUT, PoseModel.DEFAULT_OUTPUT,
                SessionSettings.of(CompileVariant.NONE), HEIGHT, WIDTH, 0, 1, List.of(), List.of()));
        assertTrue(e.getMessage().contains("missing.pb") && e.getMessage().contains("exit 1"), e.getMessage());
    }

    @Test
    void resultsSurviveTheTripThroughAFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("result.bin");
        none.writeTo(file);
        VariantResult read = VariantResult.readFrom(file);
        assertEquals(none.variant(), read.variant());
        assertArrayEquals(none.runNanos(), read.runNanos());
        assertArrayEquals(none.outputShape(), read.outputShape());
        assertArrayEquals(none.output(), read.output());
    }

    @Test
    void outputsOfDifferentShapesAreNotCompared() {
        VariantResult other = new VariantResult(CompileVariant.NONE, new long[] {1}, 0, new long[] {1, 1, 1, 57},
                new float[57]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.maxAbsDifference(none));
        assertTrue(e.getMessage().contains("[1, 8, 12, 57]"), e.getMessage());
    }

    private static double largest(VariantResult result) {
        double largest = 0;
        for (float value : result.output()) {
            largest = Math.max(largest, Math.abs(value));
        }
        return largest;
    }
}
