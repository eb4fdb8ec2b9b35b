package posebench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import posebench.zoo.ModelZoo;

/**
 * Resource bombs: graphs whose static shapes imply tensors far beyond the machine's memory are
 * refused at load, naming the node and the size, without allocating anything. (A huge constant
 * with a one-value payload: {@code ModelLoaderRobustnessTest.contractViolationsFoundAtLoad}.)
 */
class TensorBudgetTest {

    private static final long TERA = 1_000_000_000_000L;

    @TempDir
    Path dir;

    /** {@link TinyPoseGraph} plus the nodes {@code bomb} adds. */
    private static GraphDef withBomb(Function<Ops, Operand<?>> bomb) {
        try (Graph graph = new Graph()) {
            graph.importGraphDef(TinyPoseGraph.withChannels(PoseModel.OUTPUT_CHANNELS));
            bomb.apply(Ops.create(graph));
            return graph.toGraphDef();
        }
    }

    private TensorTooLargeException assertRefused(String name, GraphDef graph, String node) throws IOException {
        // The check of the GraphDef finds it, before TensorFlow imports (and may constant-fold) anything.
        assertThrows(TensorTooLargeException.class, () -> TensorBudget.machine().check(graph, name));
        Path file = Files.write(dir.resolve(name + ".pb"), graph.toByteArray());
        TensorTooLargeException e = assertThrows(TensorTooLargeException.class, () -> ModelLoader.load(file));
        assertEquals(node, e.node());
        assertTrue(e.bytes() > TensorBudget.machine().maxBytes(), () -> e.bytes() + " bytes");
        for (String part : List.of(file.toString(), "node '" + node + "'", "of memory")) {
            assertTrue(e.getMessage().contains(part), () -> "says '" + part + "': " + e.getMessage());
        }
        return e;
    }

    private static Operand<TFloat32> image(Ops tf) {
        return tf.withName("image_input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
    }

    @Test
    void fillAndTileOfTenToTheTwelveElements() throws IOException {
        TensorTooLargeException fill = assertRefused("fill", withBomb(tf -> tf.withName("bomb")
                .fill(tf.constant(new long[] {1_000_000, 1_000_000}), tf.constant(1f))), "bomb");
        assertTrue(fill.getMessage().contains("(Fill) implies a tensor of shape [1000000, 1000000]: at least"
                + " 1,000,000,000,000 elements of DT_FLOAT, 3.6 TiB"), fill.getMessage());
        assertEquals(4 * TERA, fill.bytes());
        assertRefused("tile", withBomb(tf -> tf.withName("bomb")
                .tile(tf.constant(new float[][] {{1f}}), tf.constant(new int[] {1_000_000, 1_000_000}))), "bomb");
        // Dimensions assembled from constants are followed too.
        assertRefused("packed-fill", withBomb(tf -> tf.withName("bomb").fill(tf.stack(List.of(
                tf.constant(1_000_000), tf.math.mul(tf.constant(1000), tf.constant(1000)))), tf.constant(0f))), "bomb");
    }

    @Test
    void aHugePlaceholderAndHugeResultsOfSmallInputs() throws IOException {
        assertRefused("placeholder", withBomb(tf -> tf.withName("bomb").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(1, 1_000_000, 1_000_000, 3)))), "bomb");
        // 4 MB each, 4 TB together.
        assertRefused("broadcast", withBomb(tf -> tf.withName("bomb").math.add(
                tf.zeros(tf.constant(new int[] {1_000_000, 1}), TFloat32.class),
                tf.zeros(tf.constant(new int[] {1, 1_000_000}), TFloat32.class))), "bomb");
        assertRefused("outer-product", withBomb(tf -> tf.withName("bomb").linalg.matMul(
                tf.zeros(tf.constant(new int[] {1_000_000, 1}), TFloat32.class),
                tf.zeros(tf.constant(new int[] {1, 1_000_000}), TFloat32.class))), "bomb");
        // On the image, whose size is not known: each unknown dimension counts as 1.
        assertRefused("padded-image", withBomb(tf -> tf.withName("bomb").pad(image(tf),
                tf.constant(new int[][] {{0, 0}, {1_000_000, 0}, {1_000_000, 0}, {0, 0}}), tf.constant(0f))), "bomb");
        assertRefused("resized-image", withBomb(tf -> tf.withName("bomb").image.resizeBilinear(image(tf),
                tf.constant(new int[] {1_000_000, 1_000_000}))), "bomb");
        assertRefused("gather", withBomb(tf -> tf.withName("bomb").gather(
                tf.zeros(tf.constant(new int[] {1, 1_000_000}), TFloat32.class),
                tf.zeros(tf.constant(new int[] {1_000_000}), TInt32.class), tf.constant(0))), "bomb");
    }

    @Test
    void anEmptyTensorIsNoBomb() {
        TensorBudget.machine().check(withBomb(tf -> tf.withName("empty").fill(tf.constant(new long[] {0, TERA}),
                tf.constant(1f))), "empty.pb");
    }

    @Test
    void theBoundIsAQuarterOfPhysicalMemory() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        assertEquals(memory / 4, TensorBudget.machine().maxBytes(), 1);
        TensorBudget small = TensorBudget.ofMemory(4L << 20);
        GraphDef graph = TinyPoseGraph.withChannels(PoseModel.OUTPUT_CHANNELS);
        small.check(graph, "tiny.pb");
        GraphDef twoMegabytes = withBomb(tf -> tf.withName("big").fill(tf.constant(new int[] {512, 1024}),
                tf.constant(1f)));
        TensorTooLargeException e = assertThrows(TensorTooLargeException.class,
                () -> small.check(twoMegabytes, "big.pb"));
        assertTrue(e.getMessage().contains("more than the 1.0 MiB one tensor may take (a quarter of this machine's"
                + " 4.0 MiB of memory)"), e.getMessage());
        TensorBudget.ofMemory(8L << 20).check(twoMegabytes, "big.pb");
    }

    @Test
    void realAndZooGraphsAreWithinTheBound() {
        TensorBudget.machine().check(ModelLoader.read(posebench.SharedData.mobilenetV2Small()), "real");
        for (String name : ModelZoo.names()) {
            TensorBudget.machine().check(ModelZoo.generate(name), name);
        }
    }
}
