package posebench.cost;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * One row of a JMH JSON result: benchmark, mode, parameters and primary score with its unit,
 * read as whole-pipeline images: an operation is one image.
 */
public record JmhScore(String benchmark, String mode, Map<String, String> params, double score, String unit) {

    /**
     * Seconds per image: the inverse of a throughput score ({@code ops/s}, {@code ops/ms}, ...) or
     * a time per operation ({@code s/op}, {@code ms/op}, ...) in seconds.
     */
    public double secondsPerImage() {
        String[] parts = unit.split("/");
        if (parts.length == 2 && parts[0].equals("ops")) {
            return seconds(parts[1]) / score;
        }
        if (parts.length == 2 && parts[1].equals("op")) {
            return score * seconds(parts[0]);
        }
        throw new IllegalArgumentException(benchmark + ": score unit '" + unit
                + "' is neither a throughput (ops/s) nor a time per operation (ms/op)");
    }

    private double seconds(String timeUnit) {
        return switch (timeUnit) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            case "min" -> 60;
            default -> throw new IllegalArgumentException(benchmark + ": unknown time unit '" + timeUnit + "' in '" + unit + "'");
        };
    }

    /**
     * The method name and parameters, e.g. {@code pipeline workers=2 batch=1 pipelined=true};
     * path values are cut to their last two elements.
     */
    public String label() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1) + " " + label(params.keySet());
    }

    /** Only the given parameters, e.g. {@code workers=2 pipelined=true}. */
    public String label(Set<String> keys) {
        StringJoiner label = new StringJoiner(" ");
        params.forEach((k, v) -> {
            if (keys.contains(k)) {
                label.add(k + "=" + shortValue(v));
            }
        });
        return label.toString();
    }

    private static String shortValue(String value) {
        String[] parts = value.split("/");
        return parts.length <= 2 ? value : parts[parts.length - 2] + "/" + parts[parts.length - 1];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %.4g %s", label(), mode, score, unit);
    }
}
