package posebench.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary sibling moved into place, so an interrupted run never
 * leaves a half-written output behind.
 */
public final class AtomicFile {

    /** Writes the content of a file at the given (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(dir);
            String name = absolute.getFileName().toString();
            // Keep the extension: some writers (OpenCV's imwrite) pick the format from it.
            int dot = name.lastIndexOf('.');
            String suffix = dot > 0 ? name.substring(dot) : ".tmp";
            // Not createTempFile: its files are owner-only (0600), and the output would keep that.
            temporary = Files.createFile(dir.resolve("." + name + "." + Long.toHexString(
                    ThreadLocalRandom.current().nextLong()) + ".part" + suffix));
            writer.writeTo(temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The move succeeded or the write failed; the temporary is best-effort litter.
                }
            }
        }
    }

    public static void writeString(Path target, String content) {
        write(target, tmp -> Files.writeString(tmp, content, StandardCharsets.UTF_8));
    }
}
