package posebench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

import posebench.SharedData;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.image.ImageDecoder;
import posebench.model.ModelLoader;
import posebench.model.PoseModel;
import posebench.model.TinyPoseGraph;
import posebench.peaks.PeakDetectorKind;

class ScopeTableTest {

    private static final String CPU = "/job:localhost/replica:0/task:0/device:CPU:0";

    /** The tiny OpenPose-shaped graph, with tf-pose's post-processing ops in the graph (depthwise). */
    static PoseEstimator tinyEstimator(int filterSize) {
        PoseModel model = ModelLoader.validate(TinyPoseGraph.withChannels(57), "tiny", PoseModel.DEFAULT_INPUT,
                PoseModel.DEFAULT_OUTPUT);
        return new PoseEstimator(model, PipelineOptions.DEFAULTS.withFilterSize(filterSize).withSmoother(PeakDetectorKind.DEPTHWISE));
    }

    static float[] input(PipelineOptions options) {
        float[] input = new float[options.targetWidth() * options.targetHeight() * 3];
        for (int i = 0; i < input.length; i++) {
            input[i] = (i * 37 % 255) / 255f;
        }
        return input;
    }

    private static ScopeTable syntheticTable() {
        RunMetadata run = OpTraceTest.run(Map.of(CPU, List.of(
                OpTraceTest.node("smoothing/depthwise", "smoothing/depthwise = DepthwiseConv2dNative(a, b)", 43_050_000, 2_850_000),
                OpTraceTest.node("smoothing/gauss_weight", "smoothing/gauss_weight = Const()", 18_000, 47_500),
                OpTraceTest.node("net/conv", "net/conv = Conv2D(a, b)", 58_420_000, 430_010),
                OpTraceTest.node("upsample_heatmat", "upsample_heatmat = ResizeArea(a, b)", 6_530_000, 3_020_544))));
        return ScopeTable.of(OpTrace.of(List.of(run)), Map.of());
    }

    @Test
    void formatsLikeTfprof() {
        assertEquals("0B", ScopeTable.formatBytes(0));
        assertEquals("999B", ScopeTable.formatBytes(999));
        assertEquals("47.50KB", ScopeTable.formatBytes(47_500));
        assertEquals("16.86MB", ScopeTable.formatBytes(16_860_000));
        assertEquals("0us", ScopeTable.formatMicros(0.4));
        assertEquals("18us", ScopeTable.formatMicros(18));
        assertEquals("43.05ms", ScopeTable.formatMicros(43_050));
        assertEquals("1.50sec", ScopeTable.formatMicros(1_500_000));
        assertEquals("--", ScopeTable.formatFlops(-1));
        assertEquals("12.35b", ScopeTable.formatFlops(12_345_678_901L));
    }

    @Test
    void textIsTheScopeViewSortedByTotalTime() {
        String text = syntheticTable().text(ScopeTable.ALL_DEPTHS, 0);
        assertEquals(String.join("\n",
                "node name | requested bytes | total execution time | accelerator execution time | cpu execution time",
                "_TFProfRoot (--/6.35MB, --/108.02ms, --/0us, --/108.02ms)",
                "  net (0B/430.01KB, 0us/58.42ms, 0us/0us, 0us/58.42ms)",
                "    net/conv (430.01KB/430.01KB, 58.42ms/58.42ms, 0us/0us, 58.42ms/58.42ms)",
                "  smoothing (0B/2.90MB, 0us/43.07ms, 0us/0us, 0us/43.07ms)",
                "    smoothing/depthwise (2.85MB/2.85MB, 43.05ms/43.05ms, 0us/0us, 43.05ms/43.05ms)",
                "    smoothing/gauss_weight (47.50KB/47.50KB, 18us/18us, 0us/0us, 18us/18us)",
                "  upsample_heatmat (3.02MB/3.02MB, 6.53ms/6.53ms, 0us/0us, 6.53ms/6.53ms)", ""), text);
    }

