package posebench.peaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import posebench.ModelHeatmaps;
import posebench.SyntheticHeatmaps;
import posebench.maps.FeatureMaps;
import posebench.pose.CocoPart;
import posebench.smoothing.GaussianKernel;

/** The Java detectors against the reference, TensorFlow's depthwise smoothing and max-pool. */
class PeakDetectorsTest {

    private static final int[] FILTERS = {5, 9, 13, 25};

    static Stream<Arguments> realImages() {
        return Stream.of("ski.jpg", "p1.jpg", "p3.jpg", "COCO_val2014_000000000357.jpg")
                .flatMap(image -> Arrays.stream(FILTERS).mapToObj(k -> Arguments.of(image, k)));
    }

    @ParameterizedTest(name = "{0}, filter {1}")
    @MethodSource("realImages")
    void bothJavaDetectorsFindTheReferencePeaksOnRealHeatmaps(String image, int size) {
        FeatureMaps heatmaps = ModelHeatmaps.of(image);
        GaussianKernel kernel = new GaussianKernel(size, 3.0);
        List<Peak> reference = detect(PeakDetectorKind.DEPTHWISE, kernel, heatmaps);
        assertTrue(reference.size() > 5, "the real maps have peaks");
        try (ThresholdPeakDetector threshold = new ThresholdPeakDetector(kernel, 2)) {
            assertEquals(reference, threshold.detect(heatmaps).all());
            // The figure docs/exactness.md quotes: how often TensorFlow settles a test on real maps.
            System.out.printf(Locale.ROOT, "%s filter %d: %d peaks, %d peak tests decided by per-cell bounds, %d settled by"
                    + " TensorFlow in %d session run(s)%n", image, size, reference.size(), threshold.refinedCells(),
                    threshold.settledCells(), threshold.settlingRuns());
        }
        assertEquals(reference, detect(PeakDetectorKind.SEPARABLE, kernel, heatmaps));
    }

    static Stream<Arguments> handMadeMaps() {
        return Arrays.stream(FILTERS).boxed().flatMap(k -> Stream.of(
                Arguments.of(k, "people 184x216", SyntheticHeatmaps.people(184, 216, 19, k)),
                Arguments.of(k, "people 37x53", SyntheticHeatmaps.people(37, 53, 19, 100 + k)),
                Arguments.of(k, "mirrored 46x54", SyntheticHeatmaps.mirrored(46, 54, 19, k)),
                Arguments.of(k, "mirrored 45x80", SyntheticHeatmaps.mirrored(45, 80, 19, 7 * k)),
                Arguments.of(k, "noise 0..0.2 60x70", SyntheticHeatmaps.noise(60, 70, 19, 0.2f, k)),
                Arguments.of(k, "steps 0..0.3 50x40", SyntheticHeatmaps.steps(50, 40, 19, 0.3f, 3, k)),
                Arguments.of(k, "constant 0.3 40x36", SyntheticHeatmaps.constant(40, 36, 19, 0.3f)),
                Arguments.of(k, "constant 0.05 30x30", SyntheticHeatmaps.constant(30, 30, 19, 0.05f)),
                Arguments.of(k, "tiny 3x2", SyntheticHeatmaps.noise(3, 2, 19, 1f, k)),
                Arguments.of(k, "single cell", SyntheticHeatmaps.constant(1, 1, 19, 0.5f)),
                Arguments.of(k, "wide 4x300", SyntheticHeatmaps.people(4, 300, 19, k)),
                Arguments.of(k, "tall 300x4", SyntheticHeatmaps.people(300, 4, 19, k))));
    }

    @ParameterizedTest(name = "filter {0}, {1}")
    @MethodSource("handMadeMaps")
    void thresholdFindsExactlyTheReferencePeaks(int size, String name, FeatureMaps heatmaps) {
        GaussianKernel kernel = new GaussianKernel(size, 3.0);
        assertEquals(detect(PeakDetectorKind.DEPTHWISE, kernel, heatmaps), detect(PeakDetectorKind.THRESHOLD, kernel, heatmaps));
    }

    @Test
    void plateauCellsAreAllPeaksAndSettledExactly() {
        FeatureMaps heatmaps = SyntheticHeatmaps.constant(40, 36, 19, 0.3f);
        GaussianKernel kernel = new GaussianKernel(25, 3.0);
        List<Peak> reference = detect(PeakDetectorKind.DEPTHWISE, kernel, heatmaps);
        try (ThresholdPeakDetector threshold = new ThresholdPeakDetector(kernel, 2)) {
            assertEquals(reference, threshold.detect(heatmaps).all());
            assertTrue(threshold.settledCells() >= reference.size(), "plateau cells are near-ties");
            assertEquals(1, threshold.settlingRuns(), "one session run settles all channels");
        }
        // Where the whole window is inside, every cell sums the same taps: one plateau of peaks.
        int interior = (40 - 24) * (36 - 24);
        assertTrue(reference.size() >= CocoPart.COUNT * interior, "plateau peaks: " + reference.size());
    }

