package posebench.model;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The largest tensor a model graph may imply from its static shapes, and the check that refuses
 * "resource bombs": a {@code Fill} or {@code Tile} of 10^12 elements, a constant declaring a
 * huge shape with a tiny payload, a huge placeholder, a broadcast or product of two small
 * constants into a huge one.
 *
 * <p>The bound is {@link #MEMORY_FRACTION} of the machine's physical memory (the container's
 * limit where there is one): far above any pose network's tensors (CMU's largest at 1080p is
 * under 600 MB), far below what would swap the machine. The check reads only the GraphDef,
 * before TensorFlow imports it, so nothing is allocated: it propagates the shapes that
 * constants, placeholders and constant shape inputs fix through the ops that make tensors
 * larger (fill, tile, broadcast, reshape, pad, resize, gather, one-hot, matrix products,
 * convolutions, random initialisers), counting each unknown dimension as 1, so the size it
 * finds is the least the tensor can have.
 */
public final class TensorBudget {

    /** The share of physical memory one tensor may take. */
    public static final double MEMORY_FRACTION = 0.25;

    /** Shape inputs longer than this are not read as values: shapes have a handful of dimensions. */
    private static final int MAX_VALUE_ELEMENTS = 64;

    private static final Set<String> SAME_SHAPE = Set.of("Identity", "Snapshot", "StopGradient", "PreventGradient",
            "CheckNumerics", "CheckNumericsV2", "EnsureShape", "Cast", "ZerosLike", "OnesLike", "Neg", "Abs",
            "Sign", "Square", "Sqrt", "Rsqrt", "Reciprocal", "Inv", "Exp", "Expm1", "Log", "Log1p", "Floor", "Ceil",
            "Round", "Rint", "Erf", "Sin", "Cos", "Tanh", "Sigmoid", "Relu", "Relu6", "Elu", "Selu", "LeakyRelu",
            "Softplus", "Softsign", "Softmax", "LogSoftmax", "BiasAdd", "BiasAddV1", "FusedBatchNorm",
            "FusedBatchNormV2", "FusedBatchNormV3", "LRN", "Cumsum", "IsNan", "IsInf", "IsFinite", "LogicalNot",
            "AddN", "ClipByValue", "FakeQuantWithMinMaxVars", "FakeQuantWithMinMaxArgs",
            "FakeQuantWithMinMaxVarsPerChannel");
    private static final Set<String> BROADCAST = Set.of("Add", "AddV2", "Sub", "Mul", "MulNoNan", "Div", "DivNoNan",
            "RealDiv", "FloorDiv", "FloorMod", "Mod", "TruncateDiv", "TruncateMod", "Maximum", "Minimum", "Pow",
            "SquaredDifference", "Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual", "LogicalAnd",
            "LogicalOr", "SelectV2");
    /** Ops whose first input is the shape of their output. */
    private static final Set<String> SHAPED_BY_INPUT = Set.of("Fill", "RandomUniform", "RandomStandardNormal",
            "TruncatedNormal", "RandomUniformInt", "Empty", "Conv2DBackpropInput",
            "DepthwiseConv2dNativeBackpropInput");
    private static final Set<String> RESIZE = Set.of("ResizeBilinear", "ResizeNearestNeighbor", "ResizeArea",
            "ResizeBicubic");
    /** The attributes that give an output's type, in the order they are looked up. */
    private static final List<String> TYPE_ATTRS = List.of("dtype", "T", "DstT", "out_type", "output_type", "Tout");
    private static final Set<String> PASSES_VALUES = Set.of("Identity", "Snapshot", "StopGradient", "Cast");
    /** The arithmetic whose results are followed as values, for shapes computed from constants. */
    private static final Set<String> VALUE_ARITHMETIC = Set.of("Add", "AddV2", "Sub", "Mul");

    private static final TensorBudget MACHINE = ofMemory(physicalMemory());

    private final long maxBytes;
    private final String why;

    private TensorBudget(long maxBytes, String why) {
        this.maxBytes = maxBytes;
        this.why = why;
    }

    /** This machine's bound: {@link #MEMORY_FRACTION} of its physical memory. */
    public static TensorBudget machine() {
        return MACHINE;
    }

    /** The bound for a machine with {@code memoryBytes} of physical memory. */
    public static TensorBudget ofMemory(long memoryBytes) {
        return new TensorBudget((long) (memoryBytes * MEMORY_FRACTION), String.format(Locale.ROOT,
                "%s one tensor may take (a quarter of this machine's %s of memory)",
                bytes(memoryBytes * MEMORY_FRACTION), bytes(memoryBytes)));
    }