    @Test
    void filtersHideRowsButNotTheirCost() {
        ScopeTable table = syntheticTable();
        List<String> topLevel = table.rows(1, 0).stream().map(ScopeTable.Row::name).toList();
        assertEquals(List.of(ScopeTable.ROOT, "net", "smoothing", "upsample_heatmat"), topLevel);
        List<String> slow = table.rows(ScopeTable.ALL_DEPTHS, 10).stream().map(ScopeTable.Row::name).toList();
        assertEquals(List.of(ScopeTable.ROOT, "net", "net/conv", "smoothing", "smoothing/depthwise"), slow);
        assertEquals(108_018, table.root().total().execMicros(), 1e-6);
    }

    @Test
    void flopsAddUpThroughScopesIncludingFusedAwayNodes() {
        RunMetadata run = OpTraceTest.run(Map.of(CPU, List.of(
                OpTraceTest.node("block/Relu", "block/Relu = _MklNativeFusedConv2D(a, b)", 2_000_000, 100))));
        ScopeTable table = ScopeTable.of(OpTrace.of(List.of(run)), Map.of("block/Conv2D", 4_000_000_000L));
        ScopeTable.Row block = table.row("block").orElseThrow();
        assertEquals(4_000_000_000L, block.total().flops());
        assertEquals(2000, block.gflopsPerSecond(), 1e-9, "4 GFLOP in 2 ms");
        assertTrue(Double.isNaN(table.row("block/Relu").orElseThrow().gflopsPerSecond()));
        assertTrue(table.text(ScopeTable.ALL_DEPTHS, 0).contains(
                "  block (0B/100B, 0us/2.00ms, 0us/0us, 0us/2.00ms, --/4.00b flops, 2000.00 GFLOP/s)"));
    }

    @Test
    void filter25PipelineHasTheArticleRowsAndConsistentTotals() {
        try (PoseEstimator estimator = tinyEstimator(25)) {
            ScopeTable table = ScopeTable.of(OpTrace.record(estimator, input(estimator.options()), 1, 2), Map.of());
            Set<String> names = table.rows().stream().map(ScopeTable.Row::name).collect(Collectors.toSet());
            assertTrue(names.containsAll(Set.of("smoothing", "smoothing/depthwise", "smoothing/gauss_weight",
                    "upsample_heatmat", "upsample_pafmat", "peaks", "peaks/max_pool")), names.toString());
            assertTotalsAreSelfPlusChildren(table);
            assertConvRowsHaveBytes(table, 2);
            assertEquals("", table.row("smoothing").orElseThrow().opType(), "a pure scope");
            assertEquals(0, table.row("smoothing").orElseThrow().self().execMicros());
            assertEquals(25 * 25 * 19 * 4, table.row("smoothing/gauss_weight").orElseThrow().self().bytes(),
                    "the kernel's persistent bytes");
        }
    }

    @Test
    void standardFlopsFillTheFlopColumns() {
        try (PoseEstimator estimator = tinyEstimator(25)) {
            Map<String, Long> flops = FlopSource.standard().flopsPerNode(estimator);
            long smoothingFlops = 2L * 184 * 216 * 19 * 25 * 25;
            assertEquals(smoothingFlops, flops.get("smoothing/depthwise"));
            ScopeTable table = ScopeTable.of(OpTrace.record(estimator, input(estimator.options()), 0, 1), flops);
            ScopeTable.Row smoothing = table.row("smoothing").orElseThrow();
            assertEquals(smoothingFlops, smoothing.total().flops());
            assertEquals(-1, smoothing.self().flops(), "a pure scope has no FLOPs of its own");
            assertTrue(smoothing.gflopsPerSecond() > 0);
            assertTrue(table.root().total().flops() > smoothingFlops, "the upsampling and the network count too");
            String text = table.text(1, 0);
            assertTrue(text.startsWith("node name | requested bytes | total execution time | accelerator execution time"
                    + " | cpu execution time | float ops | achieved GFLOP/s\n"), text);
            assertTrue(text.matches("(?s).*\n  smoothing \\(0B/[^\n]*, --/943\\.92m flops, [0-9.]+ GFLOP/s\\)\n.*"), text);
        }
    }

