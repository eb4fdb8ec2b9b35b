package posebench.flops;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;

import posebench.model.PoseModel;

/**
 * Counts the multiply-adds and parameters of a frozen graph at one input size, op by op, from
 * the static shapes TensorFlow infers when the graph is imported with that input shape.
 *
 * <p>Counted: convolutions ({@code Conv2D}, {@code _FusedConv2D}: output elements x kernel
 * height x width x input channels), depthwise convolutions (output elements x kernel height x
 * width), matrix products ({@code MatMul}, {@code _FusedMatMul}, {@code BatchMatMul*}), pooling
 * (one comparison or sum per window element) and resizing (bilinear 4 and bicubic 16 multiply-adds
 * per output element, area the input pixels one output averages, nearest neighbour none).
 * Element-wise ops (bias, batch norm, activations, additions) are memory-bound and fused by
 * grappler into the op they follow, so they add no multiply-adds; their parameters count towards
 * that op. Parameters are the elements of the float constants of rank one or more.
 */
public final class FlopCounter {

    private static final Set<String> CONVOLUTIONS = Set.of("Conv2D", "_FusedConv2D");
    private static final Set<String> DEPTHWISE = Set.of("DepthwiseConv2dNative", "_FusedDepthwiseConv2dNative");
    private static final Set<String> MATMULS = Set.of("MatMul", "_FusedMatMul");
    private static final Set<String> BATCH_MATMULS = Set.of("BatchMatMul", "BatchMatMulV2", "BatchMatMulV3");
    private static final Set<String> POOLS = Set.of("MaxPool", "AvgPool");
    private static final Map<String, Integer> RESIZE_TAPS = Map.of(
            "ResizeBilinear", 4, "ResizeBicubic", 16, "ResizeNearestNeighbor", 0);
    private static final Set<DataType> FLOAT_TYPES = Set.of(
            DataType.DT_FLOAT, DataType.DT_HALF, DataType.DT_BFLOAT16, DataType.DT_DOUBLE);

    private FlopCounter() {
    }

    /** The cost of a tf-pose graph, whose input is {@value PoseModel#DEFAULT_INPUT}, at {@code height x width}. */
    public static ModelCost count(GraphDef graph, int height, int width) {
        return count(graph, PoseModel.DEFAULT_INPUT, height, width);
    }

