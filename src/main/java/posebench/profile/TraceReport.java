package posebench.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import posebench.estimator.PipelineOptions;
import posebench.io.AtomicFile;
import posebench.io.Json;
import posebench.peaks.PeakDetectorKind;

/**
 * One traced configuration: what ran (model, pipeline options, compile variant, runs), its scope
 * table and its Java-side heap footprint, rendered as text, CSV and JSON.
 */
public final class TraceReport {

    private static final int TOP_SCOPES = 5;

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
        List<ScopeRow> rows = new ArrayList<>();
        for (ScopeTable.Row r : table.rows()) {
            Spread s = r.totalExecMicros();
            rows.add(new ScopeRow(r.name(), r.depth(), r.opType(), Cost.of(r.self()), Cost.of(r.total()),
                    new ExecSpread(rounded(s.mean()), rounded(s.stddev()), rounded(s.min()), rounded(s.max())),
                    Double.isNaN(r.gflopsPerSecond()) ? null : rounded(r.gflopsPerSecond())));
        }
        JavaHeap heap = null;
        if (footprint != null) {
            List<HeapEntry> entries = new ArrayList<>();
            for (HeapFootprint.Entry e : footprint.entries()) {
                entries.add(new HeapEntry(e.stage(), e.object(), known(e.retainedBytes()), known(e.allocatedBytes()),
                        e.tfNode().isEmpty() ? null : e.tfNode()));
            }
            heap = new JavaHeap(entries, footprint.notes());
        }
        return Json.write(new Document(ProfileName.modelName(model), model,
                List.of(options.targetWidth(), options.targetHeight()),
                List.of(options.heatmapWidth(), options.heatmapHeight()), options.resizeOutRatio(),
                options.filterSize(), options.sigma(), options.smoother().label(), variant, warmups, table.runs(),
                new Units("B", "us"), rows, heap)) + "\n";
    }

    private static Long known(long bytes) {
        return bytes == HeapFootprint.UNKNOWN ? null : bytes;
    }

    /** The trace file's JSON, field for field (snake_case through {@link Json}). */
    private record Document(String model, String modelSource, List<Integer> inputSizeWh, List<Integer> heatmapSizeWh,
                            double resizeOutRatio, int filterSize, double sigma, String smoother, String compile,
                            int warmupRuns, int tracedRuns, Units units, List<ScopeRow> scopes,
                            @JsonInclude(JsonInclude.Include.NON_NULL) JavaHeap javaHeap) {
    }

    private record Units(String bytes, String time) {
    }

    private record ScopeRow(String name, int depth, String opType, Cost self, Cost total, ExecSpread totalExecUsSpread,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Double gflopsPerS) {
    }

    /** A row's self or total cost; {@code flops} is null where unknown. */
    private record Cost(double requestedBytes, double execUs, double acceleratorUs, double cpuUs, Long flops) {
        static Cost of(ScopeTable.Cost c) {
            return new Cost(rounded(c.bytes()), rounded(c.execMicros()), rounded(c.acceleratorMicros()),
                    rounded(c.cpuMicros()), c.flopsKnown() ? c.flops() : null);
        }
    }

    private record ExecSpread(double mean, double stddev, double min, double max) {
    }

    private record JavaHeap(List<HeapEntry> entries, List<String> notes) {
    }

    private record HeapEntry(String stage, String object, Long retainedBytes, Long allocatedBytes, String tfNode) {
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
