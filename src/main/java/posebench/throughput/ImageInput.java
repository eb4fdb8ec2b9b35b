package posebench.throughput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import posebench.image.ImageFolder;

/** One input of a throughput run: its position in the run's input list and the image file. */
public record ImageInput(int index, Path file) {

    /** The images of {@code directory} ({@link ImageFolder#list}), indexed in that order. */
    public static List<ImageInput> fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + ": no such directory");
        }
        List<Path> files = ImageFolder.list(directory);
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
