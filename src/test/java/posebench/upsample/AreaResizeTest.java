package posebench.upsample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import posebench.SharedData;
import posebench.estimator.Detections;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.image.ImageDecoder;
import posebench.maps.FeatureMaps;
import posebench.maps.MapView;
import posebench.model.ModelLoader;
import posebench.model.PoseModel;
import posebench.pose.CocoPart;
import posebench.pose.Limb;

/** The Java port of TensorFlow's ResizeArea against the op, bit for bit. */
class AreaResizeTest {

    /** Every resize-out ratio tf-pose accepts on its default input (network output 46x54), and odd shapes. */
    static Stream<Arguments> shapes() {
        Stream<Arguments> ratios = Stream.of(1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 1.5, 3.3)
                .map(r -> Arguments.of(46, 54, (int) (368 / 8.0 * r), (int) (432 / 8.0 * r)));
        return Stream.concat(ratios, Stream.of(Arguments.of(37, 53, 111, 159), Arguments.of(5, 3, 17, 13),
                Arguments.of(46, 54, 40, 50), Arguments.of(1, 1, 7, 3)));
    }

    @ParameterizedTest(name = "{0}x{1} to {2}x{3}")
    @MethodSource("shapes")
    void matchesTheOpBitForBit(int inHeight, int inWidth, int outHeight, int outWidth) {
        assertTrue(new AreaResize(inHeight, inWidth, outHeight, outWidth).matchesTensorFlow());
    }

