package posebench.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.ndarray.buffer.DataBuffers;

import posebench.SharedData;
import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.model.ModelLoader;
import posebench.model.PoseModel;
import posebench.model.TinyPoseGraph;
import posebench.pose.Human;
import posebench.peaks.PeakDetectorKind;

class BatchedDetectTest {

    private static final PipelineOptions SMALL = PipelineOptions.DEFAULTS.withTargetSize(64, 48).withFilterSize(5);

    private static BgrImage noise(long seed) {
        byte[] pixels = new byte[40 * 56 * 3];
        new Random(seed).nextBytes(pixels);
        return new BgrImage(pixels, 40, 56);
    }

    @ParameterizedTest
    @EnumSource(PeakDetectorKind.class)
    void batchOfThreeEqualsThreeSingleRuns(PeakDetectorKind smoother) {
        PoseModel model = ModelLoader.validate(TinyPoseGraph.withChannels(57), "tiny", PoseModel.DEFAULT_INPUT,
                PoseModel.DEFAULT_OUTPUT);
        try (PoseEstimator estimator = new PoseEstimator(model, SMALL.withSmoother(smoother))) {
            List<BgrImage> images = List.of(noise(1), noise(2), noise(3));
            List<Detections> batch = estimator.detectFromInputs(images.stream().map(estimator::preprocess).toList());
            assertEquals(3, batch.size());
            for (int i = 0; i < images.size(); i++) {
                Detections single = estimator.detectFromImage(images.get(i));
                assertArrayEquals(single.heatmaps().data(), batch.get(i).heatmaps().data(), 1e-5f);
                assertArrayEquals(single.pafs().data(), batch.get(i).pafs().data(), 1e-5f);
                assertEquals(single.peaks().size(), batch.get(i).peaks().size());
            }
            // Different images must give different maps, or the test above would pass on a broken slice.
            assertTrue(batch.get(0).heatmaps().data()[0] != batch.get(1).heatmaps().data()[0]
                    || batch.get(1).heatmaps().data()[0] != batch.get(2).heatmaps().data()[0]);
            assertEquals(List.of(), estimator.detectFromInputs(List.of()));
        }
    }

    /** The input written into the network's own tensor runs the network on the same values as the Java array. */
    @Test
    void preparedInputGivesThePreprocessedInputsOutput() {
        PoseModel model = ModelLoader.validate(TinyPoseGraph.withChannels(57), "tiny", PoseModel.DEFAULT_INPUT,
                PoseModel.DEFAULT_OUTPUT);
        try (PoseEstimator estimator = new PoseEstimator(model, SMALL)) {
            BgrImage image = noise(4);
            float[] preprocessed = estimator.preprocess(image);
            try (NetworkInput prepared = estimator.prepare(image)) {
                float[] written = new float[preprocessed.length];
                prepared.tensor().copyTo(DataBuffers.of(written, false, false));
                assertArrayEquals(preprocessed, written);
                assertArrayEquals(estimator.infer(preprocessed).data(), estimator.infer(prepared).data());
                assertArrayEquals(estimator.infer(preprocessed).data(), estimator.infer(prepared).data(),
                        "the prepared input stays open and unchanged for another run");
            }
            assertThrows(IllegalStateException.class, () -> {
                NetworkInput closed = estimator.prepare(image);
                closed.close();
                estimator.infer(closed);
            });
            try (PoseEstimator other = new PoseEstimator(model, SMALL.withTargetSize(32, 24));
                    NetworkInput small = other.prepare(image)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> estimator.infer(small));
                assertTrue(e.getMessage().contains("[1, 24, 32, 3]") && e.getMessage().contains("[1, 48, 64, 3]"),
                        e.getMessage());
            }
        }
    }

    /**
     * A closed input's tensor is written again for the next image, whole, so nothing of the image
     * before reaches the network; the estimator keeps a few, frees the rest and, once closed, all.
     */
    @Test
    void aClosedInputsTensorIsWrittenAgainForTheNextImage() {
        PoseModel model = ModelLoader.validate(TinyPoseGraph.withChannels(57), "tiny", PoseModel.DEFAULT_INPUT,
                PoseModel.DEFAULT_OUTPUT);
        NetworkInput open;
        PoseEstimator closed;
        try (PoseEstimator estimator = new PoseEstimator(model, SMALL)) {
            closed = estimator;
            BgrImage first = noise(5);
            BgrImage second = noise(6);
            NetworkInput prepared = estimator.prepare(first);
            float[] firstOutput = estimator.infer(prepared).data();
            prepared.close();
            prepared.close();
            assertEquals(1, estimator.idleInputs(), "closed twice, kept once");
            try (NetworkInput again = estimator.prepare(second)) {
                assertEquals(0, estimator.idleInputs(), "the kept tensor is taken");
                float[] preprocessed = estimator.preprocess(second);
                float[] written = new float[preprocessed.length];
                again.tensor().copyTo(DataBuffers.of(written, false, false));
                assertArrayEquals(preprocessed, written);
                float[] secondOutput = estimator.infer(again).data();
                assertArrayEquals(estimator.infer(preprocessed).data(), secondOutput);
                assertFalse(Arrays.equals(firstOutput, secondOutput), "two images, two outputs");
            }
            List<NetworkInput> many = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                many.add(estimator.prepare(first));
            }
            many.forEach(NetworkInput::close);
            assertEquals(8, estimator.idleInputs());
            open = estimator.prepare(first);
            assertEquals(7, estimator.idleInputs());
        }
        assertEquals(0, closed.idleInputs(), "closing the estimator frees the kept tensors");
        open.close();
        assertEquals(0, closed.idleInputs(), "an input closed after its estimator is freed, not kept");
        assertThrows(IllegalStateException.class, open::tensor);
    }

    @Test
    void wrongInputSizeNamesTheExpectedShape() {
        PoseModel model = ModelLoader.validate(TinyPoseGraph.withChannels(57), "tiny", PoseModel.DEFAULT_INPUT,
                PoseModel.DEFAULT_OUTPUT);
        try (PoseEstimator estimator = new PoseEstimator(model, SMALL)) {
            float[] good = estimator.preprocess(noise(1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> estimator.detectFromInputs(List.of(good, new float[7])));
            assertTrue(e.getMessage().contains("[48, 64, 3]"), e.getMessage());
        }
    }

    @Test
    void realModelBatchFindsTheSameHumans() {
        PoseModel model = ModelLoader.load(SharedData.mobilenetV2Small());
        try (PoseEstimator estimator = new PoseEstimator(model, PipelineOptions.DEFAULTS)) {
            BgrImage ski = ImageDecoder.decode(SharedData.image("ski.jpg"));
            BgrImage p1 = ImageDecoder.decode(SharedData.image("p1.jpg"));
            List<Detections> batch = estimator.detectFromInputs(List.of(estimator.preprocess(ski), estimator.preprocess(p1)));
            List<Human> skiHumans = estimator.assemble(batch.get(0));
            assertEquals(5, skiHumans.size());
            assertEquals(estimator.estimate(p1).size(), estimator.assemble(batch.get(1)).size());
        }
    }
}
