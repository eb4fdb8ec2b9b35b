package posebench.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

import posebench.image.BgrImage;
import posebench.maps.FeatureMaps;
import posebench.model.ModelLoader;
import posebench.model.ModelRunException;
import posebench.model.NonFiniteOutputException;
import posebench.model.PoseModel;
import posebench.model.TinyPoseGraph;
import posebench.paf.PafAssembler;
import posebench.peaks.PeakList;
import posebench.pose.CocoPart;
import posebench.pose.Human;

/**
 * NaN and infinities in the network output: the estimator stops with a
 * {@link NonFiniteOutputException} naming the model before peaks and PAFs see them, and stays
 * usable; PAF assembly given such maps directly still ends and throws nothing.
 */
class NonFiniteOutputTest {

    private static final String OUTPUT = "nonfinite";
    private static final PipelineOptions OPTIONS = new PipelineOptions(64, 48, 4.0, 5, 1.0);

    @TempDir
    Path dir;

    /**
     * The tiny graph with one output channel shifted by a value computed in the graph, so the
     * NaN or infinity appears only when it runs.
     */
    private static GraphDef withChannelShift(int channel, Function<Ops, Operand<TFloat32>> value) {
        try (Graph graph = new Graph()) {
            graph.importGraphDef(TinyPoseGraph.withChannels(57));
            Ops tf = Ops.create(graph);
            Operand<TFloat32> shift = tf.concat(List.of(
                    tf.zeros(tf.constant(new int[] {channel}), TFloat32.class),
                    tf.reshape(value.apply(tf), tf.constant(new int[] {1})),
                    tf.zeros(tf.constant(new int[] {PoseModel.OUTPUT_CHANNELS - channel - 1}), TFloat32.class)),
                    tf.constant(0));
            tf.withName(OUTPUT).math.add(
                    graph.outputOrThrow(PoseModel.DEFAULT_OUTPUT).expect(TFloat32.class), shift);
            return graph.toGraphDef();
        }
    }

