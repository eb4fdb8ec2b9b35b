package posebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.model.EvilGraphs;
import posebench.throughput.TestImages;

/**
 * The graph (a 1x1 convolution whose output waits for {@code WriteFile}) through every
 * command that loads a model: refused, the file not written; run with {@code --allow-op}.
 */
class UnsafeModelCommandTest {

    @TempDir
    Path dir;

    private Path target;
    private Path evil;
    private Path image;

    @BeforeEach
    void writeGraph() throws IOException {
        target = dir.resolve("pwned.txt");
        evil = Files.write(dir.resolve("evil.pb"), EvilGraphs.writingFile(target).toByteArray());
        image = TestImages.picture(dir.resolve("p1.png"), 1);
    }

    private void assertRefused(String... args) {
        CliResult result = CliResult.run(args);
        assertEquals(2, result.code(), () -> String.join(" ", args) + "\n" + result.out() + result.err());
        for (String part : List.of(evil + ": node 'evil' is a WriteFile op, which reads, writes or maps files",
                "--allow-op WriteFile")) {
            assertTrue(result.err().contains(part), () -> args[0] + " says '" + part + "': " + result.err());
        }
        assertFalse(Files.exists(target), () -> String.join(" ", args) + " wrote " + target);
    }

    @Test
    void everyCommandThatLoadsAModelRefusesIt() {
        String model = evil.toString();
        assertRefused("estimate", "--model", model, "--image", image.toString());
        assertRefused("trace", "--model", model, "--resize", "64x48", "--runs", "1", "--warmup", "0", "--out",
                dir.resolve("profiles").toString());
        assertRefused("throughput", "--model", model, "--image", image.toString(), "--resize", "64x48", "--quiet");
        assertRefused("compare-filters", "--model", model, "--images", image.toString(), "--runs", "1");
        assertRefused("models", "variants", "--model", model, "--resize", "64x48", "--compile", "none", "--warmup", "0",
                "--runs", "1");
        assertRefused("models", "info", "--model", model);
        assertFalse(Files.exists(dir.resolve("profiles")));
    }

    @Test
    void allowOpRunsTheGraphAndWarnsNamingTheOp() throws IOException {
        CliResult result = CliResult.run("estimate", "--model", evil.toString(), "--image", image.toString(),
                "--resize", "64x48", "--allow-op", "WriteFile");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.err().contains("posebench: warning: " + evil + ": running op(s) outside posebench's"
                + " allowlist, as allowed by --allow-op"), result.err());
        assertTrue(result.err().contains("WriteFile at node 'evil'"), result.err());
        assertEquals("pwned", Files.readString(target), "the flag lets the graph do what it was made to do");
    }
}
