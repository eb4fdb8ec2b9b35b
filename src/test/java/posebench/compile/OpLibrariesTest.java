package posebench.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpLibrariesTest {

    @Test
    void noLibrariesLoadsNothing() {
        assertEquals(List.of(), OpLibraries.load(List.of()));
    }

    @Test
    void aMissingLibraryIsNamed(@TempDir Path directory) {
        Path missing = directory.resolve("libtfneuron.so");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpLibraries.load(List.of(missing)));
        assertEquals("op library not found: " + missing.toAbsolutePath(), e.getMessage());
    }

    @Test
    void aFileThatIsNoLibraryFailsWithTensorFlowsReason(@TempDir Path directory) throws IOException {
        Path notALibrary = Files.writeString(directory.resolve("libneuron.so"), "not an ELF shared object");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpLibraries.load(List.of(notALibrary)));
        assertTrue(e.getMessage().startsWith("cannot load op library " + notALibrary.toAbsolutePath() + ": "),
                e.getMessage());
        assertTrue(e.getMessage().length() > ("cannot load op library " + notALibrary.toAbsolutePath() + ": ").length(),
                "the loader's reason follows: " + e.getMessage());
    }
}