    /** The most bytes one tensor may take. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Refuses a graph with a node whose static shapes imply an output larger than the bound.
     *
     * @throws TensorTooLargeException naming the file, the node, its shape and size
     */
    public void check(GraphDef graphDef, String source) {
        Map<String, Shape> shapes = new HashMap<>();
        for (NodeDef node : topologicalOrder(graphDef)) {
            Shape shape = infer(node, shapes);
            if (shape == null) {
                continue;
            }
            shapes.put(node.getName(), shape);
            check(source, node.getName(), node.getOp(), type(node), shape.dims);
        }
    }

    /**
     * Refuses one tensor of {@code dims} (-1 for an unknown size, counted as 1) and type
     * {@code type} beyond the bound.
     *
     * @throws TensorTooLargeException naming the file, the node, its shape and size
     */
    public void check(String source, String node, String opType, DataType type, long[] dims) {
        long elements = 1;
        for (long dim : dims) {
            elements = saturatedProduct(elements, dim < 0 ? 1 : dim);
        }
        long bytes = saturatedProduct(elements, Math.max(elementSize(type), 1));
        if (bytes > maxBytes) {
            throw new TensorTooLargeException(source, node, bytes, String.format(Locale.ROOT,
                    "node '%s' (%s) implies a tensor of shape %s: at least %s elements of %s, %s, more than the %s;"
                            + " the graph would exhaust the machine's memory at its first run (docs/model-safety.md)",
                    node, opType, Arrays.toString(dims),
                    elements == Long.MAX_VALUE ? "2^63" : String.format(Locale.ROOT, "%,d", elements), type,
                    bytes == Long.MAX_VALUE ? "more than 8 EiB" : bytes(bytes), why));
        }
    }

    /** Bytes per element of the fixed-size types; 0 for the others (strings, resources, variants). */
    static int elementSize(DataType type) {
        return switch (type) {
            case DT_BOOL, DT_INT8, DT_UINT8, DT_QINT8, DT_QUINT8 -> 1;
            case DT_INT16, DT_UINT16, DT_HALF, DT_BFLOAT16, DT_QINT16, DT_QUINT16 -> 2;
            case DT_FLOAT, DT_INT32, DT_UINT32, DT_QINT32 -> 4;
            case DT_DOUBLE, DT_INT64, DT_UINT64, DT_COMPLEX64 -> 8;
            case DT_COMPLEX128 -> 16;
            default -> 0;
        };
    }

    /**
     * What is known statically of a node's first output: the least size of each dimension
     * ({@code exact} when all are known), and its values when it is a short integer vector.
     */
    private record Shape(long[] dims, boolean exact, long[] values) {

        static Shape of(long... dims) {
            return new Shape(dims, true, null);
        }

        static Shape atLeast(long[] dims, boolean exact) {
            return new Shape(dims, exact, null);
        }

        int rank() {
            return dims.length;
        }
    }