    /**
     * Two channels with a tie that only TensorFlow can settle (two equal cells side by side): with
     * two threads the first is settled early, beside the other worker's channels, and the second
     * at the end; with one, both at the end. The peaks are the reference's either way.
     */
    @ParameterizedTest(name = "filter {0}")
    @ValueSource(ints = {5, 25})
    void tiesInTwoChannelsAreSettledInAtMostTwoRuns(int size) {
        FeatureMaps heatmaps = FeatureMaps.zeros(40, 44, 19);
        // A block 3 tall and 2 wide, and one 2 tall and 3 wide: the middle pair of each ties.
        for (int y = 11; y <= 13; y++) {
            heatmaps.set(y, 15, 2, 4f);
            heatmaps.set(y, 16, 2, 4f);
        }
        for (int x = 29; x <= 31; x++) {
            heatmaps.set(25, x, 11, 4f);
            heatmaps.set(26, x, 11, 4f);
        }
        GaussianKernel kernel = new GaussianKernel(size, 3.0);
        List<Peak> reference = detect(PeakDetectorKind.DEPTHWISE, kernel, heatmaps);
        int detections = 20;
        for (int threads : new int[] {1, 2}) {
            try (ThresholdPeakDetector threshold = new ThresholdPeakDetector(kernel, threads)) {
                for (int i = 0; i < detections; i++) {
                    assertEquals(reference, threshold.detect(heatmaps).all(), threads + " thread(s)");
                }
                assertEquals(4L * detections, threshold.settledCells(), "both cells of both pairs are open");
                long runs = threshold.settlingRuns();
                if (threads == 1) {
                    assertEquals(detections, runs, "one run at the end of each detection");
                } else {
                    // Early unless the other worker had taken every channel left (so at most 2 per detection).
                    assertTrue(runs > detections && runs <= 2L * detections, runs + " runs");
                }
            }
        }
    }

    /** Sharp spikes on corners and edges: with zero padding only a near-delta keeps its peak there. */
    @Test
    void peaksOnBordersAndCorners() {
        FeatureMaps heatmaps = FeatureMaps.zeros(50, 60, 19);
        SyntheticHeatmaps.addBump(heatmaps, 0, 0, 0, 40, 0.5);
        SyntheticHeatmaps.addBump(heatmaps, 1, 59, 49, 40, 0.5);
        SyntheticHeatmaps.addBump(heatmaps, 2, 59, 20, 40, 0.5);
        SyntheticHeatmaps.addBump(heatmaps, 3, 0, 20, 40, 0.5);
        SyntheticHeatmaps.addBump(heatmaps, 4, 30, 0, 40, 0.5);
        for (int size : FILTERS) {
            GaussianKernel kernel = new GaussianKernel(size, 3.0);
            List<Peak> reference = detect(PeakDetectorKind.DEPTHWISE, kernel, heatmaps);
            assertEquals(List.of("0,0", "59,49", "59,20", "0,20", "30,0"),
                    reference.stream().map(p -> p.x() + "," + p.y()).toList(), "filter " + size);
            assertEquals(reference, detect(PeakDetectorKind.THRESHOLD, kernel, heatmaps));
            assertEquals(reference, detect(PeakDetectorKind.SEPARABLE, kernel, heatmaps));
        }
    }

