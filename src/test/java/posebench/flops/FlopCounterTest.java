package posebench.flops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

import posebench.SharedData;
import posebench.zoo.ModelZoo;

class FlopCounterTest {

    /** A convolution of the CMU network as design.md lists it; {@code scale} divides the input size. */
    record Conv(String name, int kernel, int in, int out, int scale) {
    }

    /** design.md's CMU layer list, written out independently of the generator. */
    private static List<Conv> cmuLayers() {
        List<Conv> layers = new ArrayList<>(List.of(
                new Conv("conv1_1", 3, 3, 64, 1), new Conv("conv1_2", 3, 64, 64, 1),
                new Conv("conv2_1", 3, 64, 128, 2), new Conv("conv2_2", 3, 128, 128, 2),
                new Conv("conv3_1", 3, 128, 256, 4), new Conv("conv3_2", 3, 256, 256, 4),
                new Conv("conv3_3", 3, 256, 256, 4), new Conv("conv3_4", 3, 256, 256, 4),
                new Conv("conv4_1", 3, 256, 512, 8), new Conv("conv4_2", 3, 512, 512, 8),
                new Conv("conv4_3_CPM", 3, 512, 256, 8), new Conv("conv4_4_CPM", 3, 256, 128, 8)));
        Map<String, Integer> branches = Map.of("L1", 38, "L2", 19);
        for (var branch : branches.entrySet()) {
            String b = branch.getKey();
            layers.add(new Conv("conv5_1_CPM_" + b, 3, 128, 128, 8));
            layers.add(new Conv("conv5_2_CPM_" + b, 3, 128, 128, 8));
            layers.add(new Conv("conv5_3_CPM_" + b, 3, 128, 128, 8));
            layers.add(new Conv("conv5_4_CPM_" + b, 1, 128, 512, 8));
            layers.add(new Conv("conv5_5_CPM_" + b, 1, 512, branch.getValue(), 8));
            for (int stage = 2; stage <= 6; stage++) {
                String suffix = "_stage" + stage + "_" + b;
                layers.add(new Conv("Mconv1" + suffix, 7, 38 + 19 + 128, 128, 8));
                for (int i = 2; i <= 5; i++) {
                    layers.add(new Conv("Mconv" + i + suffix, 7, 128, 128, 8));
                }
                layers.add(new Conv("Mconv6" + suffix, 1, 128, 128, 8));
                layers.add(new Conv("Mconv7" + suffix, 1, 128, branch.getValue(), 8));
            }
        }
        return layers;
    }

    @Test
    void cmuAt432x368MatchesTheHandComputedLayerList() {
        int width = 432;
        int height = 368;
        ModelCost cost = FlopCounter.count(ModelZoo.generate(ModelZoo.CMU), height, width);
        Map<String, LayerCost> rows = cost.layers().stream()
                .collect(Collectors.toMap(LayerCost::name, Function.identity()));
        long multiplyAdds = 0;
        long parameters = 0;
        for (Conv conv : cmuLayers()) {
            long outputs = (long) (height / conv.scale()) * (width / conv.scale()) * conv.out();
            long macs = outputs * conv.kernel() * conv.kernel() * conv.in();
            long params = (long) conv.kernel() * conv.kernel() * conv.in() * conv.out() + conv.out();
            LayerCost row = rows.get(conv.name() + "/Conv2D");
            assertEquals(macs, row.multiplyAdds(), conv.name());
            assertEquals(params, row.parameters(), conv.name() + " weights and biases");
            multiplyAdds += macs;
            parameters += params;
        }
        assertEquals(92, cmuLayers().size());
        assertEquals(multiplyAdds, cost.multiplyAdds());
        assertEquals(parameters, cost.parameters());
        assertEquals(159_574_703_616L, cost.multiplyAdds(), "about 150 G, as design.md says");
        // Three 2x2 max-pools: one comparison per window element.
        long poolOps = 4L * (184 * 216 * 64 + 92 * 108 * 128 + 46 * 54 * 256);
        assertEquals(2 * multiplyAdds + poolOps, cost.flops());
    }

