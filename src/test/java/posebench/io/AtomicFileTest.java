package posebench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import posebench.image.BgrImage;
import posebench.output.SkeletonDrawing;

/**
 * A write that fails midway leaves no file, no temporary litter, and an older file intact; a
 * finished write replaces the file whole, with the permissions of any other file written here.
 */
class AtomicFileTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.sorted().toList();
        }
    }

    /** Writes half the content, then fails as the given throwable. */
    private static AtomicFile.Writer failingHalfway(Throwable failure) {
        return temporary -> {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write("{\"humans\": [".getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertTrue(Files.size(temporary) > 0, "the half is on disk before the failure");
                if (failure instanceof IOException io) {
                    throw io;
                }
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw (Error) failure;
            }
        };
    }

    @Test
    void failedWriteLeavesNothing() throws IOException {
        Path target = dir.resolve("humans.json");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFile.write(target, failingHalfway(new IOException("disk full"))));
        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals(List.of(), files());

        IllegalStateException bug = new IllegalStateException("serialiser bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> AtomicFile.write(target, failingHalfway(bug))));
        OutOfMemoryError oom = new OutOfMemoryError("simulated");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> AtomicFile.write(target, failingHalfway(oom))));
        assertEquals(List.of(), files());
    }

    @Test
    void failedOverwriteKeepsTheOldFile() throws IOException {
        Path target = dir.resolve("humans.json");
        AtomicFile.writeString(target, "old, complete\n");
        assertThrows(UncheckedIOException.class,
                () -> AtomicFile.write(target, failingHalfway(new IOException("killed"))));
        assertThrows(IllegalStateException.class,
                () -> AtomicFile.write(target, failingHalfway(new IllegalStateException("bug"))));
        assertEquals("old, complete\n", Files.readString(target));
        assertEquals(List.of(target), files());

        AtomicFile.writeString(target, "new, complete\n");
        assertEquals("new, complete\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void writtenFilesGetTheUsualPermissions() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFile.writeString(atomic, "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
    }

    /** Concurrent writers of one file: the result is always one writer's whole content. */
    @Test
    void concurrentWritersNeverInterleave() throws Exception {
        Path target = dir.resolve("table.csv");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String content = ("writer " + t + "\n").repeat(5000);
                writers.add(pool.submit(() -> {
                    for (int k = 0; k < 25; k++) {
                        AtomicFile.writeString(target, content);
                        String read = readWhole(target);
                        assertTrue(read.matches("(?s)(writer \\d\n){5000}") && read.lines().distinct().count() == 1,
                                "a torn file of " + read.length() + " chars");
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(target), files());
    }

    private static String readWhole(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real writers fail the same clean way, here because a directory holds the name. */
    @Test
    void drawingThatCannotBeMovedIntoPlaceLeavesNoTemporary() throws IOException {
        Path target = Files.createDirectory(dir.resolve("skeleton.png"));
        Files.writeString(target.resolve("keep.txt"), "x");
        BgrImage image = new BgrImage(new byte[8 * 8 * 3], 8, 8);
        assertThrows(UncheckedIOException.class, () -> SkeletonDrawing.writePng(image, List.of(), target));
        assertEquals(List.of(target), files());
        assertFalse(Files.isRegularFile(target));
    }
}
