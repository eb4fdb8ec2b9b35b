package posebench.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * TensorFlow profiler's scope view of an {@link OpTrace}: a tree by name scope ({@code /}) under
 * {@code _TFProfRoot}, each row with self and total requested bytes, execution, accelerator and CPU
 * time (means over the traced runs), plus FLOPs and achieved GFLOP/s where FLOPs are known.
 *
 * <p>A scope that is not a graph node itself (e.g. {@code smoothing}) has zero self cost. Siblings
 * are sorted by total execution time, longest first. Totals always count every traced node: the
 * depth and minimum-time filters only hide rows, as with tfprof's {@code account_displayed_op_only=False}.
 * The text follows tfprof's formatting: {@code self/total}, {@code --/} for the root's self,
 * bytes as B, KB, MB in powers of 1000, times as us, ms, sec.
 */
public final class ScopeTable {

    public static final String ROOT = "_TFProfRoot";
    /** Shows every depth. */
    public static final int ALL_DEPTHS = Integer.MAX_VALUE;
    private static final String LEGEND = "node name | requested bytes | total execution time"
            + " | accelerator execution time | cpu execution time";

    /** Bytes, times in microseconds and FLOPs of a row; {@code flops} is -1 where unknown. */
    public record Cost(double bytes, double execMicros, double acceleratorMicros, double cpuMicros, long flops) {

        public boolean flopsKnown() {
            return flops >= 0;
        }
    }

    /**
     * One row: the full node or scope name, its depth (root 0), its op type ("" for a pure scope),
     * self and total cost, and the spread of the total execution time over the runs, in microseconds.
     */
    public record Row(String name, int depth, String opType, Cost self, Cost total, Spread totalExecMicros) {

        /** Achieved GFLOP/s of the total, or NaN where FLOPs or time are unknown. */
        public double gflopsPerSecond() {
            return total.flopsKnown() && total.execMicros() > 0 ? total.flops() / (total.execMicros() * 1e3) : Double.NaN;
        }
    }

    private final List<Row> rows;
    private final int runs;
    private final boolean flopsKnown;

    private ScopeTable(List<Row> rows, int runs) {
        this.rows = List.copyOf(rows);
        this.runs = runs;
        this.flopsKnown = rows.get(0).total().flopsKnown();
    }

    /**
     * Builds the tree of a trace. Nodes with FLOPs but no trace entry (absorbed into a fused
     * kernel) still add their FLOPs to their scopes.
     */
    public static ScopeTable of(OpTrace trace, Map<String, Long> flopsPerNode) {
        Scope root = new Scope(ROOT, 0, trace.runs());
        for (OpTrace.Node node : trace.nodes()) {
            root.descendant(node.name()).node = node;
        }
        flopsPerNode.forEach((name, flops) -> root.descendant(name).selfFlops = flops);
        root.accumulate();
        List<Row> rows = new ArrayList<>();
        root.appendRows(rows);
        return new ScopeTable(rows, trace.runs());
    }

    /** Every row, depth first, in display order. */
    public List<Row> rows() {
        return rows;
    }

    /** The top-level scopes with the largest total time, longest first. */
    public List<Row> topScopes(int count) {
        return rows.stream().filter(r -> r.depth() == 1).limit(count).toList();
    }

    /** The rows at most {@code maxDepth} below the root whose total time is at least {@code minMillis}; the root always. */
    public List<Row> rows(int maxDepth, double minMillis) {
        List<Row> shown = new ArrayList<>();
        for (Row row : rows) {
            // A child's total never exceeds its parent's, so filtering the depth-first list keeps a tree.
            if (row.depth() == 0 || row.depth() <= maxDepth && row.total().execMicros() >= minMillis * 1000) {
                shown.add(row);
            }
        }
        return shown;
    }

    public Row root() {
        return rows.get(0);
    }

    public Optional<Row> row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public int runs() {
        return runs;
    }

    /** Whether any row has FLOPs, and so the FLOP and GFLOP/s columns are shown. */
    public boolean flopsKnown() {
        return flopsKnown;
    }

    /** The scope view as tfprof prints it: legend, then one indented line per shown row. */
    public String text(int maxDepth, double minMillis) {
        StringBuilder out = new StringBuilder(LEGEND);
        if (flopsKnown) {
            out.append(" | float ops | achieved GFLOP/s");
        }
        out.append('\n');
        for (Row row : rows(maxDepth, minMillis)) {
            boolean root = row.depth() == 0;
            out.append("  ".repeat(row.depth())).append(row.name()).append(" (")
                    .append(pair(root, formatBytes(row.self().bytes()), formatBytes(row.total().bytes()))).append(", ")
                    .append(pair(root, formatMicros(row.self().execMicros()), formatMicros(row.total().execMicros())))
                    .append(", ")
                    .append(pair(root, formatMicros(row.self().acceleratorMicros()),
                            formatMicros(row.total().acceleratorMicros()))).append(", ")
                    .append(pair(root, formatMicros(row.self().cpuMicros()), formatMicros(row.total().cpuMicros())));
            if (flopsKnown) {
                out.append(", ").append(pair(root, formatFlops(row.self().flops()), formatFlops(row.total().flops())))
                        .append(" flops, ").append(Double.isNaN(row.gflopsPerSecond()) ? "--"
                                : String.format(Locale.ROOT, "%.2f", row.gflopsPerSecond())).append(" GFLOP/s");
            }
            out.append(")\n");
        }
        return out.toString();
    }

