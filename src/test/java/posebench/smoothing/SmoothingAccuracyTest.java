package posebench.smoothing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import posebench.ModelHeatmaps;
import posebench.SyntheticHeatmaps;
import posebench.maps.FeatureMaps;
import posebench.peaks.DepthwisePeakDetector;
import posebench.peaks.SeparablePeakDetector;
import posebench.pose.CocoPart;

/**
 * The Java arithmetic against TensorFlow's {@code smoothing/depthwise}: the separable smoothing
 * within 1e-6 absolute, whichever kernel TensorFlow runs.
 */
class SmoothingAccuracyTest {

    private static final double TOLERANCE = 1e-6;

    static Stream<Arguments> syntheticMaps() {
        return Stream.of(5, 9, 13, 25, 4).flatMap(k -> Stream.of(
                Arguments.of(k, "people 184x216", SyntheticHeatmaps.people(184, 216, 19, k)),
                Arguments.of(k, "people 37x53", SyntheticHeatmaps.people(37, 53, 19, k + 1)),
                Arguments.of(k, "people 64x48", SyntheticHeatmaps.people(64, 48, 19, k + 2)),
                Arguments.of(k, "noise 0..1 31x40", SyntheticHeatmaps.noise(31, 40, 19, 1f, k)),
                Arguments.of(k, "tiny 3x2", SyntheticHeatmaps.noise(3, 2, 19, 1f, k)),
                Arguments.of(k, "single cell", SyntheticHeatmaps.noise(1, 1, 19, 1f, k)),
                Arguments.of(k, "thin 1x40", SyntheticHeatmaps.people(1, 40, 19, k)),
                Arguments.of(k, "constant 40x30", SyntheticHeatmaps.constant(40, 30, 19, 0.7f))));
    }

    @ParameterizedTest(name = "filter {0}, {1}")
    @MethodSource("syntheticMaps")
    void separableIsWithinToleranceOfDepthwiseOnSyntheticMaps(int size, String name, FeatureMaps maps) {
        GaussianKernel kernel = new GaussianKernel(size, 3.0);
        assertWithinTolerance(maps, kernel, maps.channels());
    }

    @ParameterizedTest(name = "filter {0}")
    @ValueSource(ints = {5, 9, 13, 25})
    void separableIsWithinToleranceOfDepthwiseOnSkiParts(int size) {
        assertWithinTolerance(ModelHeatmaps.of("ski.jpg"), new GaussianKernel(size, 3.0), CocoPart.COUNT);
    }

    /**
     * The background channel is not smoothed by the Java detectors; at filter 25 its values near
     * 1 carry TensorFlow's own rounding of a 625-term float sum, about 1.3e-6 from exact.
     */
    @Test
    void separableIsWithinTwiceTheToleranceOnTheSkiBackground() {
        FeatureMaps maps = ModelHeatmaps.of("ski.jpg");
        GaussianKernel kernel = new GaussianKernel(25, 3.0);
        assertTrue(maxDifference(maps, kernel, CocoPart.COUNT, maps.channels()) <= 2 * TOLERANCE);
    }

    private static void assertWithinTolerance(FeatureMaps maps, GaussianKernel kernel, int channels) {
        double worst = maxDifference(maps, kernel, 0, channels);
        assertTrue(worst <= TOLERANCE, "largest |separable - depthwise| " + worst);
    }

    private static double maxDifference(FeatureMaps maps, GaussianKernel kernel, int from, int to) {
        FeatureMaps reference;
        try (DepthwisePeakDetector depthwise = new DepthwisePeakDetector(kernel)) {
            reference = depthwise.smooth(maps);
        }
        FeatureMaps separable = SeparableSmoothing.smoothAll(maps, kernel);
        double worst = 0;
        for (int y = 0; y < maps.height(); y++) {
            for (int x = 0; x < maps.width(); x++) {
                for (int c = from; c < to; c++) {
                    worst = Math.max(worst, Math.abs(separable.get(y, x, c) - reference.get(y, x, c)));
                }
            }
        }
        return worst;
    }
}
