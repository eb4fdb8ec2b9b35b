package posebench.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

import posebench.image.FixedInput;
import posebench.model.ModelFileException;
import posebench.zoo.ModelSource;

class ModelZooTest {

    private static GraphDef mobilenetThin;
    private static GraphDef cmu;

    @BeforeAll
    static void generate() {
        mobilenetThin = ModelZoo.generate(ModelZoo.MOBILENET_THIN);
        cmu = ModelZoo.generate(ModelZoo.CMU);
    }

    @Test
    void namesTheTwoModelsWithMobilenetThinAsDefault() {
        assertEquals(List.of("cmu", "mobilenet_thin"), ModelZoo.names());
        assertTrue(ModelZoo.isZooName("cmu"));
        assertFalse(ModelZoo.isZooName("models/graph/cmu/graph_opt.pb"));
        assertTrue(ModelZoo.isZooName(ModelZoo.DEFAULT_MODEL));
        assertEquals("mobilenet_thin", ModelZoo.DEFAULT_MODEL);
    }

    @Test
    void unknownNameIsRejectedWithTheZooListed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelZoo.generate("vgg"));
        assertTrue(e.getMessage().contains("'vgg'") && e.getMessage().contains("cmu, mobilenet_thin"), e.getMessage());
    }

    @Test
    void generationIsDeterministic() {
        assertEquals(mobilenetThin, ModelZoo.generate(ModelZoo.MOBILENET_THIN));
    }

    @Test
    void cmuHasTheDesignLayersWithTheirWeightShapes() {
        Map<String, NodeDef> nodes = byName(cmu);
        assertWeights(nodes, "conv1_1", 3, 3, 64);
        assertWeights(nodes, "conv2_1", 3, 64, 128);
        assertWeights(nodes, "conv3_4", 3, 256, 256);
        assertWeights(nodes, "conv4_2", 3, 512, 512);
        assertWeights(nodes, "conv4_3_CPM", 3, 512, 256);
        assertWeights(nodes, "conv4_4_CPM", 3, 256, 128);
        assertWeights(nodes, "conv5_1_CPM_L1", 3, 128, 128);
        assertWeights(nodes, "conv5_4_CPM_L2", 1, 128, 512);
        assertWeights(nodes, "conv5_5_CPM_L1", 1, 512, 38);
        assertWeights(nodes, "conv5_5_CPM_L2", 1, 512, 19);
        assertWeights(nodes, "Mconv1_stage2_L1", 7, 38 + 19 + 128, 128);
        assertWeights(nodes, "Mconv5_stage6_L2", 7, 128, 128);
        assertWeights(nodes, "Mconv6_stage4_L1", 1, 128, 128);
        assertWeights(nodes, "Mconv7_stage6_L1", 1, 128, 38);
        assertWeights(nodes, "Mconv7_stage6_L2", 1, 128, 19);
        assertEquals("Relu", nodes.get("conv4_4_CPM/Relu").getOp());
        assertFalse(nodes.containsKey("Mconv7_stage6_L2/Relu"), "stage outputs are linear");
        assertEquals(List.of("conv5_5_CPM_L1/BiasAdd", "conv5_5_CPM_L2/BiasAdd", "conv4_4_CPM/Relu",
                "concat_stage2/axis"), nodes.get("concat_stage2").getInputList());
        NodeDef output = nodes.get(ModelZoo.OUTPUT);
        assertEquals("ConcatV2", output.getOp());
        assertEquals(List.of("Mconv7_stage6_L2/BiasAdd", "Mconv7_stage6_L1/BiasAdd", "Openpose/concat_stage7/axis"),
                output.getInputList());
        assertEquals(12L + 10 + 70, countOps(cmu, "Conv2D"), "12 front-end convolutions, 10 in stage 1, 70 in stages 2-6");
    }

    @Test
    void bothModelsTakeAnImagePlaceholderOfAnySize() {
        for (GraphDef graph : List.of(cmu, mobilenetThin)) {
            NodeDef image = byName(graph).get(ModelZoo.INPUT);
            assertEquals("Placeholder", image.getOp());
            assertEquals(List.of(-1L, -1L, -1L, 3L), image.getAttrOrThrow("shape").getShape().getDimList().stream()
                    .map(d -> d.getSize()).toList());
        }
    }

    @Test
    void mobilenetThinOutputLooksLikeHeatmapsAndPafs() {
        int height = 368;
        int width = 432;
        float[] out;
        long[] shape;
        try (Graph graph = new Graph();
                TFloat32 input = TFloat32.tensorOf(Shape.of(1, height, width, 3),
                        DataBuffers.of(FixedInput.image(height, width), true, false))) {
            graph.importGraphDef(mobilenetThin);
            try (Session session = new Session(graph);
                    Result result = session.runner().feed(ModelZoo.INPUT, input).fetch(ModelZoo.OUTPUT).run()) {
                TFloat32 maps = (TFloat32) result.get(0);
                shape = maps.shape().asArray();
                out = new float[Math.toIntExact(maps.shape().size())];
                maps.copyTo(DataBuffers.of(out, false, false));
            }
        }
        assertEquals(List.of(1L, 46L, 54L, 57L), List.of(shape[0], shape[1], shape[2], shape[3]));
        double partsOverThreshold = 0;
        double background = 0;
        double pafSquares = 0;
        int pixels = out.length / 57;
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < 57; c++) {
                float v = out[p * 57 + c];
                assertTrue(Float.isFinite(v) && Math.abs(v) < 3, () -> "output " + v + " is not heatmap-like");
                if (c < 18) {
                    partsOverThreshold += v > 0.05 ? 1 : 0;
                } else if (c == 18) {
                    background += v;
                } else {
                    pafSquares += v * v;
                }
            }
        }
        double pafDeviation = Math.sqrt(pafSquares / (pixels * 38.0));
        assertTrue(partsOverThreshold / (pixels * 18.0) < 0.2, "part heatmaps mostly below the peak threshold");
        assertEquals(1, background / pixels, 0.3, "background near 1");
        assertTrue(pafDeviation > 0.02 && pafDeviation < 0.5, "PAF deviation " + pafDeviation);
    }

    @Test
    void writesAGeneratedGraphAsAPbFile(@TempDir Path directory) throws IOException {
        Path file = ModelZoo.write(ModelZoo.MOBILENET_THIN, directory.resolve("models"));
        assertEquals(directory.resolve("models/mobilenet_thin.pb"), file);
        assertEquals(mobilenetThin, GraphDef.parseFrom(Files.readAllBytes(file)));
    }

    @Test
    void resolvesZooNamesAndFilesAndRejectsTheRest(@TempDir Path directory) throws IOException {
        Path file = ModelZoo.write(ModelZoo.MOBILENET_THIN, directory);
        assertEquals(mobilenetThin, ModelSource.resolve(file.toString()).graphDef());
        assertEquals(mobilenetThin, ModelSource.resolve(ModelZoo.MOBILENET_THIN).graphDef());
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelSource.resolve(directory.resolve("missing.pb").toString()));
        assertTrue(e.getMessage().contains("missing.pb"), e.getMessage());
    }

    private static void assertWeights(Map<String, NodeDef> nodes, String layer, int kernel, int in, int out) {
        NodeDef weights = nodes.get(layer + "/weights");
        assertEquals("Const", weights.getOp(), layer);
        assertEquals(List.of((long) kernel, (long) kernel, (long) in, (long) out), weights.getAttrOrThrow("value")
                .getTensor().getTensorShape().getDimList().stream().map(d -> d.getSize()).toList(), layer);
        assertEquals(List.of(layer + "/weights"), nodes.get(layer + "/Conv2D").getInputList().subList(1, 2), layer);
        assertEquals((long) out, nodes.get(layer + "/biases").getAttrOrThrow("value").getTensor().getTensorShape()
                .getDim(0).getSize(), layer);
    }

    private static Map<String, NodeDef> byName(GraphDef graph) {
        Map<String, NodeDef> nodes = new HashMap<>();
        graph.getNodeList().forEach(node -> nodes.put(node.getName(), node));
        return nodes;
    }

    private static long countOps(GraphDef graph, String type) {
        return graph.getNodeList().stream().filter(node -> node.getOp().equals(type)).count();
    }
}
