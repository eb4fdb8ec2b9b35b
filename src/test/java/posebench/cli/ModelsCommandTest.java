package posebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import posebench.compile.SessionSettings;
import posebench.compile.TinyPoseGraph;

class ModelsCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new ModelsCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void listsTheZooWithTheDefaultMarked() {
        assertEquals(0, run("list"));
        assertEquals(String.format("cmu%nmobilenet_thin  (default)%n"), out.toString());
    }

    @Test
    void infoPrintsTotalsAndAPerLayerTable() {
        assertEquals(0, run("info", "--model", "mobilenet_thin", "--resize", "432x368"), err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("model mobilenet_thin at 432x368 (width x height)"), text);
        assertTrue(text.contains("multiply-adds  ") && text.contains("parameters     1,951,"), text);
        // 184 x 216 outputs x 24 channels x 3 x 3 x 3; weights 3 x 3 x 3 x 24 and batch norm 4 x 24.
        assertTrue(text.lines().anyMatch(line -> line.matches(
                "MobilenetV1/Conv2d_0/Conv2D\\s+Conv2D\\s+1x184x216x24\\s+25\\.8\\s+744\\s+0\\.5%")), text);
    }

    @Test
    void aBadSizeIsRejectedWithTheExpectedForm() {
        assertEquals(2, run("info", "--resize", "432by368"));
        assertTrue(err.toString().contains("'432by368' is not WIDTHxHEIGHT"), err.toString());
    }

    @Test
    void generateWritesTheGraph(@TempDir Path directory) {
        assertEquals(0, run("generate", "--model", "mobilenet_thin", "--output", directory.toString()), err.toString());
        assertTrue(Files.isRegularFile(directory.resolve("mobilenet_thin.pb")));
        assertTrue(out.toString().contains("wrote "), out.toString());
    }

    @Test
    void variantsReportTimesAndTheDeviationFromNone(@TempDir Path directory) throws Exception {
        Path graph = directory.resolve("tiny.pb");
        Files.write(graph, TinyPoseGraph.create().toByteArray());
        int exit = run("variants", "--model", graph.toString(), "--resize", "96x64", "--compile", "bf16",
                "--warmup", "0", "--runs", "2", "--intra-op", "1", "--inter-op", "1");
        if (SessionSettings.bfloat16Unavailable().isPresent()) {
            assertEquals(1, exit);
            assertTrue(err.toString().contains(SessionSettings.MAX_ISA_VARIABLE), err.toString());
            return;
        }
        assertEquals(0, exit, err.toString());
        String[] lines = out.toString().split("\\R");
        assertTrue(lines[0].contains("intra-op 1, inter-op 1; 0 warm-up + 2 timed runs"), lines[0]);
        assertTrue(lines[2].matches("none\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+\\s+0\\.00\\s+-"), lines[2]);
        assertTrue(lines[3].startsWith("bf16 "), lines[3]);
        assertEquals(4, lines.length);
    }

    @Test
    void anUnknownVariantFails() {
        assertEquals(1, run("variants", "--compile", "neuron", "--runs", "1"));
        assertTrue(err.toString().contains("unknown compile variant 'neuron'"), err.toString());
    }

    @Test
    void convertWritesAnOnnxModelOrtRuns(@TempDir Path directory) throws Exception {
        Path graph = directory.resolve("tiny.pb");
        Files.write(graph, TinyPoseGraph.create().toByteArray());
        Path onnx = directory.resolve("tiny.onnx");
        assertEquals(0, run("convert", "--model", graph.toString(), "--to", "onnx", "--out", onnx.toString(),
                "--resize", "96x64"), err.toString());
        assertTrue(out.toString().startsWith("wrote " + onnx + ": "), out.toString());
        assertTrue(out.toString().contains("input image [N, 64, 96, 3], output Openpose/concat_stage7 [N, 8, 12, 57]"),
                out.toString());
        assertTrue(out.toString().contains("Conv 4") && out.toString().contains("Transpose 2"), out.toString());
        // ORT's environment is a process-wide singleton: only the session is closed.
        try (var session = ai.onnxruntime.OrtEnvironment.getEnvironment().createSession(onnx.toString())) {
            assertEquals("[N, 8, 12, 57]".replace("N", "-1"), java.util.Arrays.toString(
                    ((ai.onnxruntime.TensorInfo) session.getOutputInfo().get("Openpose/concat_stage7").getInfo())
                            .getShape()));
        }
    }

    @Test
    void convertToAnotherFormatFails(@TempDir Path directory) {
        assertEquals(1, run("convert", "--model", "mobilenet_thin", "--to", "tflite", "--out",
                directory.resolve("m.tflite").toString()));
        assertTrue(err.toString().contains("the only target format is onnx"), err.toString());
    }
}
