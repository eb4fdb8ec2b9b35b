package posebench.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.tensorflow.proto.AllocatorMemoryUsed;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

import posebench.estimator.PoseEstimator;
import posebench.model.PoseModel;

/**
 * Per-node time and memory of the pipeline graph over several FULL_TRACE runs, read from the
 * step stats the way TensorFlow's profiler (tfprof) reads them.
 *
 * <p>How one run's step stats become one value per node:
 * <ul>
 * <li>Names lose a {@code :suffix}; the executor's {@code _SOURCE} and {@code _SINK} are dropped.</li>
 * <li>Exec time of one entry is {@code all_end_rel_nanos} (or {@code all_end_rel_micros} when the
 *     nanos are not set). tfprof uses {@code op_end_rel_micros}; the difference is the output
 *     bookkeeping after the kernel, a few microseconds per op.</li>
 * <li>A GPU op appears up to three times: on {@code /device:GPU:0} (host-side launch, counted as CPU
 *     time as tfprof does), on {@code .../stream:all} (kernel time, the accelerator time) and on
 *     {@code .../stream:N} (the same kernels per stream, skipped so they are not counted twice).
 *     Entries of a plain device ({@code .../device:CPU:0}) are CPU time. Exec = accelerator + CPU.</li>
 * <li>Requested bytes are {@code memory[].total_bytes} plus the {@code memory_stats} temporary and
 *     persistent bytes (tfprof adds these too: they are how a Const's tensor is seen), taken from
 *     the first plain device the node ran on; a node that shows up on another plain device too
 *     keeps only the first one's entries, as in tfprof.</li>
 * <li>A node that runs twice on a device in one run (a loop body) adds up.</li>
 * <li>The op type comes from the timeline label ({@code name = Type(inputs)}). oneDNN fuses ops
 *     (e.g. Conv2D + BatchNorm + Relu into {@code _MklNativeFusedConv2D}) and reports the fused
 *     kernel under the name of the last node it absorbed, so a convolution's time shows in its
 *     {@code .../Relu} row and the absorbed nodes have no row at all.</li>
 * </ul>
 * Over runs, each node keeps its per-run values; a node missing from a run counts 0 there, so the
 * mean of the sum over nodes equals the mean per-run total.
 */
public final class OpTrace {

    /** A device itself ({@code .../device:CPU:0}), not one of its streams or copy engines ({@code .../stream:7}). */
    private static final Pattern PLAIN_DEVICE = Pattern.compile(".*/(device:[a-z_]+|cpu|gpu|sycl):\\d+");
    private static final Set<String> EXECUTOR_NODES = Set.of("_SOURCE", "_SINK");

    /** One graph node: its op type, devices, and per-run requested bytes and times in nanoseconds. */
    public record Node(String name, String opType, List<String> devices, long[] bytes, long[] execNanos,
                       long[] acceleratorNanos, long[] cpuNanos) {

        public Node {
            devices = List.copyOf(devices);
        }

        public double meanBytes() {
            return Spread.of(bytes).mean();
        }

        public Spread exec() {
            return Spread.of(execNanos);
        }
    }

    /** One node in one run, all its entries in the step stats combined. */
    public record Step(String name, String opType, List<String> devices, long bytes, long acceleratorNanos,
                       long cpuNanos) {

        public long execNanos() {
            return acceleratorNanos + cpuNanos;
        }
    }

    private static final RunOptions FULL_TRACE = RunOptions.newBuilder()
            .setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();

    private final List<Node> nodes;
    private final int runs;

    private OpTrace(List<Node> nodes, int runs) {
        this.nodes = List.copyOf(nodes);
        this.runs = runs;
    }

