package posebench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The slowed copies that {@code .ci/gate-eval} builds come from patches of the product's code; a
 * change to the patched code must not leave them stale, or the error-rate evaluation fails hours
 * later. Each patch must apply to the working tree, checked by {@code git apply --check}.
 */
class GateEvalPatchesTest {

    private static final Path PATCHES = Path.of(".ci", "gate-eval.d");

    static List<Path> patches() throws IOException {
        try (Stream<Path> files = Files.list(PATCHES)) {
            return files.filter(p -> p.toString().endsWith(".patch")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("patches")
    void appliesToTheWorkingTree(Path patch) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "apply", "--check", patch.toString()).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), patch + " no longer applies; regenerate it (docs/gate.md): " + output);
    }

    @Test
    void bothSlowdownsExist() throws IOException {
        assertFalse(patches().isEmpty(), "no patches under " + PATCHES);
        assertEquals(List.of("paf-fifth.patch", "paf-twice.patch"),
                patches().stream().map(p -> p.getFileName().toString()).toList());
    }
}
