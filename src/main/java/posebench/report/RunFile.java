package posebench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import posebench.results.BenchmarkKey;
import posebench.results.ResultsFileException;
import posebench.results.JmhResult;
import posebench.results.JmhResultFile;
import posebench.io.Json;
import posebench.machine.MachineInfo;

/**
 * One JMH {@code -rf json} file as the report reads it: every result it could read with its secondary
 * metrics, the machine recorded beside it (null when none was), and a sentence for each part it could
 * not read, so that one bad result or a bad machine file costs only that part of the page.
 */
public record RunFile(Path path, MachineInfo machine, List<RunResult> results, List<String> problems) {

    /** One benchmark's primary result and its secondary metrics by name (e.g. {@code trace.smoothing}). */
    public record RunResult(JmhResult primary, Map<String, SecondaryMetric> secondary) {

        public RunResult {
            secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
        }

        public BenchmarkKey key() {
            return primary.key();
        }
    }

    /** A secondary metric's score, error (NaN without an interval) and unit. */
    public record SecondaryMetric(double score, double error, String unit) {
    }

    public RunFile {
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    /** Reads {@code path} and the machine beside it; never throws for bad content, it notes it. */
    public static RunFile read(Path path) {
        List<String> problems = new ArrayList<>();
        MachineInfo machine = null;
        try {
            machine = MachineInfo.besideOrNull(path);
        } catch (UncheckedIOException e) {
            problems.add("the machine file " + MachineInfo.sidecarOf(path) + " is not readable: " + e.getMessage());
        }
        List<RunResult> results = new ArrayList<>();
        JsonNode root = null;
        if (!Files.isRegularFile(path)) {
            problems.add(path + " does not exist or is not a regular file");
        } else {
            try {
                root = Json.MAPPER.readTree(path.toFile());
            } catch (IOException e) {
                problems.add(path + " is not valid JSON: " + e.getMessage());
            }
        }
        if (root != null && !root.isArray()) {
            problems.add(path + " is not a JMH -rf json file: expected an array of results, found "
                    + root.getNodeType().toString().toLowerCase());
        } else if (root != null) {
            if (root.isEmpty()) {
                problems.add(path + " holds no benchmark results");
            }
            for (int i = 0; i < root.size(); i++) {
                String where = "result #" + (i + 1);
                try {
                    JmhResult primary = JmhResultFile.parse(root.get(i), where);
                    results.add(new RunResult(primary, secondary(root.get(i).path("secondaryMetrics"), where, problems)));
                } catch (ResultsFileException e) {
                    problems.add(e.getMessage() + "; left out");
                }
            }
        }
        return new RunFile(path, machine, results, problems);
    }

    /** The file name without {@code .json}, to tell runs apart. */
    public String name() {
        return path.getFileName().toString().replaceFirst("\\.json$", "");
    }

    /** The results as the gate reads a file; the first of two results with one key wins. */
    public JmhResultFile asGateFile(String role) {
        SortedMap<BenchmarkKey, JmhResult> byKey = new TreeMap<>();
        results.forEach(r -> byKey.putIfAbsent(r.key(), r.primary()));
        return new JmhResultFile(role, path, byKey);
    }

    private static Map<String, SecondaryMetric> secondary(JsonNode node, String where, List<String> problems) {
        Map<String, SecondaryMetric> metrics = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return metrics;
        }
        if (!node.isObject()) {
            problems.add(where + ": 'secondaryMetrics' is not an object; its secondary metrics are left out");
            return metrics;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode metric = entry.getValue();
            if (metric.path("score").asText().equals("NaN")) {
                // A text result (a profiler's message or file name): JMH gives it no score.
                continue;
            }
            if (!metric.path("score").isNumber() || !metric.path("scoreUnit").isTextual()) {
                problems.add(where + ": secondary metric '" + entry.getKey() + "' has no numeric score or no unit;"
                        + " left out");
                continue;
            }
            JsonNode error = metric.path("scoreError");
            metrics.put(entry.getKey(), new SecondaryMetric(metric.path("score").doubleValue(),
                    error.isNumber() ? error.doubleValue() : Double.NaN, metric.path("scoreUnit").asText()));
        }
        return metrics;
    }
}
