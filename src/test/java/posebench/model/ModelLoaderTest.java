package posebench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.google.protobuf.TextFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

import posebench.SharedData;

class ModelLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static <T extends ModelException> T assertNamesFile(Class<T> type, Path file, String cause) {
        T e = assertThrows(type, () -> ModelLoader.load(file));
        assertTrue(e.getMessage().contains(file.toString()), () -> "message names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(cause), () -> "message says '" + cause + "': " + e.getMessage());
        return e;
    }

    @Test
    void loadsBinaryGraph() throws IOException {
        Path file = write("tiny.pb", TinyPoseGraph.withChannels(57).toByteArray());
        PoseModel model = ModelLoader.load(file);
        assertEquals("image", model.inputName());
        assertEquals("Openpose/concat_stage7:0", model.outputTensor());
    }

    @Test
    void loadsTextGraph() throws IOException {
        Path file = dir.resolve("tiny.pbtxt");
        Files.writeString(file, TextFormat.printer().printToString(TinyPoseGraph.withChannels(57)));
        assertEquals(TinyPoseGraph.withChannels(57).getNodeCount(), ModelLoader.load(file).graphDef().getNodeCount());
    }

    @Test
    void missingFile() {
        assertNamesFile(ModelFileException.class, dir.resolve("absent.pb"), "no such file");
    }

    @Test
    void directory() {
        assertNamesFile(ModelFileException.class, dir, "directory");
    }

    @Test
    void emptyFile() throws IOException {
        assertNamesFile(ModelFileException.class, write("empty.pb", new byte[0]), "empty");
    }

    @Test
    void notAGraphDef() throws IOException {
        byte[] text = "this is a README, not a graph\n".getBytes();
        assertNamesFile(NotAGraphDefException.class, write("readme.pb", text), "not");
    }

    @Test
    void textSyntaxError() throws IOException {
        Path file = dir.resolve("broken.pbtxt");
        Files.writeString(file, "node {\n  name: \"image\"\n  op: \"Placeholder\"\n  attr { key: \n");
        assertNamesFile(NotAGraphDefException.class, file, "line");
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] whole = TinyPoseGraph.withChannels(57).toByteArray();
        Path file = write("cut.pb", Arrays.copyOf(whole, whole.length * 2 / 3));
        assertNamesFile(TruncatedGraphException.class, file, "truncated");
    }

    @Test
    void missingInputNodeListsPlaceholders() throws IOException {
        Path file = write("tiny.pb", TinyPoseGraph.withChannels(57).toByteArray());
        NodeNotFoundException e = assertThrows(NodeNotFoundException.class,
                () -> ModelLoader.load(file, "input_1", PoseModel.DEFAULT_OUTPUT));
        assertEquals("input_1", e.node());
        assertTrue(e.getMessage().contains("placeholders are image"), e.getMessage());
    }

    @Test
    void missingOutputNodeListsLikelyOutputs() throws IOException {
        Path file = write("tiny.pb", TinyPoseGraph.withChannels(57).toByteArray());
        NodeNotFoundException e = assertThrows(NodeNotFoundException.class,
                () -> ModelLoader.load(file, "image", "Openpose/concat_stage6"));
        assertTrue(e.getMessage().contains("Openpose/concat_stage7 (Identity)"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void wrongOutputChannels() throws IOException {
        Path file = write("wide.pb", TinyPoseGraph.withChannels(38).toByteArray());
        assertNamesFile(OutputShapeException.class, file, "38 channels");
    }

    @Test
    void neuronCompiledGraph() throws IOException {
        GraphDef neuron = TinyPoseGraph.withChannels(57).toBuilder()
                .addNode(NodeDef.newBuilder().setName("neuron_op_e4c1").setOp("NeuronOp").addInput("image")
                        .putAttr("executable", AttrValue.newBuilder().setS(com.google.protobuf.ByteString.EMPTY).build()))
                .build();
        NeuronGraphException e = assertNamesFile(NeuronGraphException.class, write("neuron.pb", neuron.toByteArray()),
                "AWS Inferentia");
        assertTrue(e.getMessage().contains("--op-library"), e.getMessage());
        assertEquals(java.util.List.of("NeuronOp"), e.opTypes());
    }

    @Test
    void unknownOpType() throws IOException {
        GraphDef custom = TinyPoseGraph.withChannels(57).toBuilder()
                .addNode(NodeDef.newBuilder().setName("mystery").setOp("PosebenchNoSuchOp").addInput("image"))
                .build();
        assertNamesFile(UnknownOpException.class, write("custom.pb", custom.toByteArray()), "PosebenchNoSuchOp");
    }

    @Test
    void graphWithVariablesIsNotFrozen() throws IOException {
        GraphDef unfrozen = TinyPoseGraph.withChannels(57).toBuilder()
                .addNode(NodeDef.newBuilder().setName("conv1/weights").setOp("VariableV2"))
                .build();
        assertNamesFile(UnfrozenGraphException.class, write("unfrozen.pb", unfrozen.toByteArray()), "not frozen");
    }

    @Test
    void mobilenetThinArchitectureIsNotFrozen() {
        Path pbtxt = SharedData.require("models/tf-pose/mobilenet_thin/graph.pbtxt");
        assertNamesFile(UnfrozenGraphException.class, pbtxt, "not frozen");
    }

    @Test
    void realModelLoads() {
        PoseModel model = ModelLoader.load(SharedData.mobilenetV2Small());
        assertTrue(model.graphDef().getNodeCount() > 100);
    }
}