    /**
     * Separable rounding differs from TensorFlow's, so on exact ties (mirror images, a plateau at
     * 0.05) it may decide otherwise, but only there: each disagreement is a near-tie in TensorFlow's
     * own values, with a neighbour or with the threshold.
     */
    @ParameterizedTest(name = "filter {0}")
    @ValueSource(ints = {5, 9, 13, 25})
    void separableDisagreesOnlyOnNearTies(int size) {
        GaussianKernel kernel = new GaussianKernel(size, 3.0);
        for (FeatureMaps heatmaps : List.of(SyntheticHeatmaps.mirrored(46, 54, 19, size),
                SyntheticHeatmaps.constant(30, 30, 19, 0.05f))) {
            FeatureMaps smoothed;
            List<Peak> reference;
            try (DepthwisePeakDetector depthwise = new DepthwisePeakDetector(kernel)) {
                smoothed = depthwise.smooth(heatmaps);
                reference = depthwise.detect(heatmaps).all();
            }
            Set<String> disagreements = cells(reference);
            Set<String> separable = cells(detect(PeakDetectorKind.SEPARABLE, kernel, heatmaps));
            Set<String> both = new HashSet<>(disagreements);
            both.retainAll(separable);
            disagreements.addAll(separable);
            disagreements.removeAll(both);
            for (String cell : disagreements) {
                String[] p = cell.split(",");
                assertTrue(isNearTie(smoothed, Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])),
                        "separable and depthwise disagree on part,x,y " + cell + " away from any near-tie");
            }
        }
    }

    private static Set<String> cells(List<Peak> peaks) {
        Set<String> cells = new HashSet<>();
        peaks.forEach(p -> cells.add(p.part() + "," + p.x() + "," + p.y()));
        return cells;
    }

    private static boolean isNearTie(FeatureMaps smoothed, int part, int x, int y) {
        double nearTie = 2e-6;
        float value = smoothed.get(y, x, part);
        if (Math.abs(value - PeakList.HEAT_THRESHOLD) <= nearTie) {
            return true;
        }
        for (int ny = Math.max(0, y - 1); ny <= Math.min(smoothed.height() - 1, y + 1); ny++) {
            for (int nx = Math.max(0, x - 1); nx <= Math.min(smoothed.width() - 1, x + 1); nx++) {
                if ((nx != x || ny != y) && Math.abs(smoothed.get(ny, nx, part) - value) <= nearTie) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void backgroundChannelIsIgnored() {
        FeatureMaps heatmaps = FeatureMaps.zeros(30, 30, 19);
        SyntheticHeatmaps.addBump(heatmaps, 18, 15, 15, 0.9, 3);
        for (PeakDetectorKind smoother : PeakDetectorKind.values()) {
            try (PeakDetector detector = smoother.detector(new GaussianKernel(25, 3.0))) {
                assertEquals(0, detector.detect(heatmaps).size(), smoother.label());
            }
        }
    }

    @Test
    void resultDoesNotDependOnThreadsOrRepetition() {
        FeatureMaps heatmaps = SyntheticHeatmaps.people(90, 70, 19, 3);
        GaussianKernel kernel = new GaussianKernel(13, 3.0);
        List<Peak> reference = detect(PeakDetectorKind.DEPTHWISE, kernel, heatmaps);
        for (PeakDetectorKind smoother : List.of(PeakDetectorKind.SEPARABLE, PeakDetectorKind.THRESHOLD)) {
            for (int threads : new int[] {1, 2, 5, 32}) {
                try (PeakDetector detector = smoother.detector(kernel, threads)) {
                    assertEquals(reference, detector.detect(heatmaps).all());
                    // Another shape in between: scratch is rebuilt, then reused.
                    detector.detect(SyntheticHeatmaps.people(20, 30, 19, 4));
                    assertEquals(reference, detector.detect(heatmaps).all());
                }
            }
        }
    }

    @Test
    void peaksAreNumberedInPartThenRowMajorOrder() {
        PeakList peaks;
        try (PeakDetector detector = PeakDetectorKind.THRESHOLD.detector(new GaussianKernel(9, 3.0))) {
            peaks = detector.detect(SyntheticHeatmaps.people(60, 80, 19, 11));
        }
        for (int i = 0; i < peaks.size(); i++) {
            Peak p = peaks.byId(i);
            assertEquals(i, p.id());
            if (i > 0) {
                Peak q = peaks.byId(i - 1);
                assertTrue(q.part() < p.part() || q.part() == p.part()
                        && (q.y() < p.y() || q.y() == p.y() && q.x() < p.x()), q + " before " + p);
            }
        }
    }

    @Test
    void smootherNames() {
        assertEquals(PeakDetectorKind.DEPTHWISE, PeakDetectorKind.named("depthwise"));
        assertEquals(PeakDetectorKind.SEPARABLE, PeakDetectorKind.named("separable"));
        assertEquals(PeakDetectorKind.THRESHOLD, PeakDetectorKind.named("threshold"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeakDetectorKind.named("fast"));
        assertTrue(e.getMessage().contains("'fast'") && e.getMessage().contains("depthwise, separable, threshold"),
                e.getMessage());
        GaussianKernel kernel = new GaussianKernel(5, 3.0);
        try (PeakDetector d = PeakDetectorKind.DEPTHWISE.detector(kernel);
                PeakDetector s = PeakDetectorKind.SEPARABLE.detector(kernel);
                PeakDetector t = PeakDetectorKind.THRESHOLD.detector(kernel)) {
            assertInstanceOf(DepthwisePeakDetector.class, d);
            assertInstanceOf(SeparablePeakDetector.class, s);
            assertInstanceOf(ThresholdPeakDetector.class, t);
        }
        assertThrows(IllegalArgumentException.class, () -> PeakDetectorKind.THRESHOLD.detector(kernel, 0));
    }

    private static List<Peak> detect(PeakDetectorKind smoother, GaussianKernel kernel, FeatureMaps heatmaps) {
        try (PeakDetector detector = smoother.detector(kernel)) {
            return detector.detect(heatmaps).all();
        }
    }
}
