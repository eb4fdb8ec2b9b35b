package posebench.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A JMH {@code -rf json} result file read in full, its results by key; {@code role} names it in messages. */
public record JmhResultFile(String role, Path path, SortedMap<BenchmarkKey, JmhResult> results) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public JmhResultFile {
        results = Collections.unmodifiableSortedMap(new TreeMap<>(results));
    }

    /** Reads {@code path}; every problem becomes a message that names the file and the result. */
    public static JmhResultFile read(String role, Path path) throws ResultsFileException {
        String file = role + " file " + path;
        if (!Files.isRegularFile(path)) {
            throw new ResultsFileException(file + " does not exist or is not a regular file");
        }
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ResultsFileException(file + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ResultsFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ResultsFileException(file + " is empty; expected the output of JMH -rf json");
        }
        if (!root.isArray()) {
            throw new ResultsFileException(file + " is not a JMH -rf json result file: expected a JSON array"
                    + " of results, found " + root.getNodeType().toString().toLowerCase());
        }
        if (root.isEmpty()) {
            throw new ResultsFileException(file + " holds no benchmark results");
        }
        SortedMap<BenchmarkKey, JmhResult> results = new TreeMap<>();
        for (int i = 0; i < root.size(); i++) {
            JmhResult result = parse(root.get(i), file + ", result #" + (i + 1));
            if (results.put(result.key(), result) != null) {
                throw new ResultsFileException(file + " holds " + result.key() + " twice");
            }
        }
        return new JmhResultFile(role, path, results);
    }

    /**
     * One element of a result file's array; {@code where} names it in the message. For readers that
     * keep the good results of a file with a bad one.
     */
    public static JmhResult parse(JsonNode node, String where) throws ResultsFileException {
        if (!node.isObject()) {
            throw new ResultsFileException(where + " is not a JSON object");
        }
        String benchmark = text(node, "benchmark", where);
        String at = where + " (" + benchmark + ")";
        String mode = text(node, "mode", at);
        SortedMap<String, String> params = new TreeMap<>();
        JsonNode paramsNode = node.path("params");
        if (!paramsNode.isMissingNode()) {
            if (!paramsNode.isObject()) {
                throw new ResultsFileException(at + ": 'params' should be an object");
            }
            for (Map.Entry<String, JsonNode> param : paramsNode.properties()) {
                params.put(param.getKey(), param.getValue().asText());
            }
        }
        JsonNode metric = node.path("primaryMetric");
        if (!metric.isObject()) {
            throw new ResultsFileException(at + ": 'primaryMetric' is missing or not an object");
        }
        String unitText = text(metric, "scoreUnit", at);
        ScoreUnit unit = ScoreUnit.parse(unitText);
        if (unit == null) {
            throw new ResultsFileException(at + ": unknown score unit '" + unitText
                    + "'; expected <time>/op or ops/<time>, as JMH's primary metric has");
        }
        checkModeMatchesUnit(mode, unit, at);
        double score = number(metric.path("score"), "score", at);
        if (!(score > 0) || Double.isInfinite(score)) {
            throw new ResultsFileException(at + ": score must be positive and finite, got " + score);
        }
        JsonNode confidence = metric.path("scoreConfidence");
        if (!confidence.isArray() || confidence.size() != 2) {
            throw new ResultsFileException(at + ": 'scoreConfidence' should be an array of two numbers");
        }
        return new JmhResult(new BenchmarkKey(benchmark, mode, params), score,
                number(metric.path("scoreError"), "scoreError", at),
                number(confidence.get(0), "scoreConfidence[0]", at),
                number(confidence.get(1), "scoreConfidence[1]", at),
                unit, rawData(metric.path("rawData"), at));
    }

    private static void checkModeMatchesUnit(String mode, ScoreUnit unit, String at) throws ResultsFileException {
        boolean throughput = switch (mode) {
            case "thrpt" -> true;
            case "avgt", "sample", "ss" -> false;
            default -> throw new ResultsFileException(at + ": unknown mode '" + mode
                    + "'; expected thrpt, avgt, sample or ss");
        };
        if (throughput != unit.higherIsBetter()) {
            throw new ResultsFileException(at + ": mode " + mode + " does not go with unit " + unit.text());
        }
    }

    private static List<List<Double>> rawData(JsonNode node, String at) throws ResultsFileException {
        List<List<Double>> forks = new ArrayList<>();
        if (node.isMissingNode()) {
            return forks;
        }
        if (!node.isArray()) {
            throw new ResultsFileException(at + ": 'rawData' should be an array of arrays of numbers");
        }
        for (JsonNode fork : node) {
            if (!fork.isArray()) {
                throw new ResultsFileException(at + ": 'rawData' should be an array of arrays of numbers");
            }
            List<Double> iterations = new ArrayList<>();
            for (JsonNode iteration : fork) {
                iterations.add(number(iteration, "rawData", at));
            }
            forks.add(iterations);
        }
        return forks;
    }

    private static String text(JsonNode node, String field, String at) throws ResultsFileException {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new ResultsFileException(at + ": '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    /** A JSON number, or the strings JMH writes for non-finite values ({@code "NaN"} for a missing interval). */
    private static double number(JsonNode value, String field, String at) throws ResultsFileException {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            switch (value.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new ResultsFileException(at + ": '" + field + "' is missing or not a number");
    }
}
