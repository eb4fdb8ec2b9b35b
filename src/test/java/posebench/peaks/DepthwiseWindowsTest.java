package posebench.peaks;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import posebench.ModelHeatmaps;
import posebench.SyntheticHeatmaps;
import posebench.maps.FeatureMaps;
import posebench.smoothing.GaussianKernel;

/**
 * TensorFlow's depthwise op on windows against the same op on the full map, bit for bit, on random,
 * hand-made and real maps, every cell of small maps and the borders, corners and random cells of
 * large ones, in batches of 1, 3 and all windows. {@code mvn test} runs it under each kernel this
 * machine's TensorFlow has ({@code ArithmeticPathTest}).
 */
class DepthwiseWindowsTest {

    private static final int[] FILTERS = {4, 5, 9, 13, 25};

    static Stream<Arguments> syntheticMaps() {
        return IntStream.of(FILTERS).boxed().flatMap(k -> Stream.of(
                Arguments.of(k, "noise 0..1 37x53", SyntheticHeatmaps.noise(37, 53, 19, 1f, k)),
                Arguments.of(k, "people 64x48", SyntheticHeatmaps.people(64, 48, 19, k)),
                Arguments.of(k, "mirrored 30x40", SyntheticHeatmaps.mirrored(30, 40, 19, k)),
                Arguments.of(k, "steps 0..0.3 20x25", SyntheticHeatmaps.steps(20, 25, 19, 0.3f, 3, k)),
                Arguments.of(k, "constant 0.05 30x30", SyntheticHeatmaps.constant(30, 30, 19, 0.05f)),
                Arguments.of(k, "tiny 3x2", SyntheticHeatmaps.noise(3, 2, 19, 1f, k)),
                Arguments.of(k, "thin 1x40", SyntheticHeatmaps.people(1, 40, 19, k)),
                Arguments.of(k, "57 channels 20x30", SyntheticHeatmaps.noise(20, 30, 57, 1f, k))));
    }

    @ParameterizedTest(name = "filter {0}, {1}")
    @MethodSource("syntheticMaps")
    void windowsAreTheFullMapBitForBitOnSyntheticMaps(int size, String name, FeatureMaps maps) {
        assertWindowsAreTheFullMap(maps, new GaussianKernel(size, 3.0));
    }

    static Stream<Arguments> realMaps() {
        return Stream.of("ski.jpg", "p1.jpg", "p3.jpg", "COCO_val2014_000000000357.jpg")
                .flatMap(image -> IntStream.of(5, 25).mapToObj(k -> Arguments.of(image, k)));
    }

    @ParameterizedTest(name = "{0}, filter {1}")
    @MethodSource("realMaps")
    void windowsAreTheFullMapBitForBitOnRealMaps(String image, int size) {
        assertWindowsAreTheFullMap(ModelHeatmaps.of(image), new GaussianKernel(size, 3.0));
    }

    /** Past the break-even the full-map op answers: the same values. */
    @Test
    void manyCentresTakeTheFullMap() {
        FeatureMaps maps = SyntheticHeatmaps.people(40, 30, 19, 5);
        GaussianKernel kernel = new GaussianKernel(25, 3.0);
        int[] centres = IntStream.range(0, 40 * 30).toArray();
        try (DepthwiseWindows windows = new DepthwiseWindows(kernel, 2)) {
            assertSame(maps, reference(maps, kernel), centres, centres.length,
                    windows.neighbourhoods(maps, centres, centres.length), "full map");
        }
    }

    private static void assertWindowsAreTheFullMap(FeatureMaps maps, GaussianKernel kernel) {
        FeatureMaps reference = reference(maps, kernel);
        int[] centres = centres(maps.height(), maps.width(), kernel.size());
        try (DepthwiseWindows windows = new DepthwiseWindows(kernel, 2)) {
            for (int count : new int[] {1, 3, centres.length}) {
                assertSame(maps, reference, centres, count, windows.fromWindows(maps, centres, count), count + " windows");
            }
        }
    }

    private static FeatureMaps reference(FeatureMaps maps, GaussianKernel kernel) {
        try (DepthwisePeakDetector depthwise = new DepthwisePeakDetector(kernel)) {
            return depthwise.smooth(maps);
        }
    }

    /** Every cell of a small map; else the corners, the border cells and 300 random cells. */
    private static int[] centres(int height, int width, long seed) {
        if (height * width <= 2500) {
            return IntStream.range(0, height * width).toArray();
        }
        List<Integer> cells = new ArrayList<>(List.of(0, width - 1, (height - 1) * width, height * width - 1));
        for (int x = 0; x < width; x += 3) {
            cells.add(x);
            cells.add((height - 1) * width + x);
        }
        for (int y = 0; y < height; y += 3) {
            cells.add(y * width);
            cells.add(y * width + width - 1);
        }
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            cells.add(random.nextInt(height * width));
        }
        return cells.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void assertSame(FeatureMaps maps, FeatureMaps reference, int[] centres, int count, float[] got,
            String what) {
        int h = maps.height();
        int w = maps.width();
        int c = maps.channels();
        for (int i = 0; i < count; i++) {
            int y = centres[i] / w;
            int x = centres[i] % w;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (y + dy < 0 || y + dy >= h || x + dx < 0 || x + dx >= w) {
                        continue;
                    }
                    for (int ch = 0; ch < c; ch++) {
                        float want = reference.get(y + dy, x + dx, ch);
                        float value = got[((i * 3 + dy + 1) * 3 + dx + 1) * c + ch];
                        // Bit equality, except that a zero sum may carry either sign.
                        if (Float.floatToIntBits(want == 0f ? 0f : want) != Float.floatToIntBits(value == 0f ? 0f : value)) {
                            fail(what + ": channel " + ch + " cell (" + (x + dx) + ", " + (y + dy) + ") want " + want
                                    + " got " + value);
                        }
                    }
                }
            }
        }
    }
}
