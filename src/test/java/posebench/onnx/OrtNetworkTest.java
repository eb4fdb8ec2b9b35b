package posebench.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.proto.GraphDef;

import posebench.model.PoseModel;

/** Every ORT session setting runs the converted graph to TensorFlow's result, the saved optimised model too. */
class OrtNetworkTest {

    private static final long[] SHAPE = {2, 13, 11, 4};

    private static GraphDef graph() {
        return OnnxConverterTest.graph(4, (tf, x) -> tf.withName("out").nn.relu6(tf.nn.conv2d(tf.nn.relu(x),
                tf.constant(org.tensorflow.ndarray.Shape.of(3, 3, 4, 5), org.tensorflow.ndarray.buffer.DataBuffers.of(
                        OnnxConverterTest.random(new long[] {3, 3, 4, 5}, 3), true, false)),
                List.of(1L, 2L, 2L, 1L), "SAME")));
    }

    @ParameterizedTest
    @EnumSource(OrtSettings.Optimization.class)
    void everyOptimisationLevelAndTheSavedModelGiveTensorFlowsOutput(OrtSettings.Optimization level)
            throws IOException {
        GraphDef graph = graph();
        OnnxModel model = OnnxConverter.convert(new PoseModel(graph, "t", "image", "out"), 13, 11);
        float[] input = OnnxConverterTest.random(SHAPE, 9);
        OnnxConverterTest.Output expected = OnnxConverterTest.runTensorFlow(graph, input, SHAPE);
        long temporaries = ortTemporaries();
        for (boolean saved : new boolean[] {false, true}) {
            try (OrtNetwork network = new OrtNetwork(model, new OrtSettings(1, level, saved))) {
                OrtNetwork.Output out = network.run(input, 2);
                assertArrayEquals(expected.shape(), out.shape());
                OnnxConverterTest.assertClose(expected.data(), out.data(), 1e-5f);
            }
        }
        assertEquals(temporaries, ortTemporaries(), "the saved model's temporary file is deleted");
    }

    @Test
    void anInputOfTheWrongSizeNamesTheExpectedShape() {
        OnnxModel model = OnnxConverter.convert(new PoseModel(graph(), "t", "image", "out"), 13, 11);
        try (OrtNetwork network = new OrtNetwork(model, OrtSettings.DEFAULTS)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> network.run(new float[13 * 11 * 4 + 1], 1));
            assertEquals("input holds 573 floats, expected 1 x [13, 11, C]", e.getMessage());
        }
    }

    private static long ortTemporaries() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("posebench-ort-")).count();
        }
    }
}
