package posebench.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The images a folder holds, the one listing every command and benchmark uses. */
public final class ImageFolder {

    private ImageFolder() {
    }

    /**
     * Every regular, non-hidden file directly in {@code folder}, sorted by name, so the same folder
     * always gives the same order; files that are not images fail later, when decoded. A file
     * instead of a folder is a folder of one.
     */
    public static List<Path> list(Path folder) {
        if (!Files.exists(folder)) {
            throw new IllegalArgumentException(folder + ": no such image file or folder");
        }
        if (!Files.isDirectory(folder)) {
            return List.of(folder);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot be listed: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(folder + ": holds no files");
        }
        return files;
    }
}
