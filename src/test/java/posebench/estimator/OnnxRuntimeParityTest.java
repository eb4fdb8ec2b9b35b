package posebench.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.CsvSource;

import posebench.SharedData;
import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.maps.FeatureMaps;
import posebench.model.ModelLoader;
import posebench.model.PoseModel;
import posebench.pose.BodyPart;
import posebench.pose.Human;
import posebench.peaks.PeakDetectorKind;

/**
 * The real model on ONNX Runtime against TensorFlow on the four shared images: the raw 57-channel
 * output within 1e-4, and the same humans (parts and heatmap cells exactly, scores within 1e-3)
 * with every smoother.
 *
 * <p>p3 is the exception to 1e-4: there a batch norm in training mode ({@code expanded_conv_10/
 * depthwise}, statistics of the one image) normalises a channel of tiny variance and multiplies
 * the float32 rounding of the layers before it about tenfold. TensorFlow's own two CPU paths
 * disagree there by 2.3e-4 (oneDNN against Eigen, {@code TF_ENABLE_ONEDNN_OPTS=0}); ORT lands
 * 3.4e-4 from oneDNN and 1.5e-4 from Eigen. Its bound is 1e-3, still a hundredth of a weak peak.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxRuntimeParityTest {

    private PoseEstimator tf;
    private PoseEstimator onnx;

    @BeforeAll
    void open() {
        PoseModel model = ModelLoader.load(SharedData.mobilenetV2Small());
        tf = new PoseEstimator(model, PipelineOptions.DEFAULTS);
        onnx = new PoseEstimator(model, PipelineOptions.DEFAULTS.withRuntime(InferenceEngine.ONNX));
    }

    @AfterAll
    void close() {
        if (tf != null) {
            tf.close();
        }
        if (onnx != null) {
            onnx.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"ski, 1e-4", "p1, 1e-4", "p3, 1e-3", "COCO_val2014_000000000357, 1e-4"})
    void sameOutputAndHumans(String image, float bound) {
        BgrImage decoded = ImageDecoder.decode(SharedData.image(image + ".jpg"));
        float[] input = tf.preprocess(decoded);
        FeatureMaps expected = tf.infer(input);
        FeatureMaps actual = onnx.infer(input);
        assertEquals(List.of(expected.height(), expected.width(), expected.channels()),
                List.of(actual.height(), actual.width(), actual.channels()));
        float worst = 0;
        for (int i = 0; i < expected.data().length; i++) {
            worst = Math.max(worst, Math.abs(expected.data()[i] - actual.data()[i]));
        }
        assertTrue(worst <= bound, image + ": max |ORT - TF| = " + worst);
        assertSameHumans(tf.estimate(decoded), onnx.estimate(decoded));
    }

    /**
     * A prepared input reaches ONNX Runtime in TensorFlow's tensor memory, not through an array:
     * the same output as from the preprocessed array, bit for bit, on the same session.
     */
    @Test
    void aPreparedTensorGivesTheOutputOfItsArray() {
        BgrImage decoded = ImageDecoder.decode(SharedData.image("p1.jpg"));
        FeatureMaps fromArray = onnx.infer(onnx.preprocess(decoded));
        try (NetworkInput input = onnx.prepare(decoded)) {
            FeatureMaps fromTensor = onnx.infer(input);
            assertEquals(List.of(fromArray.height(), fromArray.width(), fromArray.channels()),
                    List.of(fromTensor.height(), fromTensor.width(), fromTensor.channels()));
            assertArrayEquals(fromArray.data(), fromTensor.data());
        }
    }

    /** The Java smoothers read ORT's upsampled maps as they read TensorFlow's. */
    @ParameterizedTest
    @EnumSource(value = PeakDetectorKind.class, names = {"SEPARABLE", "THRESHOLD"})
    void javaSmoothersOnOrtOutput(PeakDetectorKind smoother) {
        BgrImage decoded = ImageDecoder.decode(SharedData.image("ski.jpg"));
        PipelineOptions options = PipelineOptions.DEFAULTS.withSmoother(smoother).withRuntime(InferenceEngine.ONNX);
        try (PoseEstimator estimator = new PoseEstimator(onnx.model(), options)) {
            assertSameHumans(tf.estimate(decoded), estimator.estimate(decoded));
        }
    }

    static void assertSameHumans(List<Human> expected, List<Human> actual) {
        assertEquals(expected.size(), actual.size(), "number of humans");
        for (int h = 0; h < expected.size(); h++) {
            List<BodyPart> want = expected.get(h).parts();
            List<BodyPart> got = actual.get(h).parts();
            assertEquals(want.size(), got.size(), "parts of human " + h);
            for (int p = 0; p < want.size(); p++) {
                BodyPart w = want.get(p);
                BodyPart g = got.get(p);
                assertEquals(List.of(w.part(), w.px(), w.py()), List.of(g.part(), g.px(), g.py()), "human " + h);
                assertEquals(w.score(), g.score(), 1e-3, "score of " + w.part() + " of human " + h);
            }
            assertEquals(expected.get(h).score(), actual.get(h).score(), 1e-3, "score of human " + h);
        }
    }
}
