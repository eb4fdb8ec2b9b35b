package posebench.throughput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One input of a throughput run: its position in the run's input list and the image file. */
public record ImageInput(int index, Path file) {

    /**
     * Every regular, non-hidden file directly in {@code directory}, sorted by name, so the same
     * directory always gives the same indexes; files that are not images become error lines later.
     */
    public static List<ImageInput> fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + ": no such directory");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": cannot be listed: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(directory + ": holds no files");
        }
        List<ImageInput> inputs = new ArrayList<>(files.size());
        for (Path file : files) {
            inputs.add(new ImageInput(inputs.size(), file));
        }
        return inputs;
    }

    /** The same image {@code times} times, indexes 0..times-1. */
    public static List<ImageInput> repeated(Path file, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + times);
        }
        List<ImageInput> inputs = new ArrayList<>(times);
        for (int i = 0; i < times; i++) {
            inputs.add(new ImageInput(i, file));
        }
        return inputs;
    }
}
