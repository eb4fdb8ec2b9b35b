package posebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.model.TinyPoseGraph;
import posebench.throughput.JsonLinesOutput;
import posebench.throughput.TestImages;

class ThroughputCommandTest {

    @TempDir
    Path dir;

    private Path model;

    @BeforeEach
    void writeModel() throws IOException {
        model = dir.resolve("tiny.pb");
        Files.write(model, TinyPoseGraph.withChannels(57).toByteArray());
    }

    private List<String> small(String... args) {
        List<String> all = new ArrayList<>(List.of("throughput", "--model", model.toString(), "--resize", "64x48",
                "--filter-size", "5", "--quiet"));
        all.addAll(List.of(args));
        return all;
    }

    @Test
    void corruptImagesAreCountedAndEachInputGetsOneLine() throws IOException {
        Path images = Files.createDirectory(dir.resolve("images"));
        String[] corrupt = TestImages.mixedDirectory(images, 8);
        Path out = dir.resolve("out.jsonl");
        CliResult result = CliResult.run(small("--images", images.toString(), "--workers", "2", "--batch", "2",
                "--out", out.toString()).toArray(String[]::new));
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("11 images (8 ok, 3 failed)"), result.out());
        for (String name : corrupt) {
            assertTrue(result.err().contains(images.resolve(name) + ":"), result.err());
        }
        List<String> lines = Files.readAllLines(out);
        assertEquals(11, lines.size());
        long errors = lines.stream().filter(l -> l.contains("\"error\"")).count();
        assertEquals(3, errors);
    }

    @Test
    void rejectsAmbiguousInputs() throws IOException {
        Path image = TestImages.picture(dir.resolve("a.png"), 1);
        CliResult both = CliResult.run(small("--images", dir.toString(), "--image", image.toString()).toArray(String[]::new));
        assertEquals(2, both.code());
        assertTrue(both.err().contains("exactly one of --images DIR or --image FILE"), both.err());
        CliResult noOut = CliResult.run(small("--image", image.toString(), "--resume").toArray(String[]::new));
        assertTrue(noOut.err().contains("--resume needs --out"), noOut.err());
    }

    @Test
    void sigtermStopsBetweenLinesAndSigkillLeavesResumableOutput() throws Exception {
        Path image = TestImages.picture(dir.resolve("a.png"), 1);
        for (boolean forcibly : new boolean[] {false, true}) {
            Path out = dir.resolve((forcibly ? "killed" : "terminated") + ".jsonl");
            Process process = fork(small("--image", image.toString(), "--repeat", "1000000", "--workers", "2",
                    "--out", out.toString()));
            try {
                awaitLines(out, 30, process);
            } finally {
                if (forcibly) {
                    process.destroyForcibly();
                } else {
                    process.destroy();
                }
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "process did not stop");
            }
            if (!forcibly) {
                // SIGTERM runs the shutdown hook: the run is cancelled and the output closed between lines.
                assertEquals(143, process.exitValue());
                String text = Files.readString(out);
                assertTrue(text.endsWith("\n"), "partial last line after SIGTERM");
            }
            try (JsonLinesOutput resumed = JsonLinesOutput.resume(out, model.toString(), TestImages.SMALL)) {
                int done = resumed.finishedCount();
                assertTrue(done >= 30, "lines " + done);
                assertEquals(done, Files.readAllLines(out).size(), "every whole line is a distinct input");
                for (String line : Files.readAllLines(out)) {
                    JsonNode node = new ObjectMapper().readTree(line);
                    assertNotNull(node.get("num_humans"), line);
                    assertEquals(0, node.get("num_humans").asInt(), line);
                }
            }
        }
    }

    private static Process fork(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PoseBenchCli.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        return builder.start();
    }

    private static void awaitLines(Path file, int lines, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readAllLines(file).size() >= lines) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the forked run ended early, exit code " + process.exitValue());
            }
            Thread.sleep(50);
        }
        throw new AssertionError(file + " did not reach " + lines + " lines in time");
    }
}