    @ParameterizedTest(name = "{0}x{1} to {2}x{3}")
    @MethodSource("shapes")
    void rowsEqualCells(int inHeight, int inWidth, int outHeight, int outWidth) {
        FeatureMaps input = waves(inHeight, inWidth);
        MapView view = new AreaResize(inHeight, inWidth, outHeight, outWidth).view(input, 1, 2);
        float[] row = new float[outWidth];
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < outHeight; y++) {
                view.row(y, c, row);
                for (int x = 0; x < outWidth; x++) {
                    assertEquals(Float.floatToRawIntBits(view.get(y, x, c)), Float.floatToRawIntBits(row[x]),
                            "cell (" + y + ", " + x + ", " + c + ")");
                }
                if (view.repeatsRowAbove(y)) {
                    float[] above = new float[outWidth];
                    view.row(y - 1, c, above);
                    assertArrayEquals(above, row);
                }
            }
        }
    }

    /**
     * A view claims a repetition only where every cell is its source cell bit for bit (ratios 2,
     * 4, 8 here), and then its source rows are the cells they stand for; elsewhere it claims none.
     */
    @ParameterizedTest(name = "{0}x{1} to {2}x{3}")
    @MethodSource("shapes")
    void repetitionIsClaimedOnlyWhereCellsRepeat(int inHeight, int inWidth, int outHeight, int outWidth) {
        FeatureMaps input = waves(inHeight, inWidth);
        MapView view = new AreaResize(inHeight, inWidth, outHeight, outWidth).view(input, 1, 2);
        int r = view.repetition();
        boolean powerOfTwo = outHeight == 2 * inHeight || outHeight == 4 * inHeight || outHeight == 8 * inHeight;
        assertEquals(powerOfTwo && outWidth * inHeight == outHeight * inWidth ? outHeight / inHeight : 1, r);
        if (r == 1) {
            return;
        }
        float[] source = new float[inWidth];
        for (int c = 0; c < 2; c++) {
            for (int sy = 0; sy < inHeight; sy++) {
                view.sourceRow(sy, c, source);
                for (int y = sy * r; y < (sy + 1) * r; y++) {
                    for (int x = 0; x < outWidth; x++) {
                        assertEquals(Float.floatToRawIntBits(source[x / r]), Float.floatToRawIntBits(view.get(y, x, c)),
                                "cell (" + y + ", " + x + ", " + c + ")");
                    }
                }
            }
        }
    }

    /**
     * At the power-of-two ratios rows are copied with only the flush test: values at and around the
     * smallest that survives the op's {@code v * wx * wy} (and zeros, infinities), against the op.
     */
    @ParameterizedTest(name = "ratio {0}")
    @MethodSource("powersOfTwo")
    void repeatedRowsFlushAsTheOpDoes(int ratio) {
        float floor = Float.MIN_NORMAL * ratio * ratio;
        float[] values = {floor, -floor, Math.nextDown(floor), -Math.nextDown(floor), Math.nextUp(floor), floor / 2,
            Float.MIN_NORMAL, Float.MIN_VALUE, 0f, -0f, 1f, -3.5f, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 1e-30f};
        FeatureMaps input = FeatureMaps.zeros(2, values.length, PoseModel.OUTPUT_CHANNELS);
        for (int x = 0; x < values.length; x++) {
            for (int c = 0; c < PoseModel.OUTPUT_CHANNELS; c++) {
                input.data()[(x * PoseModel.OUTPUT_CHANNELS + c)] = values[x];
                input.data()[((values.length + x) * PoseModel.OUTPUT_CHANNELS + c)] = -values[(x + c) % values.length];
            }
        }
        List<FeatureMaps> op = AreaUpsampling.run(input, 2 * ratio, values.length * ratio);
        AreaResize resize = new AreaResize(2, values.length, 2 * ratio, values.length * ratio);
        assertSameBits(op.get(0), resize.view(input, 0, CocoPart.HEATMAP_CHANNELS));
        MapView view = resize.view(input, 0, CocoPart.HEATMAP_CHANNELS);
        float[] row = new float[view.width()];
        for (int y = 0; y < view.height(); y++) {
            for (int c = 0; c < view.channels(); c++) {
                view.row(y, c, row);
                for (int x = 0; x < row.length; x++) {
                    assertEquals(Float.floatToRawIntBits(op.get(0).get(y, x, c)), Float.floatToRawIntBits(row[x]),
                            "ratio " + ratio + ", cell (" + y + ", " + x + ", " + c + ") of value " + values[x / ratio]);
                }
            }
        }
    }

    static Stream<Integer> powersOfTwo() {
        return Stream.of(1, 2, 4, 8);
    }

    /** On the real model's output: the op's upsampled maps, and at ratio 4 each network cell repeated. */
    @ParameterizedTest(name = "ratio {0}")
    @MethodSource("realRatios")
    void matchesTheOpOnTheRealModel(double ratio) {
        PoseModel model = ModelLoader.load(SharedData.mobilenetV2Small());
        PipelineOptions options = PipelineOptions.DEFAULTS.withResizeOutRatio(ratio).withSmoother(
                posebench.peaks.PeakDetectorKind.THRESHOLD);
        try (PoseEstimator estimator = new PoseEstimator(model, options)) {
            FeatureMaps output = estimator.infer(estimator.preprocess(ImageDecoder.decode(SharedData.image("ski.jpg"))));
            Detections upsampled = estimator.detectFromNetworkOutput(output);
            AreaResize resize = new AreaResize(output.height(), output.width(), options.heatmapHeight(),
                    options.heatmapWidth());
            assertSameBits(upsampled.heatmaps(), resize.view(output, 0, CocoPart.HEATMAP_CHANNELS));
            assertSameBits(upsampled.pafs(), resize.view(output, CocoPart.HEATMAP_CHANNELS, Limb.PAF_CHANNELS));
            int differing = 0;
            int k = (int) ratio;
            if (k == ratio) {
                for (int y = 0; y < options.heatmapHeight(); y++) {
                    for (int x = 0; x < options.heatmapWidth(); x++) {
                        for (int c = 0; c < CocoPart.HEATMAP_CHANNELS; c++) {
                            differing += upsampled.heatmaps().get(y, x, c) == output.get(y / k, x / k, c) ? 0 : 1;
                        }
                    }
                }
                // Powers of two weigh exactly; at 3 the op's rounded weights move values by an ulp.
                if (Integer.bitCount(k) == 1) {
                    assertEquals(0, differing, "cells of the op at ratio " + k + " that are not the network cell");
                } else {
                    assertNotEquals(0, differing, "at ratio " + k + " the op repeats the network cells exactly");
                }
            }
        }
    }

    static Stream<Double> realRatios() {
        return Stream.of(2.5, 3.0, 4.0);
    }

    /** Three channels of signed values, every fifth one below the flush edge. */
    private static FeatureMaps waves(int height, int width) {
        FeatureMaps input = FeatureMaps.zeros(height, width, 3);
        for (int i = 0; i < input.data().length; i++) {
            input.data()[i] = (float) Math.sin(i * 0.7) * (i % 5 == 0 ? 1e-37f : 1f);
        }
        return input;
    }

    private static void assertSameBits(FeatureMaps expected, MapView actual) {
        assertEquals(List.of(expected.height(), expected.width(), expected.channels()),
                List.of(actual.height(), actual.width(), actual.channels()));
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                for (int c = 0; c < expected.channels(); c++) {
                    assertEquals(Float.floatToRawIntBits(expected.get(y, x, c)), Float.floatToRawIntBits(actual.get(y, x, c)),
                            "cell (" + y + ", " + x + ", " + c + ")");
                }
            }
        }
    }
}
