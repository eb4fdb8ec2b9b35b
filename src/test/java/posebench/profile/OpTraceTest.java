package posebench.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.AllocatorMemoryUsed;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.MemoryStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.StepStats;

class OpTraceTest {

    private static final String CPU = "/job:localhost/replica:0/task:0/device:CPU:0";
    private static final String GPU = "/job:localhost/replica:0/task:0/device:GPU:0";

    static NodeExecStats node(String name, String label, long endNanos, long totalBytes) {
        NodeExecStats.Builder b = NodeExecStats.newBuilder().setNodeName(name).setTimelineLabel(label)
                .setAllEndRelNanos(endNanos).setAllEndRelMicros(endNanos / 1000);
        if (totalBytes > 0) {
            b.addMemory(AllocatorMemoryUsed.newBuilder().setAllocatorName("mklcpu").setTotalBytes(totalBytes));
        }
        return b.build();
    }

    /** Step stats with the devices in the map's iteration order. */
    static RunMetadata run(Map<String, List<NodeExecStats>> devices) {
        StepStats.Builder steps = StepStats.newBuilder();
        devices.forEach((device, nodes) -> steps.addDevStats(DeviceStepStats.newBuilder().setDevice(device).addAllNodeStats(nodes)));
        return RunMetadata.newBuilder().setStepStats(steps).build();
    }

    private static Map<String, OpTrace.Step> byName(List<OpTrace.Step> steps) {
        return steps.stream().collect(Collectors.toMap(OpTrace.Step::name, Function.identity()));
    }

    @Test
    void cpuNodesKeepTheirTypeBytesAndTime() {
        NodeExecStats constant = NodeExecStats.newBuilder().setNodeName("smoothing/gauss_weight")
                .setTimelineLabel("smoothing/gauss_weight = Const()").setAllEndRelMicros(18)
                .setMemoryStats(MemoryStats.newBuilder().setPersistentMemorySize(47500)).build();
        RunMetadata run = run(Map.of(CPU, List.of(
                node("_SOURCE", "_SOURCE = NoOp()", 500_000, 0),
                node("smoothing/depthwise", "[mklcpu 2.9MB 2.9MB] smoothing/depthwise = "
                        + "_MklNativeDepthwiseConv2dNative(upsample_heatmat, smoothing/gauss_weight)", 43_050_000, 2_850_000),
                node("Openpose/MConv_Stage1_L1_1_pointwise/Relu:0", "[mklcpu 0.6MB 0.6MB] Openpose/MConv_Stage1_L1_1_pointwise/Relu"
                        + " = _MklNativeFusedConv2D(a, b, c)", 300_000, 648_496),
                constant)));
        Map<String, OpTrace.Step> steps = byName(OpTrace.steps(run));

        assertEquals(3, steps.size(), "the executor's _SOURCE is dropped: " + steps.keySet());
        OpTrace.Step depthwise = steps.get("smoothing/depthwise");
        assertEquals("_MklNativeDepthwiseConv2dNative", depthwise.opType());
        assertEquals(2_850_000, depthwise.bytes());
        assertEquals(43_050_000, depthwise.cpuNanos());
        assertEquals(0, depthwise.acceleratorNanos());
        assertEquals(43_050_000, depthwise.execNanos());
        OpTrace.Step fused = steps.get("Openpose/MConv_Stage1_L1_1_pointwise/Relu");
        assertEquals("_MklNativeFusedConv2D", fused.opType(), "the fused kernel under its last node's name, ':0' cut");
        OpTrace.Step weight = steps.get("smoothing/gauss_weight");
        assertEquals(47_500, weight.bytes(), "persistent bytes count, as in tfprof");
        assertEquals(18_000, weight.cpuNanos(), "micros where the nanos are not set");
    }

    @Test
    void gpuNodesCountStreamAllAsAcceleratorAndSkipSingleStreams() {
        Map<String, List<NodeExecStats>> devices = new LinkedHashMap<>();
        devices.put(GPU + "/stream:7", List.of(node("conv", "conv = Conv2D(a, b)", 900_000, 1000)));
        devices.put(GPU + "/memcpy:0", List.of(node("conv", "conv = Conv2D(a, b)", 5_000, 1000)));
        devices.put(GPU + "/stream:all", List.of(node("conv", "conv = Conv2D(a, b)", 900_000, 1000)));
        devices.put(GPU, List.of(node("conv", "conv = Conv2D(a, b)", 40_000, 1000)));
        devices.put(CPU, List.of(node("loop/body", "loop/body = Add(a, b)", 10_000, 64),
                node("loop/body", "loop/body = Add(a, b)", 15_000, 64)));
        RunMetadata run = run(devices);
        Map<String, OpTrace.Step> steps = byName(OpTrace.steps(run));

        OpTrace.Step conv = steps.get("conv");
        assertEquals(900_000, conv.acceleratorNanos());
        assertEquals(40_000, conv.cpuNanos(), "host-side launch on the plain GPU device");
        assertEquals(940_000, conv.execNanos());
        assertEquals(1000, conv.bytes(), "memory from the plain device only");
        OpTrace.Step body = steps.get("loop/body");
        assertEquals(25_000, body.cpuNanos(), "a node run twice in one step adds up");
        assertEquals(128, body.bytes());
    }

    @Test
    void runsAggregateWithMissingNodesAsZero() {
        RunMetadata first = run(Map.of(CPU, List.of(node("a", "a = Relu(x)", 1000, 8), node("b", "b = Relu(a)", 3000, 8))));
        RunMetadata second = run(Map.of(CPU, List.of(node("a", "a = Relu(x)", 3000, 8))));
        OpTrace trace = OpTrace.of(List.of(first, second));

        assertEquals(2, trace.runs());
        OpTrace.Node a = trace.nodes().get(0);
        assertArrayEquals(new long[] {1000, 3000}, a.execNanos());
        assertEquals(new Spread(2000, Math.sqrt(2_000_000), 1000, 3000), a.exec());
        OpTrace.Node b = trace.nodes().get(1);
        assertArrayEquals(new long[] {3000, 0}, b.execNanos());
        assertEquals(4, b.meanBytes());

        OpTrace both = trace.plus(OpTrace.of(List.of(first)));
        assertEquals(3, both.runs());
        assertArrayEquals(new long[] {3000, 0, 3000}, both.nodes().get(1).execNanos());
        assertFalse(both.nodes().get(1).devices().isEmpty());
    }

    @Test
    void opTypeFromTimelineLabel() {
        assertEquals("ResizeArea", OpTrace.opType("[mklcpu 2.9MB 2.9MB] upsample_heatmat = ResizeArea(split/Slice, Const_4)"));
        assertEquals("NoOp", OpTrace.opType("_SOURCE = NoOp()"));
        assertEquals("", OpTrace.opType(""));
    }
}
