package posebench.cost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the rows of a JMH {@code -rf json} result file. */
public final class JmhResults {

    private JmhResults() {
    }

    public static List<JmhScore> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such JMH result file (run the benchmarks with -rf json -rff "
                    + file + ")");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a JMH JSON result: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + ": not a JMH JSON result (expected an array of benchmark rows)");
        }
        List<JmhScore> scores = new ArrayList<>();
        for (JsonNode row : root) {
            JsonNode metric = row.path("primaryMetric");
            if (!row.path("benchmark").isTextual() || !metric.path("score").isNumber() || !metric.path("scoreUnit").isTextual()) {
                throw new IllegalArgumentException(file + ": row " + (scores.size() + 1)
                        + " lacks benchmark, primaryMetric.score or primaryMetric.scoreUnit");
            }
            Map<String, String> params = new LinkedHashMap<>();
            row.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            scores.add(new JmhScore(row.get("benchmark").asText(), row.path("mode").asText(), params,
                    metric.get("score").asDouble(), metric.get("scoreUnit").asText()));
        }
        return scores;
    }

    /** The rows whose label or full benchmark name contains a match of {@code regex}. */
    public static List<JmhScore> select(List<JmhScore> scores, String regex, Path file) {
        Pattern pattern = Pattern.compile(regex);
        List<JmhScore> selected = scores.stream()
                .filter(s -> pattern.matcher(s.benchmark()).find() || pattern.matcher(s.label()).find())
                .toList();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException(file + " has no row matching '" + regex + "'; it has: "
                    + String.join("; ", scores.stream().map(JmhScore::label).distinct().toList()));
        }
        return selected;
    }

    /** The parameters whose values differ between the rows: what tells the rows apart. */
    public static Set<String> varyingParams(List<JmhScore> scores) {
        Set<String> varying = new LinkedHashSet<>();
        for (JmhScore s : scores) {
            for (String key : s.params().keySet()) {
                if (scores.stream().map(o -> o.params().get(key)).distinct().count() > 1) {
                    varying.add(key);
                }
            }
        }
        return varying;
    }
}
