package posebench.throughput;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import posebench.estimator.PipelineOptions;
import posebench.io.Json;
import posebench.output.HumansJson;

/**
 * A throughput run's output file: one JSON object a line per input, its humans (the
 * {@link HumansJson} document plus {@code index} and {@code latency_ms}) or its {@code error}.
 *
 * <p>The file grows while the run goes, so it is not written through {@code AtomicFile}; instead
 * each whole line goes to the operating system in one unbuffered write, under a lock. A run
 * stopped by SIGINT or SIGTERM closes the file between two lines. A run killed outright (SIGKILL)
 * can at worst cut the one line being written (Linux may stop a write at a page boundary when
 * the process is killed); reopening the file with {@link #resume} cuts that partial line. Lines
 * reach the page cache, not the disk: they survive the process, not a power cut.
 */
public final class JsonLinesOutput implements ResultSink, AutoCloseable {

    private final Path file;
    private final String model;
    private final PipelineOptions options;
    private final OutputStream out;
    private final Map<Integer, String> finished;
    private final long droppedBytes;
    private boolean closed;

    private JsonLinesOutput(Path file, String model, PipelineOptions options, boolean append,
                            Map<Integer, String> finished, long droppedBytes) throws IOException {
        this.file = file;
        this.model = model;
        this.options = options;
        this.finished = finished;
        this.droppedBytes = droppedBytes;
        this.out = new FileOutputStream(file.toFile(), append);
    }

    /** Starts an empty output, replacing any file there. */
    public static JsonLinesOutput create(Path file, String model, PipelineOptions options) {
        try {
            createParent(file);
            return new JsonLinesOutput(file, model, options, false, Map.of(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reopens the output of an interrupted run to append to it: cuts a trailing partial line and
     * reads which inputs already have a line. A missing file starts empty.
     */
    public static JsonLinesOutput resume(Path file, String model, PipelineOptions options) {
        try {
            createParent(file);
            long dropped = Files.exists(file) ? cutPartialLine(file) : 0;
            Map<Integer, String> finished = Files.exists(file) ? readFinished(file) : Map.of();
            return new JsonLinesOutput(file, model, options, true, finished, dropped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume " + file + ": " + e.getMessage(), e);
        }
    }

    /** Bytes of a partial last line that {@link #resume} cut off; 0 when the file ended with a whole line. */
    public long droppedBytes() {
        return droppedBytes;
    }

    /** How many inputs already had a line when the file was reopened. */
    public int finishedCount() {
        return finished.size();
    }

    /**
     * The inputs without a line yet. Fails when a line's image differs from the input at its
     * index: the inputs changed since the run that wrote the file.
     */
    public List<ImageInput> remaining(List<ImageInput> inputs) {
        List<ImageInput> todo = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (ImageInput input : inputs) {
            String image = finished.get(input.index());
            if (image == null) {
                todo.add(input);
            } else if (!image.equals(input.file().toString())) {
                throw new IllegalArgumentException(file + " holds image " + image + " at index " + input.index()
                        + " but this run's input there is " + input.file() + ": the inputs changed; start a new output");
            } else {
                seen.add(input.index());
            }
        }
        if (seen.size() != finished.size()) {
            throw new IllegalArgumentException(file + " holds " + (finished.size() - seen.size())
                    + " line(s) with indexes beyond this run's " + inputs.size() + " inputs: the inputs changed;"
                    + " start a new output");
        }
        return todo;
    }

    @Override
    public void accept(ImageResult result) {
        byte[] line = line(result);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(file + " is closed; the result for "
                        + result.input().file() + " was not written");
            }
            try {
                out.write(line);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Closes the file after the line being written, if any; later results are refused. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private byte[] line(ImageResult result) {
        String image = result.input().file().toString();
        Object line = result.ok()
                ? new HumansLine(result.input().index(), HumansJson.document(image, model, options, result.humans()),
                        result.latencyNanos() / 1e6)
                : new ErrorLine(result.input().index(), image, result.error());
        return (Json.line(line) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A line for an image that gave humans: its index, the humans document, its latency. */
    private record HumansLine(int index, @JsonUnwrapped HumansJson.Document humans, double latencyMs) {
    }

    /** A line for an input that failed: its index, file and the error. */
    private record ErrorLine(int index, String image, String error) {
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** Truncates the file after its last newline and returns how many bytes went. */
    static long cutPartialLine(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long length = raf.length();
            byte[] chunk = new byte[8192];
            long end = length;
            while (end > 0) {
                int n = (int) Math.min(chunk.length, end);
                raf.seek(end - n);
                raf.readFully(chunk, 0, n);
                for (int i = n - 1; i >= 0; i--) {
                    if (chunk[i] == '\n') {
                        long keep = end - n + i + 1;
                        raf.setLength(keep);
                        return length - keep;
                    }
                }
                end -= n;
            }
            raf.setLength(0);
            return length;
        }
    }

    private static Map<Integer, String> readFinished(Path file) throws IOException {
        Map<Integer, String> finished = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line;
            try {
                line = Json.MAPPER.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " is not JSON: " + e.getOriginalMessage());
            }
            if (line == null || !line.path("index").isInt() || !line.path("image").isTextual()) {
                throw new IllegalArgumentException(file + " line " + (i + 1)
                        + " is not a throughput result (needs \"index\" and \"image\")");
            }
            finished.put(line.get("index").asInt(), line.get("image").asText());
        }
        return finished;
    }
}
