package posebench.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @Test
    void listsVisibleFilesSortedAndSkipsHiddenOnesAndFolders(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.jpg"), "b");
        Files.writeString(dir.resolve("a.jpg"), "a");
        Files.writeString(dir.resolve(".DS_Store"), "x");
        Files.createDirectory(dir.resolve("sub"));
        assertEquals(List.of(dir.resolve("a.jpg"), dir.resolve("b.jpg")), ImageFolder.list(dir));
        assertEquals(List.of(dir.resolve("b.jpg")), ImageFolder.list(dir.resolve("b.jpg")));
    }

    @Test
    void aMissingOrEmptyFolderIsNamedInTheError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(".hidden"), "x");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageFolder.list(dir)).getMessage()
                .contains(dir + ": holds no files"));
        Path missing = dir.resolve("missing");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageFolder.list(missing)).getMessage()
                .startsWith(missing.toString()));
    }
}
