package posebench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import posebench.io.Json;

/**
 * What a {@code --profiles} folder holds for the report: the trace JSON files ({@code trace-*.json})
 * and the flame graphs ({@code flame-*.html}), in name order, and a sentence for each file it could
 * not read. A missing folder is {@link #NONE}.
 */
public record ProfileFiles(Path dir, List<TraceFile> traces, List<Path> flameGraphs, List<String> problems) {

    public static final ProfileFiles NONE = new ProfileFiles(null, List.of(), List.of(), List.of());

    public ProfileFiles {
        traces = List.copyOf(traces);
        flameGraphs = List.copyOf(flameGraphs);
        problems = List.copyOf(problems);
    }

    public static ProfileFiles scan(Path dir) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new ProfileFiles(dir, List.of(), List.of(), List.of(dir + " is not a folder"));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return new ProfileFiles(dir, List.of(), List.of(), List.of("cannot list " + dir + ": " + e.getMessage()));
        }
        List<TraceFile> traces = new ArrayList<>();
        List<Path> flames = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.startsWith("trace-") && name.endsWith(".json")) {
                try {
                    TraceFile trace = Json.read(file, TraceFile.class);
                    if (trace.scopes().isEmpty()) {
                        problems.add(file + " has no scope rows; left out");
                    } else if (trace.scopes().stream().anyMatch(s -> s.name() == null || s.self() == null
                            || s.total() == null)) {
                        problems.add(file + " has a scope row without its name, self or total cost; left out");
                    } else {
                        traces.add(trace.named(name.substring(0, name.length() - ".json".length())));
                    }
                } catch (UncheckedIOException e) {
                    problems.add(e.getMessage() + "; left out");
                }
            } else if (name.startsWith("flame-") && name.endsWith(".html")) {
                flames.add(file);
            }
        }
        return new ProfileFiles(dir, traces, flames, problems);
    }
}