    private static Shape infer(NodeDef node, Map<String, Shape> shapes) {
        Shape[] in = new Shape[node.getInputCount()];
        int data = 0;
        for (String input : node.getInputList()) {
            if (!input.startsWith("^")) {
                // Only first outputs are tracked: "op:1" is not the tensor shapes holds for "op".
                in[data++] = input.contains(":") && !input.endsWith(":0") ? null
                        : shapes.get(PoseModel.nodeName(input));
            }
        }
        in = Arrays.copyOf(in, data);
        String op = node.getOp();
        if (op.equals("Const")) {
            return constant(node);
        }
        if (op.equals("Placeholder") || op.equals("PlaceholderWithDefault")) {
            AttrValue shape = node.getAttrMap().get("shape");
            return shape == null || shape.getShape().getUnknownRank() ? null : declared(shape.getShape());
        }
        if (SAME_SHAPE.contains(op)) {
            return arg(in, 0) == null ? null
                    : new Shape(in[0].dims, in[0].exact, PASSES_VALUES.contains(op) ? in[0].values : null);
        }
        if (BROADCAST.contains(op)) {
            return broadcast(op, in);
        }
        if (SHAPED_BY_INPUT.contains(op)) {
            return sizes(values(arg(in, 0)));
        }
        return switch (op) {
            case "Shape" -> arg(in, 0) != null && in[0].exact
                    ? new Shape(new long[] {in[0].rank()}, true, in[0].dims.clone()) : null;
            case "Pack" -> pack(node, in);
            case "ConcatV2" -> concat(in);
            case "Tile" -> tile(arg(in, 0), values(arg(in, 1)));
            case "BroadcastTo" -> sizes(values(arg(in, 1)));
            case "Reshape" -> reshape(arg(in, 0), values(arg(in, 1)));
            case "ExpandDims" -> expandDims(arg(in, 0), values(arg(in, 1)));
            case "Range" -> range(values(arg(in, 0)), values(arg(in, 1)), values(arg(in, 2)));
            case "Pad", "PadV2", "MirrorPad" -> pad(arg(in, 0), values(arg(in, 1)));
            case "OneHot" -> oneHot(node, arg(in, 0), values(arg(in, 1)));
            case "MatMul" -> matMul(node, arg(in, 0), arg(in, 1), "transpose_a", "transpose_b");
            case "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3" ->
                    matMul(node, arg(in, 0), arg(in, 1), "adj_x", "adj_y");
            case "Gather" -> gather(node, arg(in, 0), arg(in, 1), new long[] {0});
            case "GatherV2" -> gather(node, arg(in, 0), arg(in, 1), values(arg(in, 2)));
            case "Conv2D", "DepthwiseConv2dNative" -> convolution(node, arg(in, 0), arg(in, 1));
            case "MaxPool", "AvgPool" -> pool(node, arg(in, 0));
            default -> RESIZE.contains(op) ? resize(arg(in, 0), values(arg(in, 1))) : null;
        };
    }

    private static Shape arg(Shape[] in, int index) {
        return index < in.length ? in[index] : null;
    }

    private static long[] values(Shape shape) {
        return shape == null ? null : shape.values;
    }

    /** A shape given as a vector of sizes; negative sizes are TensorFlow's to reject. */
    private static Shape sizes(long[] values) {
        if (values == null || Arrays.stream(values).anyMatch(v -> v < 0)) {
            return null;
        }
        return Shape.of(values.clone());
    }

    /** A declared shape; an unknown size (-1) counts as 1. */
    private static Shape declared(TensorShapeProto proto) {
        long[] dims = new long[proto.getDimCount()];
        boolean exact = true;
        for (int i = 0; i < dims.length; i++) {
            long size = proto.getDim(i).getSize();
            dims[i] = size < 0 ? 1 : size;
            exact &= size >= 0;
        }
        return Shape.atLeast(dims, exact);
    }

    /** A constant's declared shape, and its values when it is a short int32 or int64 tensor. */
    private static Shape constant(NodeDef node) {
        AttrValue value = node.getAttrMap().get("value");
        if (value == null || !value.hasTensor() || value.getTensor().getTensorShape().getUnknownRank()) {
            return null;
        }
        TensorProto tensor = value.getTensor();
        Shape shape = declared(tensor.getTensorShape());
        if (!shape.exact) {
            // A negative size: the corrupt constant ModelLoader reports.
            return null;
        }
        long count = Arrays.stream(shape.dims).reduce(1, TensorBudget::saturatedProduct);
        return new Shape(shape.dims, true, count <= MAX_VALUE_ELEMENTS ? integers(tensor, (int) count) : null);
    }