    private PoseEstimator estimator(String name, GraphDef graphDef, String output) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, graphDef.toByteArray());
        return new PoseEstimator(ModelLoader.load(file, PoseModel.DEFAULT_INPUT, output), OPTIONS);
    }

    private static BgrImage grey() {
        byte[] pixels = new byte[48 * 64 * 3];
        Arrays.fill(pixels, (byte) 128);
        return new BgrImage(pixels, 48, 64);
    }

    private static void assertNonFinite(PoseEstimator estimator, String what, Runnable run) {
        NonFiniteOutputException e = assertThrows(NonFiniteOutputException.class, run::run);
        assertEquals(estimator.model().source(), e.source());
        assertTrue(e.getMessage().startsWith(estimator.model().source() + ": ")
                && e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void nanFromLogOfNegative() throws IOException {
        try (PoseEstimator estimator = estimator("log-negative.pb",
                withChannelShift(3, tf -> tf.math.log(tf.constant(-1f))), OUTPUT)) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                assertNonFinite(estimator, "NaN", () -> estimator.estimate(grey()));
                assertNonFinite(estimator, "NaN", () -> estimator.infer(estimator.preprocess(grey())));
            });
        }
    }

    @Test
    void infinityFromDivisionByZeroInAPaf() throws IOException {
        try (PoseEstimator estimator = estimator("divide-by-zero.pb",
                withChannelShift(30, tf -> tf.math.div(tf.constant(1f), tf.constant(0f))), OUTPUT)) {
            assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertNonFinite(estimator, "Inf", () -> estimator.estimate(grey())));
        }
    }

    @Test
    void minusInfinityFromLogOfZero() throws IOException {
        try (PoseEstimator estimator = estimator("log-zero.pb",
                withChannelShift(18, tf -> tf.math.log(tf.constant(0f))), OUTPUT)) {
            assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertNonFinite(estimator, "-Inf", () -> estimator.estimate(grey())));
        }
    }

    /** A fed network output is checked too, and a failed run leaves the estimator working. */
    @Test
    void fedOutputIsCheckedAndTheEstimatorStaysUsable() throws IOException {
        try (PoseEstimator estimator = estimator("tiny.pb", TinyPoseGraph.withChannels(57), PoseModel.DEFAULT_OUTPUT)) {
            FeatureMaps output = FeatureMaps.zeros(6, 8, PoseModel.OUTPUT_CHANNELS);
            output.set(2, 3, 40, Float.NaN);
            assertNonFinite(estimator, "NaN", () -> estimator.detectFromNetworkOutput(output));
            output.set(2, 3, 40, Float.POSITIVE_INFINITY);
            assertNonFinite(estimator, "Inf", () -> estimator.detectFromNetworkOutput(output));
            output.set(2, 3, 40, 0f);
            assertEquals(0, estimator.detectFromNetworkOutput(output).peaks().size());
            assertTrue(estimator.estimate(grey()).stream().allMatch(h -> Float.isFinite(h.score())));
        }
    }

    /** The error says where the first bad value is and how many there are, from the values themselves. */
    @Test
    void theErrorLocatesTheValues() throws IOException {
        try (PoseEstimator estimator = estimator("tiny.pb", TinyPoseGraph.withChannels(57), PoseModel.DEFAULT_OUTPUT)) {
            FeatureMaps output = FeatureMaps.zeros(6, 8, PoseModel.OUTPUT_CHANNELS);
            output.set(4, 1, 7, Float.NEGATIVE_INFINITY);
            output.set(5, 7, 56, Float.NaN);
            NonFiniteOutputException e = assertThrows(NonFiniteOutputException.class,
                    () -> estimator.detectFromNetworkOutput(output));
            assertTrue(e.getMessage().contains("holds -Infinity at [N, H, W, C] [0, 4, 1, 7], the first of 2"),
                    e.getMessage());
        }
    }

    /** A run that fails otherwise, on finite values, is not taken for the finite check. */
    @Test
    void anotherFailureOnFiniteValuesStaysARunError() throws IOException {
        try (PoseEstimator estimator = estimator("tiny.pb", TinyPoseGraph.withChannels(57), PoseModel.DEFAULT_OUTPUT)) {
            ModelRunException e = assertThrows(ModelRunException.class,
                    () -> estimator.detectFromNetworkOutput(FeatureMaps.zeros(6, 8, 20)));
            assertFalse(e instanceof NonFiniteOutputException, e.getMessage());
            assertTrue(e.getMessage().startsWith(estimator.model().source() + ": TensorFlow cannot run the graph"),
                    e.getMessage());
        }
    }

    /** With the ONNX runtime the post-processing graph checks a fed output the same way. */
    @Test
    void theOnnxRuntimesFedOutputIsCheckedToo() throws IOException {
        Path file = dir.resolve("tiny.pb");
        Files.write(file, TinyPoseGraph.withChannels(57).toByteArray());
        PoseModel model = ModelLoader.load(file, PoseModel.DEFAULT_INPUT, PoseModel.DEFAULT_OUTPUT);
        try (PoseEstimator estimator = new PoseEstimator(model, OPTIONS.withRuntime(InferenceEngine.ONNX))) {
            FeatureMaps output = FeatureMaps.zeros(6, 8, PoseModel.OUTPUT_CHANNELS);
            output.set(0, 0, 0, Float.POSITIVE_INFINITY);
            assertNonFinite(estimator, "Inf", () -> estimator.detectFromNetworkOutput(output));
            assertTrue(estimator.estimate(grey()).stream().allMatch(h -> Float.isFinite(h.score())));
        }
    }

    /**
     * PafAssembler takes any floats: NaN fails every threshold, so it never makes a peak or a
     * connection; infinities pass them. With the maps all infinite, every cell is a peak, and
     * assembly still ends.
     */
    @Test
    void pafAssemblyOfNonFiniteMapsEnds() {
        int h = 12;
        int w = 10;
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            FeatureMaps heat = FeatureMaps.zeros(h, w, 19);
            FeatureMaps paf = FeatureMaps.zeros(h, w, 38);
            Arrays.fill(heat.data(), bad);
            Arrays.fill(paf.data(), bad);
            PeakList peaks = PeakList.fromPeakMap(heat, heat);
            assertEquals(bad > 0 ? h * w * CocoPart.COUNT : 0, peaks.size(), "peaks of " + bad);
            List<Human> humans = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> new PafAssembler().assemble(peaks, heat, paf));
            assertTrue(humans.size() <= peaks.size(), "humans of " + bad);
        }
    }
}
