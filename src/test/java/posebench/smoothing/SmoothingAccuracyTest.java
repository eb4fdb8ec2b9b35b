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
import posebench.maps.MapView;
import posebench.peaks.DepthwisePeakDetector;
import posebench.peaks.SeparablePeakDetector;
import posebench.peaks.ThresholdPeakDetector;
import posebench.pose.CocoPart;
import posebench.upsample.AreaResize;

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

    static Stream<Arguments> repeatedMaps() {
        return Stream.of(2, 4, 8).flatMap(r -> Stream.of(4, 5, 13, 25).flatMap(k -> Stream.of(
                Arguments.of(r, k, "people 46x54", SyntheticHeatmaps.people(46, 54, 19, k)),
                Arguments.of(r, k, "noise 0..1 7x5", SyntheticHeatmaps.noise(7, 5, 19, 1f, k)),
                Arguments.of(r, k, "single cell", SyntheticHeatmaps.noise(1, 1, 19, 1f, k)))));
    }

    /**
     * Maps upsampled by repetition are smoothed from their source cells (summed weights, other
     * rounding). They stay within the threshold detector's proven bound of TensorFlow's values on
     * the upsampled maps, and as close to them as the plain passes (whose distance at filter 25
     * on values near 1 is TensorFlow's own rounding, above the 1e-6 of the other tests).
     */
    @ParameterizedTest(name = "ratio {0}, filter {1}, {2}")
    @MethodSource("repeatedMaps")
    void repeatedMapsAreSmoothedFromTheirSourceWithinTheBound(int ratio, int size, String name, FeatureMaps source) {
        GaussianKernel kernel = new GaussianKernel(size, 3.0);
        MapView repeated = new AreaResize(source.height(), source.width(), source.height() * ratio,
                source.width() * ratio).view(source, 0, source.channels());
        assertEquals(ratio, repeated.repetition());
        FeatureMaps upsampled = FeatureMaps.stored(repeated);
        FeatureMaps fromSource = SeparableSmoothing.smoothAll(repeated, kernel);
        FeatureMaps plain = SeparableSmoothing.smoothAll(upsampled, kernel);
        FeatureMaps reference;
        double errorPerUnit;
        try (DepthwisePeakDetector depthwise = new DepthwisePeakDetector(kernel);
                ThresholdPeakDetector threshold = new ThresholdPeakDetector(kernel, 1)) {
            reference = depthwise.smooth(upsampled);
            errorPerUnit = threshold.errorPerUnit();
        }
        for (int c = 0; c < source.channels(); c++) {
            double largest = 0;
            double worst = 0;
            double plainWorst = 0;
            int differing = 0;
            for (int y = 0; y < upsampled.height(); y++) {
                for (int x = 0; x < upsampled.width(); x++) {
                    largest = Math.max(largest, Math.abs(upsampled.get(y, x, c)));
                    worst = Math.max(worst, Math.abs(fromSource.get(y, x, c) - reference.get(y, x, c)));
                    plainWorst = Math.max(plainWorst, Math.abs(plain.get(y, x, c) - reference.get(y, x, c)));
                    differing += fromSource.get(y, x, c) != plain.get(y, x, c) ? 1 : 0;
                }
            }
            String where = "channel " + c + ": largest |from source - depthwise| " + worst;
            assertTrue(worst <= errorPerUnit * largest, where + ", bound " + errorPerUnit * largest);
            assertTrue(worst <= plainWorst + 4 * Math.ulp((float) largest), where + ", plain " + plainWorst);
            // Another arithmetic really ran: where the kernel spans several source cells, some sums differ.
            if (c == 0 && size > ratio && source.height() > 1) {
                assertTrue(differing > 0, "the repeated path gave the plain path's bits everywhere");
            }
        }
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

    static Stream<Arguments> perCellBoundMaps() {
        return Stream.of(5, 13, 25).flatMap(k -> Stream.of(
                Arguments.of(k, "ski", (MapView) ModelHeatmaps.of("ski.jpg")),
                Arguments.of(k, "p1", (MapView) ModelHeatmaps.of("p1.jpg")),
                Arguments.of(k, "people 46x54 repeated 4x", new AreaResize(46, 54, 184, 216)
                        .view(SyntheticHeatmaps.people(46, 54, 19, k), 0, 19)),
                Arguments.of(k, "noise -0.5..1 31x40", shifted(SyntheticHeatmaps.noise(31, 40, 19, 1.5f, k), -0.5f))));
    }

    /** The maps with {@code offset} added to every value: negative values too. */
    private static FeatureMaps shifted(FeatureMaps maps, float offset) {
        float[] data = maps.data();
        for (int i = 0; i < data.length; i++) {
            data[i] += offset;
        }
        return maps;
    }

    /**
     * The threshold detector's per-cell bound holds on every cell checked (those that can matter
     * for a peak, above 0.03, and a grid of the rest), on either smoothing path, with negative
     * values too, and is well below the channel-wide bound on smaller cells. (On the largest cells its
     * factor term, a largest ratio rather than a sum, can make it a few percent wider: the detector
     * takes the smaller of the two.)
     */
    @ParameterizedTest(name = "filter {0}, {1}")
    @MethodSource("perCellBoundMaps")
    void thePerCellBoundHolds(int size, String name, MapView maps) {
        GaussianKernel kernel = new GaussianKernel(size, 3.0);
        FeatureMaps separable = SeparableSmoothing.smoothAll(maps, kernel);
        FeatureMaps reference;
        try (DepthwisePeakDetector depthwise = new DepthwisePeakDetector(kernel);
                ThresholdPeakDetector threshold = new ThresholdPeakDetector(kernel, 1)) {
            reference = depthwise.smooth(FeatureMaps.stored(maps));
            int checked = 0;
            int tighter = 0;
            for (int c = 0; c < CocoPart.COUNT; c++) {
                double largest = 0;
                for (int y = 0; y < maps.height(); y++) {
                    for (int x = 0; x < maps.width(); x++) {
                        largest = Math.max(largest, Math.abs(maps.get(y, x, c)));
                    }
                }
                double channelWide = threshold.errorPerUnit() * largest;
                for (int y = 0; y < maps.height(); y++) {
                    for (int x = 0; x < maps.width(); x++) {
                        if (!(separable.get(y, x, c) > 0.03 || (y * 7 + x) % 11 == 0)) {
                            continue;
                        }
                        double bound = threshold.errorAt(maps, c, y, x);
                        double distance = Math.abs((double) separable.get(y, x, c) - reference.get(y, x, c));
                        String where = name + " channel " + c + " (" + y + ", " + x + ")";
                        assertTrue(distance <= bound, where + ": |separable - depthwise| " + distance + " > bound " + bound);
                        checked++;
                        tighter += bound < channelWide / 2 ? 1 : 0;
                    }
                }
            }
            assertTrue(checked > 100, "cells checked: " + checked);
            assertTrue(tighter > checked / 10, tighter + " of " + checked + " cells have a bound below half the channel's");
        }
    }
}
