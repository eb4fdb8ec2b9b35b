package posebench.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import posebench.estimator.PipelineOptions;
import posebench.io.AtomicFile;
import posebench.peaks.PeakDetectorKind;

/**
 * One traced configuration: what ran (model, pipeline options, compile variant, runs), its scope
 * table and its Java-side heap footprint, rendered as text, CSV and JSON.
 */
public final class TraceReport {

    private static final int TOP_SCOPES = 5;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String model;
    private final PipelineOptions options;
    private final String variant;
    private final int warmups;
    private final ScopeTable table;
    private final HeapFootprint footprint;

    /** {@code footprint} may be null where the Java side was not measured. */
    public TraceReport(String model, PipelineOptions options, String variant, int warmups, ScopeTable table,
                       HeapFootprint footprint) {
        this.model = model;
        this.options = options;
        this.variant = variant;
        this.warmups = warmups;
        this.table = table;
        this.footprint = footprint;
    }

    /** The file name stem, e.g. {@code trace-mobilenet_v2_small-432x368-f25-none}. */
    public String stem() {
        return ProfileName.pipeline("trace", model, options, variant);
    }

    /** Header, the scope view filtered by depth and minimum time, and the heap footprint. */
    public String text(int maxDepth, double minMillis) {
        ScopeTable.Row root = table.root();
        Spread total = root.totalExecMicros();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "posebench trace: model %s (%s), input %dx%d, heatmaps %dx%d, filter %d"
                        + " (sigma %s), smoother %s, compile %s%n", ProfileName.modelName(model), model,
                options.targetWidth(), options.targetHeight(), options.heatmapWidth(), options.heatmapHeight(),
                options.filterSize(), options.sigma(), options.smoother().label(), variant));
        if (options.smoother() == PeakDetectorKind.FUSED) {
            out.append("Upsampling, smoothing, peaks and PAF assembly run in Java (fused smoother), outside this"
                    + " graph: their time is not in the table (--smoother depthwise traces tf-pose's ops)\n");
        } else if (options.smoother() != PeakDetectorKind.DEPTHWISE) {
            out.append("Smoothing and peaks run in Java (").append(options.smoother().label())
                    .append(" smoother), outside this graph: their time is not in the table\n");
        }
        out.append(String.format(Locale.ROOT, "%d FULL_TRACE run(s) after %d warm-up run(s); values are means per run."
                        + " Graph total %s, sd %s, min %s, max %s%n", table.runs(), warmups,
                ScopeTable.formatMicros(total.mean()), ScopeTable.formatMicros(total.stddev()),
                ScopeTable.formatMicros(total.min()), ScopeTable.formatMicros(total.max())));
        List<String> shares = new ArrayList<>();
        for (ScopeTable.Row row : table.topScopes(TOP_SCOPES)) {
            shares.add(String.format(Locale.ROOT, "%s %s (%.1f %%)", row.name(),
                    ScopeTable.formatMicros(row.total().execMicros()), share(row)));
        }
        out.append("Largest scopes: ").append(String.join(", ", shares)).append('\n');
        if (!table.flopsKnown()) {
            out.append("FLOPs: unknown for this graph, so no FLOP and GFLOP/s columns\n");
        }
        out.append('\n').append(table.text(maxDepth, minMillis));
        if (footprint != null) {
            out.append('\n').append(footprintText());
        }
        return out.toString();
    }

    /** Share of the graph total of a row's total time, in percent. */
    public double share(ScopeTable.Row row) {
        double total = table.root().total().execMicros();
        return total > 0 ? 100 * row.total().execMicros() / total : 0;
    }

    private String footprintText() {
        StringBuilder out = new StringBuilder("Java-side stage outputs: retained heap (JOL), bytes the stage allocated"
                + " on its thread, and TensorFlow's requested bytes for the same data\n");
        out.append(String.format(Locale.ROOT, "%-10s %-44s %10s %10s  %-24s %s%n", "stage", "object", "retained",
                "allocated", "TF node", "TF requested"));
        for (HeapFootprint.Entry e : footprint.entries()) {
            String tfBytes = e.tfNode().isEmpty() ? "" : table.row(e.tfNode())
                    .map(r -> ScopeTable.formatBytes(r.self().bytes())).orElse("--");
            out.append(String.format(Locale.ROOT, "%-10s %-44s %10s %10s  %-24s %s", e.stage(), e.object(),
                    bytes(e.retainedBytes()), bytes(e.allocatedBytes()), e.tfNode(), tfBytes).stripTrailing())
                    .append('\n');
        }
        for (String note : footprint.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    private static String bytes(long b) {
        return b == HeapFootprint.UNKNOWN ? "--" : ScopeTable.formatBytes(b);
    }

    /** Everything as one JSON document: bytes and microseconds, every row of the table. */
    public String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", ProfileName.modelName(model));
        doc.put("model_source", model);
        doc.put("input_size_wh", List.of(options.targetWidth(), options.targetHeight()));
        doc.put("heatmap_size_wh", List.of(options.heatmapWidth(), options.heatmapHeight()));
        doc.put("resize_out_ratio", options.resizeOutRatio());
        doc.put("filter_size", options.filterSize());
        doc.put("sigma", options.sigma());
        doc.put("smoother", options.smoother().label());
        doc.put("compile", variant);
        doc.put("warmup_runs", warmups);
        doc.put("traced_runs", table.runs());
        doc.put("units", Map.of("bytes", "B", "time", "us"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ScopeTable.Row r : table.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("depth", r.depth());
            row.put("op_type", r.opType());
            row.put("self", cost(r.self()));
            row.put("total", cost(r.total()));
            Spread s = r.totalExecMicros();
            Map<String, Object> spread = new LinkedHashMap<>();
            spread.put("mean", rounded(s.mean()));
            spread.put("stddev", rounded(s.stddev()));
            spread.put("min", rounded(s.min()));
            spread.put("max", rounded(s.max()));
            row.put("total_exec_us_spread", spread);
            if (!Double.isNaN(r.gflopsPerSecond())) {
                row.put("gflops_per_s", rounded(r.gflopsPerSecond()));
            }
            rows.add(row);
        }
        doc.put("scopes", rows);
        if (footprint != null) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (HeapFootprint.Entry e : footprint.entries()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("stage", e.stage());
                entry.put("object", e.object());
                entry.put("retained_bytes", e.retainedBytes() == HeapFootprint.UNKNOWN ? null : e.retainedBytes());
                entry.put("allocated_bytes", e.allocatedBytes() == HeapFootprint.UNKNOWN ? null : e.allocatedBytes());
                entry.put("tf_node", e.tfNode().isEmpty() ? null : e.tfNode());
                entries.add(entry);
            }
            doc.put("java_heap", Map.of("entries", entries, "notes", footprint.notes()));
        }
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the trace as JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> cost(ScopeTable.Cost c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requested_bytes", rounded(c.bytes()));
        m.put("exec_us", rounded(c.execMicros()));
        m.put("accelerator_us", rounded(c.acceleratorMicros()));
        m.put("cpu_us", rounded(c.cpuMicros()));
        m.put("flops", c.flopsKnown() ? c.flops() : null);
        return m;
    }

    /** Thousandths are nanoseconds for times and fractions of a byte for means: enough. */
    private static double rounded(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /**
     * Writes {@code dir/stem.txt} (the text, filtered), {@code .csv} and {@code .json} (every row),
     * each atomically; returns the three paths.
     */
    public List<Path> write(Path dir, String stem, int maxDepth, double minMillis) {
        Path txt = dir.resolve(stem + ".txt");
        Path csv = dir.resolve(stem + ".csv");
        Path json = dir.resolve(stem + ".json");
        AtomicFile.writeString(txt, text(maxDepth, minMillis));
        AtomicFile.writeString(csv, table.csv());
        AtomicFile.writeString(json, json());
        return List.of(txt, csv, json);
    }
}
