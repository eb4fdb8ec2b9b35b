package posebench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the read-only test data in {@code ../shared}; tests that need it skip where it is absent. */
public final class SharedData {

    private static final Path ROOT = Path.of(System.getProperty("posebench.shared", "../shared"))
            .toAbsolutePath().normalize();

    private SharedData() {
    }

    /** A file under {@code ../shared}, or a skipped test when it is not there. */
    public static Path require(String relative) {
        Path path = ROOT.resolve(relative);
        assumeTrue(Files.exists(path), () -> "../shared is absent (" + path + "): skipping");
        return path;
    }

    public static Path mobilenetV2Small() {
        return require("models/tf-pose/mobilenet_v2_small/graph_opt.pb");
    }

    public static Path image(String name) {
        return require("images/" + name);
    }

    public static Path expected(String name) {
        return require("reference/expected/" + name);
    }
}