    /** Runs the pipeline graph {@code warmups} times untimed, then {@code runs} times traced. */
    public static OpTrace record(PoseEstimator estimator, float[] input, int warmups, int runs) {
        if (warmups < 0 || runs < 1) {
            throw new IllegalArgumentException("need warm-ups >= 0 and runs >= 1, got " + warmups + " and " + runs);
        }
        for (int i = 0; i < warmups; i++) {
            estimator.runWithMetadata(input, FULL_TRACE);
        }
        List<RunMetadata> traced = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            traced.add(estimator.runWithMetadata(input, FULL_TRACE));
        }
        return of(traced);
    }

    /** Aggregates the step stats of several runs. */
    public static OpTrace of(List<RunMetadata> metadata) {
        List<List<Step>> perRun = new ArrayList<>();
        for (RunMetadata run : metadata) {
            perRun.add(steps(run));
        }
        return combine(perRun);
    }

    /** A trace from per-run steps read from another profiler, e.g. ONNX Runtime's ({@link OrtProfile}). */
    public static OpTrace ofSteps(List<List<Step>> perRun) {
        return combine(perRun);
    }

    /**
     * This trace and another of the same runs, their nodes side by side in each run: the network's
     * nodes from ONNX Runtime's profile and the post-processing nodes from TensorFlow's.
     */
    public OpTrace alongside(OpTrace other) {
        if (other.runs != runs) {
            throw new IllegalArgumentException("cannot put a trace of " + other.runs + " runs beside one of " + runs);
        }
        List<List<Step>> perRun = unrolled();
        List<List<Step>> others = other.unrolled();
        for (int r = 0; r < runs; r++) {
            perRun.get(r).addAll(others.get(r));
        }
        return combine(perRun);
    }

    /** The traces of this and another set of runs of the same graph, as one. */
    public OpTrace plus(OpTrace other) {
        List<List<Step>> perRun = new ArrayList<>(unrolled());
        perRun.addAll(other.unrolled());
        return combine(perRun);
    }

    public List<Node> nodes() {
        return nodes;
    }

    public int runs() {
        return runs;
    }

    /** One run's nodes, in the order the step stats list them. */
    public static List<Step> steps(RunMetadata run) {
        Map<String, StepBuilder> byName = new LinkedHashMap<>();
        for (DeviceStepStats device : run.getStepStats().getDevStatsList()) {
            String dev = device.getDevice().toLowerCase(Locale.ROOT);
            boolean accelerator = dev.contains("stream:all");
            boolean plain = PLAIN_DEVICE.matcher(dev).matches();
            if (!accelerator && !plain) {
                continue;
            }
            for (NodeExecStats stats : device.getNodeStatsList()) {
                String name = PoseModel.nodeName(stats.getNodeName());
                if (EXECUTOR_NODES.contains(name)) {
                    continue;
                }
                StepBuilder step = byName.computeIfAbsent(name, StepBuilder::new);
                step.add(device.getDevice(), dev, accelerator, stats);
            }
        }
        List<Step> steps = new ArrayList<>(byName.size());
        for (StepBuilder b : byName.values()) {
            steps.add(b.build());
        }
        return steps;
    }

    private static OpTrace combine(List<List<Step>> perRun) {
        int runs = perRun.size();
        if (runs == 0) {
            throw new IllegalArgumentException("no runs to aggregate");
        }
        Map<String, NodeBuilder> byName = new LinkedHashMap<>();
        for (int r = 0; r < runs; r++) {
            for (Step step : perRun.get(r)) {
                byName.computeIfAbsent(step.name(), n -> new NodeBuilder(n, runs)).add(r, step);
            }
        }
        List<Node> nodes = new ArrayList<>(byName.size());
        for (NodeBuilder b : byName.values()) {
            nodes.add(b.build());
        }
        return new OpTrace(nodes, runs);
    }

    /** The per-run steps back from the per-node arrays (a node absent from a run had all zeros). */
    private List<List<Step>> unrolled() {
        List<List<Step>> perRun = new ArrayList<>(runs);
        for (int r = 0; r < runs; r++) {
            List<Step> steps = new ArrayList<>(nodes.size());
            for (Node n : nodes) {
                steps.add(new Step(n.name(), n.opType(), n.devices(), n.bytes()[r], n.acceleratorNanos()[r],
                        n.cpuNanos()[r]));
            }
            perRun.add(steps);
        }
        return perRun;
    }

    /** {@code [alloc 1MB 1MB] name = Type(a, b)} to {@code Type}. */
    static String opType(String timelineLabel) {
        int eq = timelineLabel.indexOf(" = ");
        if (eq < 0) {
            return "";
        }
        int paren = timelineLabel.indexOf('(', eq);
        return timelineLabel.substring(eq + 3, paren < 0 ? timelineLabel.length() : paren).trim();
    }

    private static long endNanos(NodeExecStats stats) {
        return stats.getAllEndRelNanos() > 0 ? stats.getAllEndRelNanos() : stats.getAllEndRelMicros() * 1000;
    }

    private static final class StepBuilder {
        private final String name;
        private String opType = "";
        private final Set<String> devices = new LinkedHashSet<>();
        private String memoryDevice;
        private long bytes;
        private long acceleratorNanos;
        private long cpuNanos;

        StepBuilder(String name) {
            this.name = name;
        }

        void add(String device, String lowerDevice, boolean accelerator, NodeExecStats stats) {
            devices.add(device);
            if (opType.isEmpty()) {
                opType = opType(stats.getTimelineLabel());
            }
            if (accelerator) {
                acceleratorNanos += endNanos(stats);
                return;
            }
            if (memoryDevice == null) {
                memoryDevice = lowerDevice;
            }
            if (!memoryDevice.equals(lowerDevice)) {
                return;
            }
            cpuNanos += endNanos(stats);
            for (AllocatorMemoryUsed memory : stats.getMemoryList()) {
                bytes += memory.getTotalBytes();
            }
            if (stats.hasMemoryStats()) {
                bytes += stats.getMemoryStats().getTempMemorySize() + stats.getMemoryStats().getPersistentMemorySize();
            }
        }

        Step build() {
            return new Step(name, opType, new ArrayList<>(devices), bytes, acceleratorNanos, cpuNanos);
        }
    }

    private static final class NodeBuilder {
        private final String name;
        private String opType = "";
        private final Set<String> devices = new LinkedHashSet<>();
        private final long[] bytes;
        private final long[] exec;
        private final long[] accelerator;
        private final long[] cpu;

        NodeBuilder(String name, int runs) {
            this.name = name;
            bytes = new long[runs];
            exec = new long[runs];
            accelerator = new long[runs];
            cpu = new long[runs];
        }

        void add(int run, Step step) {
            if (opType.isEmpty()) {
                opType = step.opType();
            }
            devices.addAll(step.devices());
            bytes[run] += step.bytes();
            accelerator[run] += step.acceleratorNanos();
            cpu[run] += step.cpuNanos();
            exec[run] += step.execNanos();
        }

        Node build() {
            return new Node(name, opType, Collections.unmodifiableList(new ArrayList<>(devices)), bytes, exec,
                    accelerator, cpu);
        }
    }
}
