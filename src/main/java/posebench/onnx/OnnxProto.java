package posebench.onnx;

import java.util.List;

import com.google.protobuf.ByteString;

/**
 * The ONNX messages the converter writes ({@code onnx.proto}: ModelProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto, ValueInfoProto and the types inside it), by field number.
 */
final class OnnxProto {

    /** TensorProto.DataType values. */
    static final int FLOAT = 1;
    static final int INT64 = 7;

    /** IR version 8 is the first that opset 18 may be used with. */
    static final long IR_VERSION = 8;

    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_STRING = 3;
    private static final int ATTRIBUTE_INTS = 7;

    private OnnxProto() {
    }

    static ProtoMessage model(ProtoMessage graph, int opset, String producer, String producerVersion) {
        return new ProtoMessage()
                .varint(1, IR_VERSION)
                .string(2, producer)
                .string(3, producerVersion)
                .message(7, graph)
                .message(8, new ProtoMessage().string(1, "").varint(2, opset));
    }

    static ProtoMessage graph(String name, List<ProtoMessage> nodes, List<ProtoMessage> initializers,
            List<ProtoMessage> inputs, List<ProtoMessage> outputs) {
        ProtoMessage graph = new ProtoMessage();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, name);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        return graph;
    }

    static ProtoMessage node(String name, String opType, List<String> inputs, List<String> outputs,
            List<ProtoMessage> attributes) {
        ProtoMessage node = new ProtoMessage();
        inputs.forEach(i -> node.string(1, i));
        outputs.forEach(o -> node.string(2, o));
        node.string(3, name).string(4, opType);
        attributes.forEach(a -> node.message(5, a));
        return node;
    }

    static ProtoMessage intAttribute(String name, long value) {
        return new ProtoMessage().string(1, name).varint(3, value).varint(20, ATTRIBUTE_INT);
    }

    static ProtoMessage intsAttribute(String name, long... values) {
        return new ProtoMessage().string(1, name).packedInt64s(8, values).varint(20, ATTRIBUTE_INTS);
    }

    static ProtoMessage floatAttribute(String name, float value) {
        return new ProtoMessage().string(1, name).float32(2, value).varint(20, ATTRIBUTE_FLOAT);
    }

    static ProtoMessage stringAttribute(String name, String value) {
        return new ProtoMessage().string(1, name).string(4, value).varint(20, ATTRIBUTE_STRING);
    }

    /** A tensor whose values are little-endian bytes ({@code raw_data}). */
    static ProtoMessage tensor(String name, int dataType, long[] dims, ByteString raw) {
        return new ProtoMessage().packedInt64s(1, dims).varint(2, dataType).string(8, name).bytes(9, raw);
    }

    /** A float tensor's name, type and shape; a negative size is the symbolic dimension {@code symbol}. */
    static ProtoMessage valueInfo(String name, long[] dims, String symbol) {
        ProtoMessage shape = new ProtoMessage();
        for (long dim : dims) {
            shape.message(1, dim < 0 ? new ProtoMessage().string(2, symbol) : new ProtoMessage().varint(1, dim));
        }
        ProtoMessage tensorType = new ProtoMessage().varint(1, FLOAT).message(2, shape);
        return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(1, tensorType));
    }
}
