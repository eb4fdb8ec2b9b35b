package posebench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths a user may pass that are not ordinary files: empty, a directory, missing, huge (sparse),
 * an endless device and, where {@code mkfifo} exists, a named pipe that would block a reader.
 */
public final class SpecialFiles {

    private SpecialFiles() {
    }

    /** Creates them in {@code dir}, named with the given extension (e.g. {@code .pb}). */
    public static List<Path> create(Path dir, String extension, long hugeBytes)
            throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        files.add(Files.createFile(dir.resolve("empty" + extension)));
        files.add(Files.createDirectory(dir.resolve("directory" + extension)));
        files.add(dir.resolve("absent" + extension));
        Path huge = dir.resolve("huge" + extension);
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(hugeBytes);
        }
        files.add(huge);
        files.add(Path.of("/dev/zero"));
        Path fifo = dir.resolve("fifo" + extension);
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            files.add(fifo);
        }
        return files;
    }
}