    /** Every row as CSV: bytes, microseconds (means), the spread of the total time, FLOPs (empty where unknown). */
    public String csv() {
        StringBuilder out = new StringBuilder("name,depth,op_type,self_bytes,total_bytes,self_exec_us,total_exec_us,"
                + "total_exec_stddev_us,total_exec_min_us,total_exec_max_us,self_accelerator_us,total_accelerator_us,"
                + "self_cpu_us,total_cpu_us,self_flops,total_flops,gflops_per_s\n");
        for (Row r : rows) {
            out.append(csvField(r.name())).append(',').append(r.depth()).append(',').append(csvField(r.opType()));
            for (double v : new double[] {r.self().bytes(), r.total().bytes(), r.self().execMicros(),
                    r.total().execMicros(), r.totalExecMicros().stddev(), r.totalExecMicros().min(),
                    r.totalExecMicros().max(), r.self().acceleratorMicros(), r.total().acceleratorMicros(),
                    r.self().cpuMicros(), r.total().cpuMicros()}) {
                out.append(',').append(number(v));
            }
            out.append(',').append(r.self().flopsKnown() ? Long.toString(r.self().flops()) : "")
                    .append(',').append(r.total().flopsKnown() ? Long.toString(r.total().flops()) : "")
                    .append(',').append(Double.isNaN(r.gflopsPerSecond()) ? "" : number(r.gflopsPerSecond()))
                    .append('\n');
        }
        return out.toString();
    }

    private static String pair(boolean root, String self, String total) {
        return (root ? "--" : self) + "/" + total;
    }

    /** tfprof's FormatMemory: B below 1000, then KB and MB in powers of 1000 with two decimals. */
    public static String formatBytes(double bytes) {
        long b = Math.round(bytes);
        if (b < 1000) {
            return b + "B";
        }
        return b < 1_000_000 ? String.format(Locale.ROOT, "%.2fKB", b / 1e3) : String.format(Locale.ROOT, "%.2fMB", b / 1e6);
    }

    /** tfprof's FormatTime: whole us below 1000, then ms and sec with two decimals. */
    public static String formatMicros(double micros) {
        long us = Math.round(micros);
        if (us < 1000) {
            return us + "us";
        }
        return us < 1_000_000 ? String.format(Locale.ROOT, "%.2fms", us / 1e3) : String.format(Locale.ROOT, "%.2fsec", us / 1e6);
    }

    /** tfprof's FormatNumber: k, m, b in powers of 1000; "--" where unknown. */
    static String formatFlops(long n) {
        if (n < 0) {
            return "--";
        }
        if (n < 1000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.2fk", n / 1e3);
        }
        return n < 1_000_000_000 ? String.format(Locale.ROOT, "%.2fm", n / 1e6) : String.format(Locale.ROOT, "%.2fb", n / 1e9);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A node of the scope tree with per-run self and total values. */
    private static final class Scope {
        private final String name;
        private final int depth;
        private final int runs;
        private final Map<String, Scope> children = new LinkedHashMap<>();
        private OpTrace.Node node;
        private long selfFlops = -1;
        private long totalFlops = -1;
        private final long[] totalBytes;
        private final long[] totalAccelerator;
        private final long[] totalCpu;
        private final long[] totalExec;

        Scope(String name, int depth, int runs) {
            this.name = name;
            this.depth = depth;
            this.runs = runs;
            totalBytes = new long[runs];
            totalAccelerator = new long[runs];
            totalCpu = new long[runs];
            totalExec = new long[runs];
        }

        /** The scope of a full node name, created with its parents as needed. */
        Scope descendant(String fullName) {
            Scope scope = this;
            int from = 0;
            while (true) {
                int slash = fullName.indexOf('/', from);
                String prefix = slash < 0 ? fullName : fullName.substring(0, slash);
                Scope parent = scope;
                scope = parent.children.computeIfAbsent(prefix, p -> new Scope(p, parent.depth + 1, runs));
                if (slash < 0) {
                    return scope;
                }
                from = slash + 1;
            }
        }

        void accumulate() {
            if (node != null) {
                add(node.bytes(), node.acceleratorNanos(), node.cpuNanos(), node.execNanos());
            }
            totalFlops = selfFlops;
            for (Scope child : children.values()) {
                child.accumulate();
                add(child.totalBytes, child.totalAccelerator, child.totalCpu, child.totalExec);
                if (child.totalFlops >= 0) {
                    totalFlops = Math.max(totalFlops, 0) + child.totalFlops;
                }
            }
        }

        private void add(long[] bytes, long[] accelerator, long[] cpu, long[] exec) {
            for (int r = 0; r < runs; r++) {
                totalBytes[r] += bytes[r];
                totalAccelerator[r] += accelerator[r];
                totalCpu[r] += cpu[r];
                totalExec[r] += exec[r];
            }
        }

        void appendRows(List<Row> rows) {
            Cost self = node == null ? new Cost(0, 0, 0, 0, selfFlops)
                    : new Cost(node.meanBytes(), mean(node.execNanos()) / 1e3, mean(node.acceleratorNanos()) / 1e3,
                            mean(node.cpuNanos()) / 1e3, selfFlops);
            Cost total = new Cost(mean(totalBytes), mean(totalExec) / 1e3, mean(totalAccelerator) / 1e3,
                    mean(totalCpu) / 1e3, totalFlops);
            rows.add(new Row(name, depth, node == null ? "" : node.opType(), self, total,
                    Spread.of(totalExec).scaled(1e3)));
            children.values().stream()
                    .sorted(Comparator.comparingDouble((Scope s) -> -mean(s.totalExec)).thenComparing(s -> s.name))
                    .forEach(child -> child.appendRows(rows));
        }

        private static double mean(long[] values) {
            return Spread.of(values).mean();
        }
    }
}
