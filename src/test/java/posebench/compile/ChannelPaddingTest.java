package posebench.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

class ChannelPaddingTest {

    @Test
    void padsOnlyConvolutionsWithAnOddInputChannelCount() {
        GraphDef graph = TinyPoseGraph.create();
        Map<String, NodeDef> nodes = ChannelPadding.evenInputChannels(graph).getNodeList().stream()
                .collect(Collectors.toMap(NodeDef::getName, Function.identity()));
        NodeDef first = nodes.get("Conv2d");
        assertEquals(List.of("Conv2d/even_input", "Conv2d/even_filter"), first.getInputList());
        assertEquals("Pad", nodes.get("Conv2d/even_input").getOp());
        assertEquals(List.of(3L, 3L, 4L, 16L), nodes.get("Conv2d/even_filter").getAttrOrThrow("value").getTensor()
                .getTensorShape().getDimList().stream().map(d -> d.getSize()).toList());
        assertTrue(nodes.get("Conv2d_1").getInput(0).startsWith("Relu"), "16 channels stay as they are");
        assertEquals(graph.getNodeCount() + 3, nodes.size());
    }

    @Test
    void paddedGraphComputesTheSameInFloat32() {
        GraphDef graph = TinyPoseGraph.create();
        SessionSettings none = SessionSettings.of(CompileVariant.NONE);
        VariantResult original = VariantRunner.run(TinyPoseGraph.model(graph), none, 32, 48, 0, 1);
        VariantResult padded = VariantRunner.run(TinyPoseGraph.model(ChannelPadding.evenInputChannels(graph)), none, 32, 48, 0, 1);
        double largest = 0;
        for (float value : original.output()) {
            largest = Math.max(largest, Math.abs(value));
        }
        assertTrue(padded.maxAbsDifference(original) <= 1e-5 * largest,
                "padding changed the output by " + padded.maxAbsDifference(original));
    }

    @Test
    void onlyBf16RunsThePaddedGraph() {
        GraphDef graph = TinyPoseGraph.create();
        assertSame(graph, CompileVariant.NONE.prepare(graph));
        assertSame(graph, CompileVariant.XLA.prepare(graph));
        assertEquals(graph.getNodeCount() + 3, CompileVariant.BF16.prepare(graph).getNodeCount());
    }
}