    @Test
    void realModelTableAndJavaHeap() {
        PoseModel model = ModelLoader.load(SharedData.mobilenetV2Small());
        try (PoseEstimator estimator = new PoseEstimator(model, PipelineOptions.DEFAULTS.withSmoother(PeakDetectorKind.DEPTHWISE))) {
            float[] input = estimator.preprocess(ImageDecoder.decode(SharedData.image("ski.jpg")));
            ScopeTable table = ScopeTable.of(OpTrace.record(estimator, input, 0, 1), Map.of());
            assertTotalsAreSelfPlusChildren(table);
            assertConvRowsHaveBytes(table, 50);
            assertTrue(table.row("MobilenetV2").isPresent() && table.row("Openpose").isPresent());

            HeapFootprint heap = HeapFootprint.measure(estimator, input);
            Map<String, HeapFootprint.Entry> entries = heap.entries().stream()
                    .collect(Collectors.toMap(e -> e.object().split(" ")[0], e -> e, (a, b) -> a));
            assertTrue(entries.get("heatmaps").retainedBytes() >= 184 * 216 * 19 * 4L, entries.toString());
            assertTrue(entries.get("pafs").retainedBytes() >= 184 * 216 * 38 * 4L, entries.toString());
            assertTrue(entries.get("humans").retainedBytes() > 0, entries.toString());
            assertTrue(entries.get("PeakList").retainedBytes() > 0, entries.toString());
            String text = new TraceReport(model.source(), estimator.options(), "none", 0, table, heap)
                    .text(1, 0);
            assertTrue(text.matches("(?s).*\\ndetect +heatmaps \\[184, 216, 19\\] +3\\.02MB +-- +upsample_heatmat +3\\.02MB\\n.*"),
                    text);
        }
    }

    private static void assertConvRowsHaveBytes(ScopeTable table, int atLeast) {
        List<ScopeTable.Row> convs = table.rows().stream().filter(r -> r.opType().contains("Conv")).toList();
        assertTrue(convs.size() >= atLeast, "conv rows: " + convs.size());
        for (ScopeTable.Row conv : convs) {
            assertTrue(conv.self().bytes() > 0, conv.name() + " (" + conv.opType() + ") requested no bytes");
        }
    }

    /** Every row's total is its self plus its children's totals, for bytes and all three times. */
    static void assertTotalsAreSelfPlusChildren(ScopeTable table) {
        List<ScopeTable.Row> rows = table.rows();
        for (int i = 0; i < rows.size(); i++) {
            ScopeTable.Row row = rows.get(i);
            List<ScopeTable.Row> children = new ArrayList<>();
            for (int j = i + 1; j < rows.size() && rows.get(j).depth() > row.depth(); j++) {
                if (rows.get(j).depth() == row.depth() + 1) {
                    children.add(rows.get(j));
                }
            }
            double[] sum = {row.self().bytes(), row.self().execMicros(), row.self().acceleratorMicros(), row.self().cpuMicros()};
            for (ScopeTable.Row c : children) {
                sum[0] += c.total().bytes();
                sum[1] += c.total().execMicros();
                sum[2] += c.total().acceleratorMicros();
                sum[3] += c.total().cpuMicros();
            }
            assertEquals(sum[0], row.total().bytes(), 1e-6 * Math.max(1, sum[0]), row.name() + " bytes");
            assertEquals(sum[1], row.total().execMicros(), 1e-6 * Math.max(1, sum[1]), row.name() + " exec");
            assertEquals(sum[2], row.total().acceleratorMicros(), 1e-6, row.name() + " accelerator");
            assertEquals(sum[3], row.total().cpuMicros(), 1e-6 * Math.max(1, sum[3]), row.name() + " cpu");
            assertFalse(row.name().isEmpty());
        }
    }
}
