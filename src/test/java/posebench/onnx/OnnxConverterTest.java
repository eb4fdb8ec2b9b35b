package posebench.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import posebench.model.PoseModel;

/**
 * Each op the converter handles, in a tiny graph of random weights, run by TensorFlow and by ONNX
 * Runtime on the same random input and compared. Input sizes are odd where TF's SAME padding
 * then pads more at the end than at the start, and batches of two where batch statistics apply.
 */
class OnnxConverterTest {

    private static final long[] ODD = {2, 13, 11, 4};
    private static final long[] EVEN = {1, 12, 16, 4};

    /** A graph from the {@code image} placeholder to the op under test, which is named {@code out}. */
    interface Case extends BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> {
    }

    static Stream<Arguments> ops() {
        return Stream.of(
                op("Conv2D SAME stride 1", ODD, (tf, x) -> tf.withName("out").nn.conv2d(x, weights(tf, 3, 3, 4, 6),
                        strides(1), "SAME")),
                op("Conv2D SAME stride 2, odd input: one more pad at the end", ODD, (tf, x) ->
                        tf.withName("out").nn.conv2d(x, weights(tf, 3, 3, 4, 6), strides(2), "SAME")),
                op("Conv2D SAME 2x2 stride 2, even input", EVEN, (tf, x) ->
                        tf.withName("out").nn.conv2d(x, weights(tf, 2, 2, 4, 5), strides(2), "SAME")),
                op("Conv2D VALID stride 2", ODD, (tf, x) ->
                        tf.withName("out").nn.conv2d(x, weights(tf, 3, 3, 4, 6), strides(2), "VALID")),
                op("Conv2D SAME dilation 2", ODD, (tf, x) -> tf.withName("out").nn.conv2d(x, weights(tf, 3, 3, 4, 3),
                        strides(1), "SAME", org.tensorflow.op.nn.Conv2d.dilations(List.of(1L, 2L, 2L, 1L)))),
                op("DepthwiseConv2dNative SAME stride 2, multiplier 2", ODD, (tf, x) ->
                        tf.withName("out").nn.depthwiseConv2dNative(x, weights(tf, 3, 3, 4, 2), strides(2), "SAME")),
                op("DepthwiseConv2dNative VALID stride 1", EVEN, (tf, x) ->
                        tf.withName("out").nn.depthwiseConv2dNative(x, weights(tf, 5, 5, 4, 1), strides(1), "VALID")),
                op("FusedBatchNorm inference", ODD, (tf, x) -> batchNorm(tf, x, "FusedBatchNorm", false)),
                op("FusedBatchNorm training: batch statistics over N, H, W", ODD, (tf, x) ->
                        batchNorm(tf, x, "FusedBatchNorm", true)),
                op("FusedBatchNormV3 training", ODD, (tf, x) -> tf.withName("out").nn.fusedBatchNorm(x,
                        vector(tf, 4, 1), vector(tf, 4, 2), tf.constant(new float[0]), tf.constant(new float[0]),
                        FusedBatchNorm.isTraining(true), FusedBatchNorm.epsilon(0.001f)).y()),
                op("BiasAdd", ODD, (tf, x) -> tf.withName("out").nn.biasAdd(x, vector(tf, 4, 3))),
                op("Add of two tensors", ODD, (tf, x) -> tf.withName("out").math.add(tf.nn.relu(x), x)),
                op("AddV2 of a tensor and a channel vector", ODD, (tf, x) ->
                        tf.withName("out").math.add(x, vector(tf, 4, 4))),
                op("Sub and Div by scalars", ODD, (tf, x) ->
                        tf.withName("out").math.div(tf.math.sub(x, tf.constant(0.5f)), tf.constant(3f))),
                op("Mul by a scalar", ODD, (tf, x) -> tf.withName("out").math.mul(x, tf.constant(-2f))),
                op("Relu", ODD, (tf, x) -> tf.withName("out").nn.relu(x)),
                op("Relu6", ODD, (tf, x) -> tf.withName("out").nn.relu6(tf.math.mul(x, tf.constant(8f)))),
                op("Identity", ODD, (tf, x) -> tf.withName("out").identity(tf.nn.relu(tf.identity(x)))),
                op("ConcatV2 on channels", ODD, (tf, x) -> tf.withName("out").concat(List.of(x, tf.nn.relu(x)),
                        tf.constant(3))),
                op("ConcatV2 on axis -1", ODD, (tf, x) -> tf.withName("out").concat(List.of(tf.nn.relu(x), x, x),
                        tf.constant(-1))),
                op("ConcatV2 on height", ODD, (tf, x) -> tf.withName("out").concat(List.of(x, tf.nn.relu(x)),
                        tf.constant(1))),
                op("MaxPool 2x2 SAME stride 2, odd input", ODD, (tf, x) -> maxPool(tf, x, 2, 2, "SAME")),
                op("MaxPool 2x2 VALID stride 2", ODD, (tf, x) -> maxPool(tf, x, 2, 2, "VALID")),
                op("MaxPool 3x3 SAME stride 1", ODD, (tf, x) -> maxPool(tf, x, 3, 1, "SAME")),
                op("AvgPool 3x3 SAME stride 2: padding not averaged", ODD, (tf, x) -> tf.withName("out").nn.avgPool(x,
                        List.of(1L, 3L, 3L, 1L), List.of(1L, 2L, 2L, 1L), "SAME")),
                op("AvgPool 8x8 VALID stride 8", ODD, (tf, x) -> tf.withName("out").nn.avgPool(x,
                        List.of(1L, 8L, 8L, 1L), List.of(1L, 8L, 8L, 1L), "VALID")),
                op("MaxPoolV2 3x3 SAME stride 2", ODD, (tf, x) -> tf.withName("out").nn.maxPool(x,
                        tf.constant(new int[] {1, 3, 3, 1}), tf.constant(new int[] {1, 2, 2, 1}), "SAME")),
                op("ResizeBilinear to a Shape/StridedSlice size", ODD, (tf, x) -> resize(tf, x, false, false)),
                op("ResizeBilinear align_corners", ODD, (tf, x) -> resize(tf, x, true, false)),
                op("ResizeBilinear half_pixel_centers", ODD, (tf, x) -> resize(tf, x, false, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void convertedOpComputesWhatTensorFlowComputes(String name, long[] inputShape, Case body) {
        GraphDef graph = graph(inputShape[3], body);
        PoseModel model = new PoseModel(graph, name, "image", "out");
        float[] input = random(inputShape, 7);
        Output tf = runTensorFlow(graph, input, inputShape);
        Output ort = runOrt(OnnxConverter.convert(model, (int) inputShape[1], (int) inputShape[2]), input, inputShape);
        assertArrayEquals(tf.shape(), ort.shape(), "output shape");
        assertClose(tf.data(), ort.data(), 1e-5f);
    }

    @Test
    void theModelTransposesOnceInAndOnceOut() {
        OnnxModel onnx = OnnxConverter.convert(new PoseModel(graph(4, (tf, x) -> tf.withName("out").nn.relu(
                tf.nn.conv2d(tf.nn.relu(x), weights(tf, 3, 3, 4, 4), strides(2), "SAME"))), "t", "image", "out"), 13, 11);
        assertEquals(2, onnx.opCounts().get("Transpose"));
        assertEquals(1, onnx.opCounts().get("Conv"));
        assertEquals(2, onnx.opCounts().get("Relu"));
    }

    @Test
    void anOpWithoutARuleIsAnErrorNamingTheNodeAndTheOp() {
        GraphDef graph = graph(4, (tf, x) -> tf.withName("out").math.add(tf.withName("squash").math.tanh(x), x));
        UnconvertibleNodeException e = assertThrows(UnconvertibleNodeException.class,
                () -> OnnxConverter.convert(new PoseModel(graph, "tanh.pb", "image", "out"), 8, 8));
        assertEquals("squash", e.node());
        assertEquals("Tanh", e.opType());
        assertTrue(e.getMessage().startsWith("tanh.pb: node 'squash' (op Tanh) cannot be converted"), e.getMessage());
    }

    @Test
    void anotherPlaceholderIsAnError() {
        GraphDef graph = graph(4, (tf, x) -> tf.withName("out").math.add(x,
                tf.withName("second").placeholder(TFloat32.class)));
        UnconvertibleNodeException e = assertThrows(UnconvertibleNodeException.class,
                () -> OnnxConverter.convert(new PoseModel(graph, "two.pb", "image", "out"), 8, 8));
        assertEquals("second", e.node());
    }

    @Test
    void aResizeToARunTimeSizeIsAnError() {
        // The batch size is only known at run time, so a size sliced from it cannot be folded.
        GraphDef graph = graph(4, (tf, x) -> tf.withName("out").image.resizeBilinear(x,
                tf.withName("sizes").stridedSlice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {2}),
                        tf.constant(new int[] {1}))));
        UnconvertibleNodeException e = assertThrows(UnconvertibleNodeException.class,
                () -> OnnxConverter.convert(new PoseModel(graph, "dyn.pb", "image", "out"), 8, 8));
        assertEquals("sizes", e.node());
        assertTrue(e.getMessage().contains("known only at run time"), e.getMessage());
    }

    @Test
    void writesAModelOrtLoads(@TempDir Path dir) throws Exception {
        OnnxModel onnx = OnnxConverter.convert(new PoseModel(graph(4, (tf, x) -> tf.withName("out").nn.relu(x)),
                "t", "image", "out"), 5, 5);
        Path file = dir.resolve("relu.onnx");
        onnx.write(file);
        assertArrayEquals(onnx.toByteArray(), Files.readAllBytes(file));
        // The environment is ORT's process-wide singleton: it is not closed.
        try (var session = ai.onnxruntime.OrtEnvironment.getEnvironment().createSession(file.toString())) {
            assertEquals(List.of("image"), List.copyOf(session.getInputNames()));
            assertEquals(List.of("out"), List.copyOf(session.getOutputNames()));
        }
    }

    private static Arguments op(String name, long[] shape, Case body) {
        return Arguments.of(name, shape, body);
    }

    static GraphDef graph(long channels, Case body) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, channels)));
            body.apply(tf, image);
            return graph.toGraphDef();
        }
    }

    private static Operand<TFloat32> batchNorm(Ops tf, Operand<TFloat32> x, String type, boolean training) {
        Graph graph = (Graph) tf.scope().env();
        float[] variance = random(new long[] {4}, 5);
        for (int i = 0; i < variance.length; i++) {
            variance[i] = 0.5f + Math.abs(variance[i]);
        }
        return graph.opBuilder(type, "out", tf.scope())
                .addInput(x.asOutput())
                .addInput(vector(tf, 4, 1).asOutput())
                .addInput(vector(tf, 4, 2).asOutput())
                .addInput((training ? tf.constant(new float[0]) : vector(tf, 4, 3)).asOutput())
                .addInput((training ? tf.constant(new float[0]) : tf.constant(variance)).asOutput())
                .setAttr("epsilon", 0.001f)
                .setAttr("data_format", "NHWC")
                .setAttr("is_training", training)
                .build()
                .output(0);
    }

    /** {@code MaxPool}, the type frozen tf-pose graphs hold, with the window and strides as attributes. */
    private static Operand<TFloat32> maxPool(Ops tf, Operand<TFloat32> x, long window, long stride, String padding) {
        return ((Graph) tf.scope().env()).opBuilder("MaxPool", "out", tf.scope())
                .addInput(x.asOutput())
                .setAttr("ksize", new long[] {1, window, window, 1})
                .setAttr("strides", new long[] {1, stride, stride, 1})
                .setAttr("padding", padding)
                .build()
                .output(0);
    }

    /** As tf-pose's mobilenet_v2 graphs: a stride-2 branch resized back to the size of the input's Shape. */
    private static Operand<TFloat32> resize(Ops tf, Operand<TFloat32> x, boolean alignCorners, boolean halfPixel) {
        Operand<TFloat32> coarse = tf.nn.conv2d(x, weights(tf, 3, 3, 4, 4), strides(2), "SAME");
        Operand<TInt32> size = tf.stridedSlice(tf.shape(x), tf.constant(new int[] {1}), tf.constant(new int[] {3}),
                tf.constant(new int[] {1}));
        return tf.withName("out").image.resizeBilinear(coarse, size, ResizeBilinear.alignCorners(alignCorners),
                ResizeBilinear.halfPixelCenters(halfPixel));
    }

    private static List<Long> strides(long stride) {
        return List.of(1L, stride, stride, 1L);
    }

    private static Operand<TFloat32> weights(Ops tf, int h, int w, int in, int out) {
        long[] shape = {h, w, in, out};
        return tf.constant(Shape.of(shape), DataBuffers.of(random(shape, h * 1000 + in * 10 + out), true, false));
    }

    private static Operand<TFloat32> vector(Ops tf, int size, int seed) {
        return tf.constant(random(new long[] {size}, seed));
    }

    static float[] random(long[] shape, long seed) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        Random random = new Random(seed);
        float[] values = new float[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    record Output(long[] shape, float[] data) {
    }

    static Output runTensorFlow(GraphDef graphDef, float[] input, long[] shape) {
        return runTensorFlow(graphDef, "out", input, shape);
    }

    static Output runTensorFlow(GraphDef graphDef, String output, float[] input, long[] shape) {
        try (Graph graph = new Graph()) {
            graph.importGraphDef(graphDef);
            try (Session session = new Session(graph);
                 TFloat32 in = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(input, true, false));
                 Result result = session.runner().feed("image", in).fetch(output).run()) {
                TFloat32 out = (TFloat32) result.get(0);
                float[] data = new float[(int) out.shape().size()];
                out.copyTo(DataBuffers.of(data, false, false));
                return new Output(out.shape().asArray(), data);
            }
        }
    }

    static Output runOrt(OnnxModel model, float[] input, long[] shape) {
        try (OrtNetwork network = new OrtNetwork(model, OrtSettings.DEFAULTS)) {
            OrtNetwork.Output out = network.run(input, (int) shape[0]);
            return new Output(out.shape(), out.data());
        }
    }

    /** Every element within {@code tolerance} times the larger of 1 and the output's largest magnitude. */
    static float assertClose(float[] expected, float[] actual, float tolerance) {
        assertEquals(expected.length, actual.length, "element count");
        float scale = 1;
        float worst = 0;
        int at = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            float d = Math.abs(expected[i] - actual[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        float worstAt = worst;
        int index = at;
        float bound = tolerance * scale;
        assertTrue(worst <= bound, () -> "max |ORT - TF| = " + worstAt + " at element " + index + " (TF "
                + expected[index] + ", ORT " + actual[index] + "), more than " + bound);
        return worst;
    }
}
