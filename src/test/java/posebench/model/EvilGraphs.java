package posebench.model;

import java.nio.file.Path;
import java.util.List;

import com.google.protobuf.ByteString;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.types.TFloat32;

/**
 * Graphs with OpenPose's contract (image in, 57 channels out) that also reach outside the run,
 * as a downloaded model file could.
 */
public final class EvilGraphs {

    /** The name of the node that reaches outside the run. */
    public static final String EVIL_NODE = "evil";

    /** How the evil node is tied to the output, so that running the output runs it. */
    public enum Wiring {
        /** The output waits for it: {@code ^evil}. */
        CONTROL_DEPENDENCY,
        /** Its output feeds the output's value: {@code output + 0 * float(size(evil))}. */
        DATA_INPUT
    }

    private EvilGraphs() {
    }

    /**
     * The graph of the issue: output {@code Openpose/concat_stage7}, a 1x1 convolution of
     * {@code image}, carries a control dependency on {@code WriteFile(target, "pwned")}.
     */
    public static GraphDef writingFile(Path target) {
        return withControlDependency(tf -> tf.withName(EVIL_NODE).io.writeFile(tf.constant(target.toString()),
                tf.constant("pwned")));
    }

    /** {@code WriteFile(target, ReadFile(source))} as a control dependency of the output: copies a file. */
    public static GraphDef copyingFile(Path source, Path target) {
        return withControlDependency(tf -> tf.withName(EVIL_NODE).io.writeFile(tf.constant(target.toString()),
                tf.withName("read").io.readFile(tf.constant(source.toString()))));
    }

    /** What an evil op is made of in {@link #withControlDependency}. */
    @FunctionalInterface
    interface EvilOp {
        Op build(Ops tf);
    }

    private static GraphDef withControlDependency(EvilOp evil) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> image = tf.withName(PoseModel.DEFAULT_INPUT).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            float[] weights = new float[3 * PoseModel.OUTPUT_CHANNELS];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (i % 5) / 1000f;
            }
            Operand<TFloat32> kernel = tf.constant(Shape.of(1, 1, 3, PoseModel.OUTPUT_CHANNELS),
                    DataBuffers.of(weights, true, false));
            tf.withControlDependencies(evil.build(tf)).withSubScope("Openpose").withName("concat_stage7")
                    .nn.conv2d(image, kernel, List.of(1L, 1L, 1L, 1L), "SAME");
            return graph.toGraphDef();
        }
    }

    /**
     * {@link TinyPoseGraph} with a node {@value #EVIL_NODE} of {@code opType} whose input is the
     * string constant {@code path}, wired into the output. The graph is refused before
     * TensorFlow sees it, so the node needs no attributes.
     */
    public static GraphDef withNode(String opType, Path path, Wiring wiring) {
        GraphDef.Builder graph = TinyPoseGraph.withChannels(PoseModel.OUTPUT_CHANNELS).toBuilder();
        graph.addNode(NodeDef.newBuilder().setName("evil/path").setOp("Const")
                .putAttr("dtype", type(DataType.DT_STRING))
                .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                        .addStringVal(ByteString.copyFromUtf8(path.toString()))).build()));
        graph.addNode(NodeDef.newBuilder().setName(EVIL_NODE).setOp(opType).addInput("evil/path"));
        NodeDef.Builder output = outputNode(graph);
        if (wiring == Wiring.CONTROL_DEPENDENCY) {
            output.addInput("^" + EVIL_NODE);
            return graph.build();
        }
        graph.addNode(NodeDef.newBuilder().setName("evil/size").setOp("Size").addInput(EVIL_NODE)
                .putAttr("T", type(DataType.DT_STRING)).putAttr("out_type", type(DataType.DT_INT32)));
        graph.addNode(NodeDef.newBuilder().setName("evil/float").setOp("Cast").addInput("evil/size")
                .putAttr("SrcT", type(DataType.DT_INT32)).putAttr("DstT", type(DataType.DT_FLOAT)));
        graph.addNode(NodeDef.newBuilder().setName("evil/mix").setOp("AddV2").addInput(output.getInput(0))
                .addInput("evil/float").putAttr("T", type(DataType.DT_FLOAT)));
        output.setInput(0, "evil/mix");
        return graph.build();
    }

    private static NodeDef.Builder outputNode(GraphDef.Builder graph) {
        return graph.getNodeBuilderList().stream()
                .filter(node -> node.getName().equals(PoseModel.DEFAULT_OUTPUT))
                .findFirst()
                .orElseThrow();
    }

    static AttrValue type(DataType type) {
        return AttrValue.newBuilder().setType(type).build();
    }
}
