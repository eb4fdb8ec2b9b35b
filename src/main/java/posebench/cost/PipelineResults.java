package posebench.cost;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import posebench.results.BenchmarkKey;
import posebench.results.JmhResult;
import posebench.results.JmhResultFile;
import posebench.model.ModelLabel;

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

    /**
     * The results as cost rows of a machine at {@code usdPerHour}, each labelled by the parameters that
     * differ between them (by its method name when none do).
     */
    public static List<CostRow> costRows(List<JmhResult> results, String machine, double usdPerHour) {
        Set<String> varying = labelParams(results.stream().map(JmhResult::key).toList());
        List<CostRow> rows = new ArrayList<>();
        for (JmhResult r : results) {
            String run = varying.isEmpty() ? r.key().benchmark().substring(r.key().benchmark().lastIndexOf('.') + 1)
                    : label(r.key(), varying);
            rows.add(new CostRow(machine, run, r.unit().cost(r.score()), usdPerHour));
        }
        return rows;
    }

    /** The benchmarks' parameter naming the network's runtime (tf or onnx). */
    public static final String RUNTIME_PARAM = "runtime";

    /**
     * The parameters a row's label shows: those whose values differ between the results, and the
     * runtime that ran the network even where all rows ran on one.
     */
    public static Set<String> labelParams(List<BenchmarkKey> results) {
        Set<String> shown = varyingParams(results);
        if (!results.isEmpty() && results.get(0).params().containsKey(RUNTIME_PARAM)) {
            shown.add(RUNTIME_PARAM);
        }
        return shown;
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
                label.add(k + "=" + (v.contains("/") ? ModelLabel.of(v) : v));
            }
        });
        return label.toString();
    }
}
