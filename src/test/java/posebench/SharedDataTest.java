package posebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** What a test that needs ../shared does when a file is there, and when it is not, on CI and off it. */
class SharedDataTest {

    @TempDir
    Path root;

    @Test
    void presentFileIsReturnedOnCiAndOffIt() throws IOException {
        Path image = Files.createDirectories(root.resolve("images")).resolve("ski.jpg");
        Files.write(image, new byte[] {1});
        assertEquals(image, SharedData.require(root, "images/ski.jpg", true));
        assertEquals(image, SharedData.require(root, "images/ski.jpg", false));
    }

    @Test
    void missingFileSkipsOffCi() {
        assertThrows(TestAbortedException.class, () -> SharedData.require(root, "images/ski.jpg", false));
    }

    @Test
    void missingFileFailsOnCi() {
        AssertionError e = assertThrows(AssertionError.class, () -> SharedData.require(root, "images/ski.jpg", true));
        assertTrue(e.getMessage().contains("ski.jpg") && e.getMessage().contains("CI=true"), e.getMessage());
    }

    @Test
    void missingRootFailsOnCi() {
        assertThrows(AssertionError.class, () -> SharedData.require(root.resolve("absent"), "images/ski.jpg", true));
    }
}
