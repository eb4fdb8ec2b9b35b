package posebench.compile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

import posebench.model.PoseModel;

/**
 * Gives every convolution an even number of input channels, for the bf16 variant.
 *
 * <p>TensorFlow Java 1.1.0's oneDNN bfloat16 {@code Conv2D} returns wrong values when the input
 * channel count is odd (seen on AMD Zen 5 with AVX512_BF16: 3, 5, 7, 185 and 921 channels fail,
 * even counts and depthwise convolutions are right; with {@code TF_ENABLE_ONEDNN_OPTS=0} all are
 * right). Every pose network has such layers: the 3-channel image and the stage concatenations
 * (CMU 185, mobilenet_thin 921). This rewrite appends a zero channel to the input of each such
 * convolution ({@code Pad}) and a zero slice to its constant filter, which leaves the result
 * unchanged in exact arithmetic.
 */
public final class ChannelPadding {

    private ChannelPadding() {
    }

    /**
     * {@code graph} with each NHWC {@code Conv2D} whose filter is a float constant with an odd
     * input-channel count padded to the next even count; other nodes unchanged.
     */
    public static GraphDef evenInputChannels(GraphDef graph) {
        Map<String, NodeDef> nodes = new HashMap<>();
        graph.getNodeList().forEach(node -> nodes.put(node.getName(), node));
        GraphDef.Builder padded = GraphDef.newBuilder(graph).clearNode();
        for (NodeDef node : graph.getNodeList()) {
            NodeDef filter = node.getOp().equals("Conv2D") && isNhwc(node) ? constant(nodes, node.getInput(1)) : null;
            if (filter == null || filter.getAttrOrThrow("value").getTensor().getTensorShape().getDim(2).getSize() % 2 == 0) {
                padded.addNode(node);
                continue;
            }
            String evenFilter = node.getName() + "/even_filter";
            String paddings = node.getName() + "/even_paddings";
            String evenInput = node.getName() + "/even_input";
            padded.addNode(withExtraChannel(filter, evenFilter));
            padded.addNode(NodeDef.newBuilder().setName(paddings).setOp("Const")
                    .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                    .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder()
                            .setDtype(DataType.DT_INT32)
                            .setTensorShape(shape(4, 2))
                            .addAllIntVal(List.of(0, 0, 0, 0, 0, 0, 0, 1))).build()));
            padded.addNode(NodeDef.newBuilder().setName(evenInput).setOp("Pad")
                    .addInput(node.getInput(0))
                    .addInput(paddings)
                    .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                    .putAttr("Tpaddings", AttrValue.newBuilder().setType(DataType.DT_INT32).build()));
            padded.addNode(node.toBuilder().setInput(0, evenInput).setInput(1, evenFilter));
        }
        return padded.build();
    }

    private static boolean isNhwc(NodeDef conv) {
        AttrValue format = conv.getAttrOrDefault("data_format", null);
        return format == null || format.getS().toStringUtf8().equals("NHWC");
    }

    /** The float constant an input reads, through Identity nodes, or null. */
    private static NodeDef constant(Map<String, NodeDef> nodes, String input) {
        NodeDef node = nodes.get(PoseModel.nodeName(input));
        while (node != null && node.getOp().equals("Identity")) {
            node = nodes.get(PoseModel.nodeName(node.getInput(0)));
        }
        if (node == null || !node.getOp().equals("Const")) {
            return null;
        }
        TensorProto value = node.getAttrOrThrow("value").getTensor();
        return value.getDtype() == DataType.DT_FLOAT && value.getTensorShape().getDimCount() == 4 ? node : null;
    }

    /** A copy of the {@code [kh, kw, in, out]} filter as {@code name}, with a zero input channel appended. */
    private static NodeDef withExtraChannel(NodeDef filter, String name) {
        TensorProto tensor = filter.getAttrOrThrow("value").getTensor();
        TensorShapeProto shape = tensor.getTensorShape();
        int taps = Math.toIntExact(shape.getDim(0).getSize() * shape.getDim(1).getSize());
        int in = Math.toIntExact(shape.getDim(2).getSize());
        int out = Math.toIntExact(shape.getDim(3).getSize());
        float[] values = floats(tensor, taps * in * out);
        ByteBuffer bytes = ByteBuffer.allocate(taps * (in + 1) * out * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer target = bytes.asFloatBuffer();
        for (int tap = 0; tap < taps; tap++) {
            target.put(values, tap * in * out, in * out);
            target.position(target.position() + out);
        }
        TensorProto padded = TensorProto.newBuilder()
                .setDtype(DataType.DT_FLOAT)
                .setTensorShape(TensorShapeProto.newBuilder(shape).setDim(2, shape.getDim(2).toBuilder().setSize(in + 1)))
                .setTensorContent(UnsafeByteOperations.unsafeWrap(bytes.array()))
                .build();
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(padded).build())
                .build();
    }

    /** The values of a float tensor stored as content bytes or as a (possibly broadcast) value list. */
    private static float[] floats(TensorProto tensor, int count) {
        float[] values = new float[count];
        ByteString content = tensor.getTensorContent();
        if (!content.isEmpty()) {
            content.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else if (tensor.getFloatValCount() > 0) {
            for (int i = 0; i < count; i++) {
                values[i] = tensor.getFloatVal(Math.min(i, tensor.getFloatValCount() - 1));
            }
        }
        return values;
    }

    private static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : dims) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
        }
        return shape.build();
    }
}
