package posebench.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.proto.RunOptions;

import posebench.SharedData;
import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.model.ModelLoader;
import posebench.model.PoseModel;
import posebench.model.TinyPoseGraph;
import posebench.pose.Human;
import posebench.peaks.PeakDetectorKind;

/**
 * One estimator shared by four threads gives exactly the results of sequential use; closing it
 * while they run lets runs in flight finish and fails every later call with an
 * IllegalStateException naming the model.
 */
class ConcurrencyTest {

    private static final int THREADS = 4;
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private static PoseModel tinyModel() {
        return new PoseModel(TinyPoseGraph.withChannels(57), "tiny-pose-graph", PoseModel.DEFAULT_INPUT,
                PoseModel.DEFAULT_OUTPUT);
    }

    private static List<BgrImage> noiseImages(int count, int width, int height) {
        Random random = new Random(11);
        List<BgrImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] pixels = new byte[width * height * 3];
            random.nextBytes(pixels);
            images.add(new BgrImage(pixels, height, width));
        }
        return images;
    }

    /** What one image gives: the post-processed maps and the humans. */
    private record Outcome(float[] heatmaps, float[] pafs, int peaks, List<Human> humans) {
        static Outcome of(PoseEstimator estimator, BgrImage image) {
            Detections detections = estimator.detectFromImage(image);
            return new Outcome(detections.heatmaps().data(), detections.pafs().data(), detections.peaks().size(),
                    estimator.assemble(detections));
        }

        void assertSame(Outcome other, String what) {
            assertArrayEquals(heatmaps, other.heatmaps, what + ": heatmaps");
            assertArrayEquals(pafs, other.pafs, what + ": PAFs");
            assertEquals(peaks, other.peaks, what + ": peaks");
            assertEquals(humans, other.humans, what + ": humans");
        }
    }

    /** Each thread goes through the images in its own order, {@code rounds} times. */
    private static void assertConcurrentMatchesSequential(PoseEstimator estimator, List<BgrImage> images, int rounds)
            throws Exception {
        List<Outcome> expected = new ArrayList<>();
        for (BgrImage image : images) {
            expected.add(Outcome.of(estimator, image));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                threads.add(pool.submit(() -> {
                    start.await();
                    int compared = 0;
                    for (int k = 0; k < rounds * images.size(); k++) {
                        int i = (k + offset) % images.size();
                        expected.get(i).assertSame(Outcome.of(estimator, images.get(i)),
                                "image " + i + " on thread " + offset);
                        compared++;
                    }
                    return compared;
                }));
            }
            start.countDown();
            for (Future<Integer> thread : threads) {
                assertEquals(rounds * images.size(), thread.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Stream<Arguments> smoothersAndRuntimes() {
        List<Arguments> cases = new ArrayList<>();
        for (InferenceEngine runtime : InferenceEngine.values()) {
            for (PeakDetectorKind smoother : PeakDetectorKind.values()) {
                cases.add(Arguments.of(smoother, runtime));
            }
        }
        return cases.stream();
    }

    /** The Java smoothers lend each run a detector from a pool: that pool is under test too. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("smoothersAndRuntimes")
    void fourThreadsMatchSequentialRunsOnTheTinyGraph(PeakDetectorKind smoother, InferenceEngine runtime) {
        PipelineOptions options = PipelineOptions.DEFAULTS.withTargetSize(96, 80).withSmoother(smoother)
                .withRuntime(runtime);
        try (PoseEstimator estimator = new PoseEstimator(tinyModel(), options)) {
            assertTimeoutPreemptively(LIMIT,
                    () -> assertConcurrentMatchesSequential(estimator, noiseImages(6, 120, 90), 5));
        }
    }

    @ParameterizedTest
    @EnumSource(InferenceEngine.class)
    void fourThreadsMatchSequentialRunsOnTheRealModel(InferenceEngine runtime) {
        PoseModel model = ModelLoader.load(SharedData.mobilenetV2Small());
        List<BgrImage> images = new ArrayList<>();
        for (String name : List.of("ski.jpg", "p1.jpg", "p3.jpg", "COCO_val2014_000000000357.jpg")) {
            images.add(ImageDecoder.decode(SharedData.image(name)));
        }
        try (PoseEstimator estimator = new PoseEstimator(model, PipelineOptions.DEFAULTS.withTargetSize(216, 184)
                .withRuntime(runtime))) {
            assertTimeoutPreemptively(LIMIT, () -> assertConcurrentMatchesSequential(estimator, images, 1));
        }
    }

    /**
     * Four threads run until the estimator closes under them; each must end with the clear
     * IllegalStateException, never another error or a crash. Once per smoother, as the Java
     * ones close their detectors too.
     */
    @ParameterizedTest
    @EnumSource(InferenceEngine.class)
    void closeWhileInUseFailsLaterCallsClearly(InferenceEngine runtime) {
        List<BgrImage> images = noiseImages(2, 64, 48);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (PeakDetectorKind smoother : PeakDetectorKind.values()) {
                PoseEstimator estimator = new PoseEstimator(tinyModel(),
                        PipelineOptions.DEFAULTS.withTargetSize(64, 48).withSmoother(smoother).withRuntime(runtime));
                AtomicInteger runs = new AtomicInteger();
                CountDownLatch running = new CountDownLatch(THREADS);
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                List<Future<IllegalStateException>> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    BgrImage image = images.get(t % images.size());
                    threads.add(pool.submit(() -> {
                        try {
                            for (int k = 0; ; k++) {
                                estimator.estimate(image);
                                runs.incrementAndGet();
                                if (k == 1) {
                                    running.countDown();
                                }
                            }
                        } catch (IllegalStateException e) {
                            running.countDown();
                            return e;
                        }
                    }));
                }
                running.await();
                estimator.close();
                for (Future<IllegalStateException> thread : threads) {
                    IllegalStateException e = thread.get();
                    assertTrue(e.getMessage().contains("tiny-pose-graph") && e.getMessage().contains("closed"),
                            e.getMessage());
                }
                pool.shutdown();
                assertTrue(runs.get() >= 2 * THREADS, "runs before close: " + runs.get());
                estimator.close();
                float[] input = estimator.preprocess(images.get(0));
                assertThrows(IllegalStateException.class, () -> estimator.infer(input));
                assertThrows(IllegalStateException.class, () -> estimator.detectFromImage(images.get(0)));
                assertThrows(IllegalStateException.class,
                        () -> estimator.runWithMetadata(input, RunOptions.getDefaultInstance()));
            }
        });
    }
}
