package posebench.peaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import posebench.SyntheticHeatmaps;
import posebench.maps.FeatureMaps;

class MaxPoolPeaksTest {

    /** Values 1..4 only: plateaus and ties everywhere, borders included, no zeros. */
    @ParameterizedTest
    @CsvSource({"1, 1", "1, 7", "2, 3", "9, 8", "31, 17"})
    void javaTestEqualsTheGraphOpsOnPlateausAndBorders(int height, int width) {
        FeatureMaps maps = SyntheticHeatmaps.steps(height, width, 1, 3f, 3, height * 31L + width);
        for (int i = 0; i < maps.data().length; i++) {
            maps.data()[i] += 1f;
        }
        float[] peakMap = tfPeakMap(maps);
        float[][] plane = new float[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                plane[y][x] = maps.get(y, x, 0);
            }
        }
        int peaks = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean tf = peakMap[y * width + x] != 0f;
                assertEquals(tf, MaxPoolPeaks.isLocalMax(plane, y, x), "cell (" + x + ", " + y + ")");
                peaks += tf ? 1 : 0;
            }
        }
        assertTrue(peaks > 0, "a map always has a maximum");
    }

    private static float[] tfPeakMap(FeatureMaps maps) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Shape shape = Shape.of(1, maps.height(), maps.width(), 1);
            Operand<TFloat32> input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(shape));
            Operand<TFloat32> peaks = MaxPoolPeaks.append(tf, input);
            try (Session session = new Session(graph);
                    TFloat32 in = TFloat32.tensorOf(shape, DataBuffers.of(maps.data(), true, false));
                    Result result = session.runner().feed(input, in).fetch(peaks).run()) {
                float[] out = new float[maps.data().length];
                ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
                return out;
            }
        }
    }
}
