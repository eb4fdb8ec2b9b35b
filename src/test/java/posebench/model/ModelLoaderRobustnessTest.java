package posebench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.TextFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import posebench.BadInputs;
import posebench.SharedData;
import posebench.SpecialFiles;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.image.BgrImage;

/**
 * Broken model files, many of them seeded-random: each loads (and then runs, or fails at the run
 * with a {@link ModelException}) or fails to load with a {@link ModelException} naming the file;
 * never another exception, a JVM crash or a hang (a minute per file at most).
 */
class ModelLoaderRobustnessTest {

    private static final int TINY_CASES = 200;
    /**
     * A real-model flip that loads also builds and runs a session of 2 MB of graph, about a second;
     * flips of its structure mostly fail at load. More run with -Dposebench.fuzz.real=N.
     */
    private static final int REAL_CASES = Integer.getInteger("posebench.fuzz.real", 5);
    private static final int REAL_STRUCTURE_CASES = 8 * REAL_CASES;
    private static final int TEXT_CASES = 100;
    private static final int GARBAGE_CASES = 50;
    /** Small enough that running every graph that loads costs little. */
    private static final PipelineOptions OPTIONS = new PipelineOptions(32, 32, 2.0, 3, 1.0);

    private static final BadInputs TRIED = new BadInputs("model files", ModelException.class,
            Duration.ofSeconds(60));

    @TempDir
    Path dir;

    @AfterAll
    static void report() {
        TRIED.print();
    }

    /** Loads the file and, when it loads, runs the pipeline once on a noise image. */
    private static void loadAndRun(Path file) {
        PoseModel model = ModelLoader.load(file);
        byte[] pixels = new byte[32 * 32 * 3];
        new Random(1).nextBytes(pixels);
        try (PoseEstimator estimator = new PoseEstimator(model, OPTIONS)) {
            estimator.estimate(new BgrImage(pixels, 32, 32));
        }
    }

    private void tryBytes(String kind, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        TRIED.attempt(kind, file.toString(), () -> loadAndRun(file));
        Files.delete(file);
    }

    private void cuts(String kind, byte[] whole, int cases, long seed) throws IOException {
        Random random = new Random(seed);
        for (int i = 0; i < cases; i++) {
            int length = random.nextInt(whole.length);
            tryBytes(kind, "cut-" + i + "-" + length + ".pb", Arrays.copyOf(whole, length));
        }
    }

    /** Flips one byte at a time, at offsets drawn from {@code offsets}. */
    private void flips(String kind, byte[] whole, int[] offsets, int cases, long seed) throws IOException {
        Random random = new Random(seed);
        for (int i = 0; i < cases; i++) {
            byte[] flipped = whole.clone();
            int at = offsets[random.nextInt(offsets.length)];
            flipped[at] ^= (byte) (1 + random.nextInt(255));
            tryBytes(kind, "flip-" + i + "-at-" + at + ".pb", flipped);
        }
    }

    private static int[] everyOffset(byte[] bytes) {
        return java.util.stream.IntStream.range(0, bytes.length).toArray();
    }