    /**
     * The cost of {@code graph} for a {@code [1, height, width, channels]} input fed to
     * placeholder {@code input}.
     *
     * @throws IllegalArgumentException if the input is missing or cannot take that size, or the
     *     graph does not import (for instance, an op type no loaded library defines)
     * @throws IllegalStateException if TensorFlow cannot infer the output shape of a counted op
     */
    public static ModelCost count(GraphDef graph, String input, int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
        }
        Set<String> weights = new HashSet<>();
        GraphDef shaped = forShapeInference(graph, input, height, width, weights);
        try (Graph imported = new Graph()) {
            imported.importGraphDef(shaped);
            return new ModelCost(height, width, layers(shaped, imported, weights, height, width));
        }
    }

    /**
     * A copy of {@code graph} with the input shape fixed and every float constant of rank one or
     * more replaced by a placeholder of its shape, whose name goes to {@code weights}: shape
     * inference needs only the shapes, and importing 200 MB of weights would take seconds.
     */
    private static GraphDef forShapeInference(GraphDef graph, String input, int height, int width,
            Set<String> weights) {
        GraphDef.Builder shaped = graph.toBuilder();
        boolean inputFound = false;
        for (NodeDef.Builder node : shaped.getNodeBuilderList()) {
            if (node.getName().equals(input)) {
                fixInputShape(node, height, width);
                inputFound = true;
            } else if (node.getOp().equals("Const") && isFloatTensor(node)) {
                TensorShapeProto shape = node.getAttrOrThrow("value").getTensor().getTensorShape();
                DataType type = node.getAttrOrThrow("dtype").getType();
                weights.add(node.getName());
                node.setOp("Placeholder")
                        .clearAttr()
                        .putAttr("dtype", AttrValue.newBuilder().setType(type).build())
                        .putAttr("shape", AttrValue.newBuilder().setShape(shape).build());
            }
        }
        if (!inputFound) {
            throw new IllegalArgumentException("the graph has no input node '" + input + "'");
        }
        return shaped.build();
    }

    private static boolean isFloatTensor(NodeDef.Builder node) {
        AttrValue value = node.getAttrOrDefault("value", null);
        return value != null && FLOAT_TYPES.contains(value.getTensor().getDtype())
                && value.getTensor().getTensorShape().getDimCount() > 0;
    }

    private static void fixInputShape(NodeDef.Builder node, int height, int width) {
        if (!node.getOp().equals("Placeholder")) {
            throw new IllegalArgumentException(
                    "input '" + node.getName() + "' is a " + node.getOp() + ", not a Placeholder");
        }
        TensorShapeProto declared = node.getAttrOrDefault("shape", AttrValue.getDefaultInstance()).getShape();
        long channels = declared.getDimCount() == 4 ? declared.getDim(3).getSize() : -1;
        long[] wanted = {1, height, width, channels > 0 ? channels : 3};
        if (declared.getDimCount() == 4) {
            for (int i = 0; i < 4; i++) {
                long size = declared.getDim(i).getSize();
                if (size > 0 && size != wanted[i]) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "input '%s' has fixed shape %s, which cannot take a %dx%d image",
                            node.getName(), dims(declared), width, height));
                }
            }
        }
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long size : wanted) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(size));
        }
        node.putAttr("shape", AttrValue.newBuilder().setShape(shape).build());
    }

    private static List<LayerCost> layers(GraphDef graph, Graph imported, Set<String> weights, int height,
            int width) {
        Map<String, LayerCost> rows = new LinkedHashMap<>();
        // The row each node's parameters go to: its own, or that of the op it follows.
        Map<String, String> owners = new HashMap<>();
        Set<String> counted = new HashSet<>();
        for (NodeDef node : graph.getNodeList()) {
            GraphOperation op = imported.operation(node.getName());
            long[] cost = cost(node, op, height, width);
            String owner = null;
            if (cost != null) {
                rows.put(node.getName(), row(op, cost[0], cost[1]));
                owner = node.getName();
            } else if (op.numInputs() > 0) {
                owner = owners.get(op.input(0).op().name());
            }
            if (!op.type().equals("Identity")) {
                for (int i = 0; i < op.numInputs(); i++) {
                    Operation source = throughIdentities(op.input(i).op());
                    if (weights.contains(source.name()) && counted.add(source.name())) {
                        if (owner == null) {
                            owner = node.getName();
                            rows.put(owner, row(op, 0, 0));
                        }
                        rows.compute(owner, (name, row) -> row.withParameters(source.output(0).shape().size()));
                    }
                }
            }
            if (owner != null) {
                owners.put(node.getName(), owner);
            }
        }
        return List.copyOf(rows.values());
    }

    /** {multiply-adds, other ops} of a counted op, or null for an op that is not counted. */
    private static long[] cost(NodeDef node, GraphOperation op, int height, int width) {
        String type = op.type();
        boolean resize = RESIZE_TAPS.containsKey(type) || type.equals("ResizeArea");
        if (!CONVOLUTIONS.contains(type) && !DEPTHWISE.contains(type) && !MATMULS.contains(type)
                && !BATCH_MATMULS.contains(type) && !POOLS.contains(type) && !resize) {
            return null;
        }
        long outputs = staticSize(op.output(0).shape(), node, height, width);
        if (CONVOLUTIONS.contains(type)) {
            Shape filter = op.input(1).shape();
            return new long[] {outputs * filter.get(0) * filter.get(1) * filter.get(2), 0};
        }
        if (DEPTHWISE.contains(type)) {
            Shape filter = op.input(1).shape();
            return new long[] {outputs * filter.get(0) * filter.get(1), 0};
        }
        if (MATMULS.contains(type)) {
            Shape a = op.input(0).shape();
            return new long[] {outputs * a.get(flag(node, "transpose_a") ? 0 : 1), 0};
        }
        if (BATCH_MATMULS.contains(type)) {
            Shape x = op.input(0).shape();
            int rank = x.numDimensions();
            return new long[] {outputs * x.get(flag(node, "adj_x") ? rank - 2 : rank - 1), 0};
        }
        if (POOLS.contains(type)) {
            long window = node.getAttrOrThrow("ksize").getList().getIList().stream().reduce(1L, Math::multiplyExact);
            return new long[] {0, outputs * window};
        }
        return new long[] {outputs * resizeTaps(type, op), 0};
    }

    private static long resizeTaps(String type, GraphOperation op) {
        if (!type.equals("ResizeArea")) {
            return RESIZE_TAPS.get(type);
        }
        Shape in = op.input(0).shape();
        Shape out = op.output(0).shape();
        long rows = Math.max(1, -Math.floorDiv(-in.get(1), out.get(1)));
        long columns = Math.max(1, -Math.floorDiv(-in.get(2), out.get(2)));
        return rows * columns;
    }

    private static boolean flag(NodeDef node, String attr) {
        return node.getAttrOrDefault(attr, AttrValue.getDefaultInstance()).getB();
    }

    private static long staticSize(Shape shape, NodeDef node, int height, int width) {
        if (shape.isUnknown() || shape.hasUnknownDimension()) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "cannot count node '%s' (%s): TensorFlow infers no static output shape at %dx%d (got %s)",
                    node.getName(), node.getOp(), width, height, shape));
        }
        return LongStream.of(shape.asArray()).reduce(1, Math::multiplyExact);
    }

    private static LayerCost row(GraphOperation op, long multiplyAdds, long otherOps) {
        Shape shape = op.numOutputs() > 0 ? op.output(0).shape() : Shape.scalar();
        return new LayerCost(op.name(), op.type(), LongStream.of(shape.asArray()).boxed().toList(), multiplyAdds,
                otherOps, 0);
    }

    private static Operation throughIdentities(Operation op) {
        Operation source = op;
        while (source.type().equals("Identity") && source instanceof GraphOperation graphOp
                && graphOp.numInputs() == 1) {
            source = graphOp.input(0).op();
        }
        return source;
    }

    private static String dims(TensorShapeProto shape) {
        return shape.getDimList().stream().map(d -> Long.toString(d.getSize())).toList().toString();
    }
}