    private static long[] integers(TensorProto tensor, int count) {
        List<? extends Number> listed;
        int width;
        if (tensor.getDtype() == DataType.DT_INT32) {
            listed = tensor.getIntValList();
            width = Integer.BYTES;
        } else if (tensor.getDtype() == DataType.DT_INT64) {
            listed = tensor.getInt64ValList();
            width = Long.BYTES;
        } else {
            return null;
        }
        long[] values = new long[count];
        if (!tensor.getTensorContent().isEmpty()) {
            if (tensor.getTensorContent().size() != (long) count * width) {
                return null;
            }
            ByteBuffer bytes = tensor.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                values[i] = width == Integer.BYTES ? bytes.getInt() : bytes.getLong();
            }
        } else if (!listed.isEmpty()) {
            // TensorFlow repeats the last listed value to fill the shape.
            for (int i = 0; i < count; i++) {
                values[i] = listed.get(Math.min(i, listed.size() - 1)).longValue();
            }
        }
        return values;
    }

    /** NumPy broadcasting of the inputs' shapes; for Add, Sub, Mul of known integers, their values too. */
    private static Shape broadcast(String op, Shape[] in) {
        if (in.length < 2 || Arrays.stream(in).anyMatch(s -> s == null)) {
            return null;
        }
        int rank = Arrays.stream(in).mapToInt(Shape::rank).max().orElse(0);
        long[] dims = new long[rank];
        Arrays.fill(dims, 1);
        boolean exact = true;
        for (Shape shape : in) {
            exact &= shape.exact;
            for (int i = 0; i < shape.rank(); i++) {
                int at = rank - shape.rank() + i;
                // A size 1 stretches to the other size; a size 0 stays 0.
                dims[at] = dims[at] == 0 || shape.dims[i] == 0 ? 0 : Math.max(dims[at], shape.dims[i]);
            }
        }
        long[] values = null;
        if (in.length == 2 && in[0].values != null && in[1].values != null && dims.length <= 1
                && VALUE_ARITHMETIC.contains(op)) {
            values = new long[dims.length == 0 ? 1 : (int) dims[0]];
            try {
                for (int i = 0; i < values.length; i++) {
                    long a = in[0].values[in[0].values.length == 1 ? 0 : i];
                    long b = in[1].values[in[1].values.length == 1 ? 0 : i];
                    values[i] = switch (op) {
                        case "Mul" -> Math.multiplyExact(a, b);
                        case "Sub" -> Math.subtractExact(a, b);
                        default -> Math.addExact(a, b);
                    };
                }
            } catch (ArithmeticException | ArrayIndexOutOfBoundsException e) {
                // Values that overflow, or vectors that do not broadcast: unknown.
                values = null;
            }
        }
        return new Shape(dims, exact, values);
    }

    private static Shape pack(NodeDef node, Shape[] in) {
        if (in.length == 0 || Arrays.stream(in).anyMatch(s -> s == null)) {
            return null;
        }
        int axis = (int) node.getAttrOrDefault("axis", AttrValue.getDefaultInstance()).getI();
        Shape first = in[0];
        if (axis < 0) {
            axis += first.rank() + 1;
        }
        if (axis < 0 || axis > first.rank()) {
            return null;
        }
        long[] dims = new long[first.rank() + 1];
        System.arraycopy(first.dims, 0, dims, 0, axis);
        dims[axis] = in.length;
        System.arraycopy(first.dims, axis, dims, axis + 1, first.rank() - axis);
        long[] values = null;
        if (first.rank() == 0 && Arrays.stream(in).allMatch(s -> s.values != null && s.values.length == 1)) {
            values = Arrays.stream(in).mapToLong(s -> s.values[0]).toArray();
        }
        return new Shape(dims, Arrays.stream(in).allMatch(Shape::exact), values);
    }

    /** ConcatV2 of vectors along axis 0: their values joined, the sizes added. */
    private static Shape concat(Shape[] in) {
        if (in.length < 2) {
            return null;
        }
        Shape[] parts = Arrays.copyOf(in, in.length - 1);
        long[] axis = values(in[in.length - 1]);
        if (axis == null || axis.length != 1 || Arrays.stream(parts).anyMatch(s -> s == null)) {
            return null;
        }
        int rank = parts[0].rank();
        int at = (int) (axis[0] < 0 ? axis[0] + rank : axis[0]);
        if (at < 0 || at >= rank || Arrays.stream(parts).anyMatch(s -> s.rank() != rank)) {
            return null;
        }
        long[] dims = parts[0].dims.clone();
        dims[at] = 0;
        boolean exact = true;
        for (Shape part : parts) {
            dims[at] = saturatedSum(dims[at], part.dims[at]);
            exact &= part.exact;
        }
        long[] values = null;
        if (rank == 1 && Arrays.stream(parts).allMatch(s -> s.values != null) && dims[0] <= MAX_VALUE_ELEMENTS) {
            values = Arrays.stream(parts).flatMapToLong(s -> Arrays.stream(s.values)).toArray();
        }
        return new Shape(dims, exact, values);
    }

    private static Shape tile(Shape input, long[] multiples) {
        if (input == null || multiples == null || multiples.length != input.rank()) {
            return null;
        }
        long[] dims = new long[input.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = saturatedProduct(input.dims[i], Math.max(multiples[i], 0));
        }
        return Shape.atLeast(dims, input.exact);
    }

    private static Shape reshape(Shape input, long[] target) {
        if (target == null) {
            return null;
        }
        long[] dims = target.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1 && inferred < 0) {
                inferred = i;
            } else if (dims[i] < 0) {
                return null;
            } else {
                known = saturatedProduct(known, dims[i]);
            }
        }
        if (inferred < 0) {
            return Shape.of(dims);
        }
        boolean exact = input != null && input.exact && known > 0;
        dims[inferred] = exact ? Arrays.stream(input.dims).reduce(1, TensorBudget::saturatedProduct) / known : 1;
        return Shape.atLeast(dims, exact);
    }

    private static Shape expandDims(Shape input, long[] axis) {
        if (input == null || axis == null || axis.length != 1) {
            return null;
        }
        int at = (int) (axis[0] < 0 ? axis[0] + input.rank() + 1 : axis[0]);
        if (at < 0 || at > input.rank()) {
            return null;
        }
        long[] dims = new long[input.rank() + 1];
        System.arraycopy(input.dims, 0, dims, 0, at);
        dims[at] = 1;
        System.arraycopy(input.dims, at, dims, at + 1, input.rank() - at);
        return new Shape(dims, input.exact, input.values);
    }

    private static Shape range(long[] start, long[] limit, long[] delta) {
        if (start == null || limit == null || delta == null || start.length != 1 || limit.length != 1
                || delta.length != 1 || delta[0] == 0) {
            return null;
        }
        double count = Math.ceil(((double) limit[0] - start[0]) / delta[0]);
        return count < 0 ? null : Shape.of(count >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) count);
    }

    private static Shape pad(Shape input, long[] paddings) {
        if (input == null || paddings == null || paddings.length != 2L * input.rank()) {
            return null;
        }
        long[] dims = new long[input.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = saturatedSum(input.dims[i], saturatedSum(Math.max(paddings[2 * i], 0),
                    Math.max(paddings[2 * i + 1], 0)));
        }
        return Shape.atLeast(dims, input.exact);
    }

    private static Shape resize(Shape input, long[] size) {
        if (size == null || size.length != 2 || size[0] < 0 || size[1] < 0) {
            return null;
        }
        boolean known = input != null && input.rank() == 4;
        return Shape.atLeast(new long[] {known ? input.dims[0] : 1, size[0], size[1], known ? input.dims[3] : 1},
                known && input.exact);
    }

    private static Shape oneHot(NodeDef node, Shape indices, long[] depth) {
        if (indices == null || depth == null || depth.length != 1 || depth[0] < 0) {
            return null;
        }
        long axis = node.getAttrOrDefault("axis", AttrValue.newBuilder().setI(-1).build()).getI();
        int at = (int) (axis < 0 ? indices.rank() : axis);
        if (at > indices.rank()) {
            return null;
        }
        long[] dims = new long[indices.rank() + 1];
        System.arraycopy(indices.dims, 0, dims, 0, at);
        dims[at] = depth[0];
        System.arraycopy(indices.dims, at, dims, at + 1, indices.rank() - at);
        return Shape.atLeast(dims, indices.exact);
    }

    /** [..., m, k] x [..., k, n] -> [..., m, n], batch dimensions broadcast. */
    private static Shape matMul(NodeDef node, Shape a, Shape b, String transposeA, String transposeB) {
        if (a == null || b == null || a.rank() < 2 || b.rank() < 2) {
            return null;
        }
        long m = a.dims[a.rank() - (flag(node, transposeA) ? 1 : 2)];
        long n = b.dims[b.rank() - (flag(node, transposeB) ? 2 : 1)];
        Shape batch = broadcast("MatMul", new Shape[] {
            Shape.atLeast(Arrays.copyOf(a.dims, a.rank() - 2), a.exact),
            Shape.atLeast(Arrays.copyOf(b.dims, b.rank() - 2), b.exact)});
        long[] dims = Arrays.copyOf(batch.dims, batch.rank() + 2);
        dims[dims.length - 2] = m;
        dims[dims.length - 1] = n;
        return Shape.atLeast(dims, batch.exact);
    }

    /** params[:axis] + indices + params[axis + 1:], for batch_dims 0. */
    private static Shape gather(NodeDef node, Shape params, Shape indices, long[] axis) {
        if (params == null || indices == null || axis == null || axis.length != 1
                || node.getAttrOrDefault("batch_dims", AttrValue.getDefaultInstance()).getI() != 0) {
            return null;
        }
        int at = (int) (axis[0] < 0 ? axis[0] + params.rank() : axis[0]);
        if (at < 0 || at >= params.rank()) {
            return null;
        }
        long[] dims = new long[params.rank() - 1 + indices.rank()];
        System.arraycopy(params.dims, 0, dims, 0, at);
        System.arraycopy(indices.dims, 0, dims, at, indices.rank());
        System.arraycopy(params.dims, at + 1, dims, at + indices.rank(), params.rank() - at - 1);
        return Shape.atLeast(dims, params.exact && indices.exact);
    }

    /** NHWC convolution: spatial sizes divided by the strides, channels from the filter. */
    private static Shape convolution(NodeDef node, Shape input, Shape filter) {
        if (input == null || filter == null || input.rank() != 4 || filter.rank() != 4 || !nhwc(node)) {
            return null;
        }
        long channels = node.getOp().equals("Conv2D") ? filter.dims[3]
                : saturatedProduct(filter.dims[2], filter.dims[3]);
        return window(node, input, filter.dims[0], filter.dims[1], channels);
    }

    private static Shape pool(NodeDef node, Shape input) {
        List<Long> kernel = node.getAttrOrDefault("ksize", AttrValue.getDefaultInstance()).getList().getIList();
        if (input == null || input.rank() != 4 || kernel.size() != 4 || !nhwc(node)) {
            return null;
        }
        return window(node, input, kernel.get(1), kernel.get(2), input.dims[3]);
    }

    private static Shape window(NodeDef node, Shape input, long kernelHeight, long kernelWidth, long channels) {
        List<Long> strides = node.getAttrOrDefault("strides", AttrValue.getDefaultInstance()).getList().getIList();
        if (strides.size() != 4 || strides.get(1) < 1 || strides.get(2) < 1) {
            return null;
        }
        boolean valid = node.getAttrOrDefault("padding", AttrValue.getDefaultInstance()).getS().toStringUtf8()
                .equals("VALID");
        long height = windows(input.dims[1], valid ? kernelHeight : 1, strides.get(1));
        long width = windows(input.dims[2], valid ? kernelWidth : 1, strides.get(2));
        return Shape.atLeast(new long[] {input.dims[0], height, width, channels}, false);
    }

    /** Output positions of a window sliding over {@code size} (at least one, VALID needing size >= kernel). */
    private static long windows(long size, long kernel, long stride) {
        return size == 0 ? 0 : Math.max(1, (size - Math.max(kernel, 1) + stride) / stride);
    }

    private static boolean nhwc(NodeDef node) {
        AttrValue format = node.getAttrMap().get("data_format");
        return format == null || format.getS().toStringUtf8().equals("NHWC");
    }

    private static boolean flag(NodeDef node, String attr) {
        return node.getAttrOrDefault(attr, AttrValue.getDefaultInstance()).getB();
    }

    /** The type of a node's output: its first type attribute; DT_INVALID (counted as 1 byte) when none. */
    private static DataType type(NodeDef node) {
        for (String attr : TYPE_ATTRS) {
            AttrValue value = node.getAttrMap().get(attr);
            if (value != null && value.getType() != DataType.DT_INVALID) {
                return value.getType();
            }
        }
        return DataType.DT_INVALID;
    }

    /** Nodes after the nodes they read (Kahn's algorithm); nodes on a cycle, as in TF1 loops, are left out. */
    private static List<NodeDef> topologicalOrder(GraphDef graphDef) {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<NodeDef>> readers = new HashMap<>();
        Map<String, NodeDef> byName = new HashMap<>();
        for (NodeDef node : graphDef.getNodeList()) {
            byName.putIfAbsent(node.getName(), node);
        }
        Deque<NodeDef> ready = new ArrayDeque<>();
        for (NodeDef node : byName.values()) {
            int inputs = 0;
            for (String input : node.getInputList()) {
                String from = PoseModel.nodeName(input);
                if (byName.containsKey(from)) {
                    readers.computeIfAbsent(from, k -> new ArrayList<>()).add(node);
                    inputs++;
                }
            }
            waiting.put(node.getName(), inputs);
            if (inputs == 0) {
                ready.add(node);
            }
        }
        List<NodeDef> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            NodeDef node = ready.poll();
            order.add(node);
            for (NodeDef reader : readers.getOrDefault(node.getName(), List.of())) {
                if (waiting.merge(reader.getName(), -1, Integer::sum) == 0) {
                    ready.add(reader);
                }
            }
        }
        return order;
    }

    /** {@code a * b} for sizes (non-negative), {@link Long#MAX_VALUE} when it overflows. */
    private static long saturatedProduct(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long physicalMemory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getTotalMemorySize() > 0) {
            return sun.getTotalMemorySize();
        }
        // Without the HotSpot bean, the heap limit stands for the memory the process may use.
        return Runtime.getRuntime().maxMemory();
    }

    private static String bytes(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", bytes, units[unit]);
    }
}