    /**
     * The offsets outside the constants' weight bytes (their tensor_content): node names, op
     * types, attributes, shapes. A flip there changes the graph, not just a weight.
     */
    private static int[] structuralOffsets(byte[] file) throws IOException {
        boolean[] weight = new boolean[file.length];
        int from = 0;
        for (NodeDef node : GraphDef.parseFrom(file).getNodeList()) {
            AttrValue value = node.getAttrMap().get("value");
            if (value == null || value.getTensor().getTensorContent().size() < 16) {
                continue;
            }
            byte[] content = value.getTensor().getTensorContent().toByteArray();
            int at = indexOf(file, content, from);
            if (at >= 0) {
                Arrays.fill(weight, at, at + content.length, true);
                from = at + content.length;
            }
        }
        return java.util.stream.IntStream.range(0, file.length).filter(i -> !weight[i]).toArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        search:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue search;
                }
            }
            return i;
        }
        return -1;
    }

    /** TensorFlow writes attribute maps in hash order; sorted, seeded cuts and flips hit the same bytes every run. */
    private static byte[] tinyGraphBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.useDeterministicSerialization();
        TinyPoseGraph.withChannels(57).writeTo(out);
        out.flush();
        return bytes.toByteArray();
    }

    @Test
    void truncatedTinyGraphs() throws IOException {
        byte[] whole = tinyGraphBytes();
        cuts("tiny graph cut", whole, TINY_CASES, 101);
        assertEquals(TINY_CASES, TRIED.tried("tiny graph cut"));
        assertTrue(TRIED.count("tiny graph cut", "TruncatedGraphException") > TINY_CASES / 2);
    }

    @Test
    void byteFlippedTinyGraphs() throws IOException {
        byte[] whole = tinyGraphBytes();
        flips("tiny graph flip", whole, everyOffset(whole), TINY_CASES, 102);
        assertEquals(TINY_CASES, TRIED.tried("tiny graph flip"));
    }

    @Test
    void truncatedRealModel() throws IOException {
        byte[] whole = Files.readAllBytes(SharedData.mobilenetV2Small());
        cuts("real model cut", whole, TINY_CASES, 103);
        assertEquals(TINY_CASES, TRIED.tried("real model cut"));
    }

    /** Most flips land in the weights and give a graph that loads and runs: that is fine too. */
    @Test
    void byteFlippedRealModel() throws IOException {
        byte[] whole = Files.readAllBytes(SharedData.mobilenetV2Small());
        flips("real model flip", whole, everyOffset(whole), REAL_CASES, 104);
        assertEquals(REAL_CASES, TRIED.tried("real model flip"));
    }

    @Test
    void byteFlippedRealModelStructure() throws IOException {
        byte[] whole = Files.readAllBytes(SharedData.mobilenetV2Small());
        int[] structure = structuralOffsets(whole);
        assertTrue(structure.length < whole.length / 2, "weights found: " + structure.length + " of " + whole.length);
        flips("real model structure flip", whole, structure, REAL_STRUCTURE_CASES, 107);
        assertEquals(REAL_STRUCTURE_CASES, TRIED.tried("real model structure flip"));
    }

    /**
     * One node's op type replaced by a registered op type: a third of the draws from every op
     * TensorFlow has, a third from the ones the allowlist denies by name, a third from the
     * allowlist itself (which TensorFlow then imports with the wrong inputs and attributes). An
     * op type off the list never loads, and nothing writes a file.
     */
    private void opTypeMutations(String kind, byte[] whole, int cases, long seed) throws IOException {
        GraphDef graph = GraphDef.parseFrom(whole);
        List<String> registered = TensorFlow.registeredOpList().getOpList().stream().map(OpDef::getName).sorted()
                .toList();
        List<List<String>> sources = List.of(registered, AllowedOps.denied().keySet().stream().sorted().toList(),
                AllowedOps.all().stream().sorted().toList());
        Random random = new Random(seed);
        for (int i = 0; i < cases; i++) {
            List<String> from = sources.get(i % sources.size());
            String opType = from.get(random.nextInt(from.size()));
            GraphDef.Builder mutated = graph.toBuilder();
            mutated.getNodeBuilder(random.nextInt(graph.getNodeCount())).setOp(opType);
            int worked = TRIED.count(kind, "worked");
            tryBytes(kind, "op-" + i + "-" + opType + ".pb", mutated.build().toByteArray());
            if (!AllowedOps.contains(opType)) {
                assertEquals(worked, TRIED.count(kind, "worked"), opType + " is off the list but loaded");
            }
        }
        assertEquals(cases, TRIED.tried(kind));
        assertTrue(TRIED.count(kind, "UnsafeOpException") > cases / 4, () -> kind + ": " + TRIED.count(kind,
                "UnsafeOpException") + " refused as unsafe");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "files left or written");
        }
    }

    @Test
    void mutatedOpTypesInTheTinyGraph() throws IOException {
        opTypeMutations("tiny graph op type", tinyGraphBytes(), TINY_CASES, 108);
    }

    @Test
    void mutatedOpTypesInTheRealModel() throws IOException {
        opTypeMutations("real model op type", Files.readAllBytes(SharedData.mobilenetV2Small()), 4 * REAL_CASES, 109);
    }

    @Test
    void textGraphsWithSyntaxErrors() throws IOException {
        String text = TextFormat.printer().printToString(GraphDef.parseFrom(tinyGraphBytes()));
        String noise = "{}:\"\\ \n#0aZ<>[]";
        Random random = new Random(105);
        for (int i = 0; i < TEXT_CASES; i++) {
            int at = random.nextInt(text.length());
            String broken = switch (i % 4) {
                case 0 -> text.substring(0, at) + text.substring(at + 1);
                case 1 -> text.substring(0, at) + noise.charAt(random.nextInt(noise.length())) + text.substring(at);
                case 2 -> text.substring(0, at) + noise.charAt(random.nextInt(noise.length())) + text.substring(at + 1);
                default -> text.substring(0, at);
            };
            tryBytes("text graph edit", "edit-" + i + ".pbtxt", broken.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(TEXT_CASES, TRIED.tried("text graph edit"));
        assertTrue(TRIED.count("text graph edit", "NotAGraphDefException") > TEXT_CASES / 2);
    }

    @Test
    void randomBytes() throws IOException {
        Random random = new Random(106);
        for (int i = 0; i < GARBAGE_CASES; i++) {
            byte[] garbage = new byte[1 + random.nextInt(4096)];
            random.nextBytes(garbage);
            tryBytes("random bytes", "garbage-" + i + (i % 2 == 0 ? ".pb" : ".pbtxt"), garbage);
        }
        assertEquals(0, TRIED.count("random bytes", "worked"));
    }

    @Test
    void filesThatAreNotGraphFiles() throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>(SpecialFiles.create(dir, ".pb", 3L << 30));
        files.add(Files.createFile(dir.resolve("empty.pbtxt")));
        for (Path file : files) {
            TRIED.attempt("special file", file.toString(), () -> ModelLoader.load(file));
        }
        assertEquals(files.size(), TRIED.count("special file", "ModelFileException"));
    }

    private Path writeGraph(String name, GraphDef graphDef) throws IOException {
        return Files.write(dir.resolve(name), graphDef.toByteArray());
    }

    /** The tiny graph with its output cast to another type, or its input placeholder of another type. */
    private static GraphDef retyped(boolean input) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> image = input
                    ? tf.dtypes.cast(tf.withName("image").placeholder(TInt32.class), TFloat32.class)
                    : tf.withName("image").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            Operand<TFloat32> pooled = tf.nn.avgPool(image, List.of(1L, 8L, 8L, 1L), List.of(1L, 8L, 8L, 1L), "VALID");
            Operand<TFloat32> kernel = tf.zeros(tf.constant(new int[] {1, 1, 3, 57}), TFloat32.class);
            Operand<TFloat32> conv = tf.nn.conv2d(pooled, kernel, List.of(1L, 1L, 1L, 1L), "SAME");
            if (input) {
                tf.withSubScope("Openpose").withName("concat_stage7").identity(conv);
            } else {
                tf.withSubScope("Openpose").withName("concat_stage7").dtypes.cast(conv, TInt32.class);
            }
            return graph.toGraphDef();
        }
    }

    /** What TensorFlow would accept at import and reject, obscurely, only at the first run. */
    @Test
    void contractViolationsFoundAtLoad() throws IOException {
        TensorTypeException output = assertThrows(TensorTypeException.class,
                () -> ModelLoader.load(writeGraph("int-output.pb", retyped(false))));
        assertTrue(output.getMessage().contains("output") && output.getMessage().contains("DT_INT32"),
                output.getMessage());
        TensorTypeException input = assertThrows(TensorTypeException.class,
                () -> ModelLoader.load(writeGraph("int-input.pb", retyped(true))));
        assertTrue(input.getMessage().contains("input") && input.getMessage().contains("DT_INT32"), input.getMessage());

        GraphDef tiny = TinyPoseGraph.withChannels(57);
        NodeDef fill = NodeDef.newBuilder().setName("huge_fill").setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                        .setTensorShape(TensorShapeProto.newBuilder()
                                .addDim(TensorShapeProto.Dim.newBuilder().setSize(100_000))
                                .addDim(TensorShapeProto.Dim.newBuilder().setSize(100_000)))
                        .addFloatVal(0f)).build())
                .build();
        // 40 GB declared, 4 bytes stored: a resource bomb, refused before TensorFlow allocates it.
        TensorTooLargeException huge = assertThrows(TensorTooLargeException.class,
                () -> ModelLoader.load(writeGraph("huge-fill.pb", tiny.toBuilder().addNode(fill).build())));
        assertEquals("huge_fill", huge.node());
        assertTrue(huge.getMessage().contains("[100000, 100000]"), huge.getMessage());

        GraphDef.Builder cut = tiny.toBuilder();
        for (NodeDef.Builder node : cut.getNodeBuilderList()) {
            TensorProto value = node.getAttrOrDefault("value", AttrValue.getDefaultInstance()).getTensor();
            if (value.getTensorContent().size() > 4) {
                node.putAttr("value", AttrValue.newBuilder().setTensor(value.toBuilder().setTensorContent(
                        value.getTensorContent().substring(4))).build());
            }
        }
        CorruptConstantException shortWeights = assertThrows(CorruptConstantException.class,
                () -> ModelLoader.load(writeGraph("short-weights.pb", cut.build())));
        assertTrue(shortWeights.getMessage().contains("holds 680 bytes") && shortWeights.getMessage().contains("684"),
                shortWeights.getMessage());

        NodeDef retypedFill = fill.toBuilder().setName("ref_fill").putAttr("value", AttrValue.newBuilder().setTensor(
                fill.getAttrOrThrow("value").getTensor().toBuilder().setDtype(DataType.DT_FLOAT_REF)
                        .setTensorShape(TensorShapeProto.newBuilder()
                                .addDim(TensorShapeProto.Dim.newBuilder().setSize(100)))).build()).build();
        CorruptConstantException refType = assertThrows(CorruptConstantException.class,
                () -> ModelLoader.load(writeGraph("ref-type.pb", tiny.toBuilder().addNode(retypedFill).build())));
        assertTrue(refType.getMessage().contains("DT_FLOAT_REF but declares DT_FLOAT"), refType.getMessage());
    }
}