    @Test
    void countsDepthwisePoolingResizeAndMatMulByTheirFormulas() {
        GraphDef graph = withImageInput((g, tf, image) -> {
            Operand<TFloat32> depthwise = tf.withName("depthwise").nn.depthwiseConv2dNative(image,
                    filled(tf, Shape.of(3, 3, 3, 2)), List.of(1L, 1L, 1L, 1L), "SAME");
            Operand<TFloat32> pooled = tf.withName("pool").nn.avgPool(depthwise, List.of(1L, 2L, 2L, 1L),
                    List.of(1L, 2L, 2L, 1L), "VALID");
            tf.withName("bilinear").image.resizeBilinear(pooled, tf.constant(new int[] {8, 8}));
            tf.withName("area").image.resizeArea(pooled, tf.constant(new int[] {2, 2}));
            Operand<TFloat32> flat = tf.reshape(pooled, tf.constant(new int[] {1, 96}));
            Operand<TFloat32> product = tf.withName("matmul").linalg.matMul(flat, filled(tf, Shape.of(96, 5)));
            tf.withName("bias").nn.biasAdd(product, filled(tf, Shape.of(5)));
        });
        Map<String, LayerCost> rows = FlopCounter.count(graph, 8, 8).layers().stream()
                .collect(Collectors.toMap(LayerCost::name, Function.identity()));
        assertEquals(new LayerCost("depthwise", "DepthwiseConv2dNative", List.of(1L, 8L, 8L, 6L), 8 * 8 * 6 * 9, 0,
                3 * 3 * 3 * 2), rows.get("depthwise"));
        assertEquals(new LayerCost("pool", "AvgPool", List.of(1L, 4L, 4L, 6L), 0, 4 * 4 * 6 * 4, 0), rows.get("pool"));
        assertEquals(8 * 8 * 6 * 4, rows.get("bilinear").multiplyAdds(), "4 taps per output");
        assertEquals(2 * 2 * 6 * 4, rows.get("area").multiplyAdds(), "each output averages 2x2 inputs");
        assertEquals(new LayerCost("matmul", "MatMul", List.of(1L, 5L), 96 * 5, 0, 96 * 5 + 5), rows.get("matmul"),
                "the bias counts towards the product it follows");
        assertEquals(5, rows.size(), "element-wise and shape ops get no rows");
    }

    @Test
    void countsAFusedConvolutionWithItsBiasAsParameters() {
        GraphDef graph = withImageInput((g, tf, image) -> {
            Operand<TFloat32> filter = filled(tf.withName("filter"), Shape.of(3, 3, 3, 8));
            Operand<TFloat32> bias = filled(tf.withName("bias"), Shape.of(8));
            g.opBuilder("_FusedConv2D", "fused", tf.scope())
                    .addInput(image.asOutput())
                    .addInput(filter.asOutput())
                    .addInputList(new Output<?>[] {bias.asOutput()})
                    .addInputList(new Output<?>[0])
                    .setAttr("strides", new long[] {1, 2, 2, 1})
                    .setAttr("padding", "SAME")
                    .setAttr("num_args", 1L)
                    .setAttr("fused_ops", new String[] {"BiasAdd", "Relu"})
                    .build();
        });
        LayerCost fused = FlopCounter.count(graph, 16, 20).layers().get(0);
        assertEquals(new LayerCost("fused", "_FusedConv2D", List.of(1L, 8L, 10L, 8L), 8 * 10 * 8 * 3 * 3 * 3L, 0,
                3 * 3 * 3 * 8 + 8), fused);
    }

    @Test
    void countsARealGraphWhoseUpsamplingSizeIsComputedAtRunTime() throws IOException {
        GraphDef graph = GraphDef.parseFrom(Files.readAllBytes(SharedData.mobilenetV2Small()));
        ModelCost cost = FlopCounter.count(graph, 368, 432);
        LayerCost upsample = cost.layers().stream().filter(l -> l.opType().equals("ResizeBilinear")).findFirst()
                .orElseThrow();
        assertEquals(List.of(1L, 46L, 54L, 48L), upsample.outputShape());
        assertTrue(cost.multiplyAdds() > 500_000_000L && cost.multiplyAdds() < 2_000_000_000L, cost.toString());
    }

    @Test
    void rejectsAMissingInputAndASizeTheInputCannotTake() {
        GraphDef graph;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            tf.withName("fixed").placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 10, 10, 3)));
            graph = g.toGraphDef();
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> FlopCounter.count(graph, 10, 10));
        assertTrue(missing.getMessage().contains("'image'"), missing.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> FlopCounter.count(graph, "fixed", 8, 8));
        assertTrue(size.getMessage().contains("[1, 10, 10, 3]") && size.getMessage().contains("8x8"), size.getMessage());
    }

    /** Ops of a test graph, added after its {@code image} placeholder. */
    interface GraphBody {
        void add(Graph graph, Ops tf, Operand<TFloat32> image);
    }

    private static GraphDef withImageInput(GraphBody body) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            body.add(graph, tf, tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, 3))));
            return graph.toGraphDef();
        }
    }

    private static Operand<TFloat32> filled(Ops tf, Shape shape) {
        float[] values = new float[Math.toIntExact(shape.size())];
        Arrays.fill(values, 0.5f);
        return tf.constant(shape, DataBuffers.of(values, true, false));
    }
}
