package posebench.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.proto.ConfigProto;

import posebench.SharedData;
import posebench.SyntheticHeatmaps;
import posebench.estimator.Detections;
import posebench.estimator.PipelineOptions;
import posebench.estimator.PoseEstimator;
import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.maps.FeatureMaps;
import posebench.model.ModelLoader;
import posebench.model.PoseModel;
import posebench.paf.PafAssembler;
import posebench.peaks.Peak;
import posebench.peaks.PeakDetector;
import posebench.peaks.PeakList;
import posebench.pose.Human;
import posebench.scene.Scene;
import posebench.scene.SceneRenderer;
import posebench.smoothing.GaussianKernel;
import posebench.peaks.PeakDetectorKind;
import posebench.upsample.AreaUpsampling;

/**
 * Post-processing from the raw network output against tf-pose's: TensorFlow's area upsampling,
 * depthwise smoothing and max-pool, then PAF assembly. Peaks and humans must be equal, float for float.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostProcessorTest {

    private static final double[] RATIOS = {1, 2, 2.5, 3, 4, 5, 6, 7, 8};

    private PoseModel model;

    /** The real model, loaded once; a skipped test without ../shared. */
    private PoseModel model() {
        if (model == null) {
            model = ModelLoader.load(SharedData.mobilenetV2Small());
        }
        return model;
    }

    static Stream<Arguments> realCases() {
        Stream<Arguments> ratios = DoubleStream.of(RATIOS).mapToObj(r -> Arguments.of("ski.jpg", r, 25));
        Stream<Arguments> images = Stream.of("ski.jpg", "p1.jpg", "p3.jpg", "COCO_val2014_000000000357.jpg")
                .flatMap(image -> Stream.of(Arguments.of(image, 4.0, 5), Arguments.of(image, 4.0, 13)));
        return Stream.concat(ratios, images);
    }

    @ParameterizedTest(name = "{0}, ratio {1}, filter {2}")
    @MethodSource("realCases")
    void realModelOutputsGiveTheDepthwisePipelinesHumans(String image, double ratio, int filter) {
        PipelineOptions options = PipelineOptions.DEFAULTS.withResizeOutRatio(ratio).withFilterSize(filter);
        try (PoseEstimator reference = new PoseEstimator(model(), options);
                PostProcessor fused = new PostProcessor(options.heatmapHeight(), options.heatmapWidth(),
                        options.kernel(), 2)) {
            FeatureMaps output = reference.infer(reference.preprocess(ImageDecoder.decode(SharedData.image(image))));
            Detections detections = reference.detectFromNetworkOutput(output);
            assertTrue(fused.appliesTo(output.height(), output.width()));
            assertFalse(detections.peaks().all().isEmpty(), "the reference finds peaks");
            assertEquals(detections.peaks().all(), fused.peaks(output).all());
            List<Human> humans = reference.assemble(detections);
            assertEquals(humans, fused.humans(output));
        }
    }

    /** The estimator with the fused smoother, one Java thread, end to end. */
    @Test
    void fusedEstimatorGivesTheDepthwiseEstimatorsHumans() {
        PipelineOptions options = PipelineOptions.DEFAULTS;
        ConfigProto oneThread = ConfigProto.newBuilder().setIntraOpParallelismThreads(1).build();
        BgrImage image = ImageDecoder.decode(SharedData.image("p3.jpg"));
        try (PoseEstimator reference = new PoseEstimator(model(), options);
                PoseEstimator fused = new PoseEstimator(model(), options.withSmoother(PeakDetectorKind.FUSED), oneThread)) {
            List<Human> expected = reference.estimate(image);
            assertTrue(fused.postProcessesInJava(46, 54));
            assertEquals(expected, fused.estimate(image));
            assertEquals(expected, fused.estimate(image), "the second run, on reused scratch");
        }
    }

    static Stream<Arguments> handMadeCases() {
        return DoubleStream.of(RATIOS).boxed().flatMap(r -> Stream.of(
                Arguments.of(r, 25, "scene of 1 at 46x54", scene(46, 54, 1, 1)),
                Arguments.of(r, 9, "scene of 2 at 60x80", scene(60, 80, 2, 2)),
                Arguments.of(r, 25, "mirrored 46x54", withPafs(SyntheticHeatmaps.mirrored(46, 54, 19, 3), 4)),
                Arguments.of(r, 13, "steps 23x30", withPafs(SyntheticHeatmaps.steps(23, 30, 19, 0.3f, 3, 5), 6)),
                Arguments.of(r, 5, "people 12x10", withPafs(SyntheticHeatmaps.people(12, 10, 19, 7), 8))));
    }

    @ParameterizedTest(name = "ratio {0}, filter {1}, {2}")
    @MethodSource("handMadeCases")
    void handMadeOutputsGiveTheDepthwisePipelinesHumans(double ratio, int filter, String name, FeatureMaps output) {
        int height = (int) (output.height() * ratio);
        int width = (int) (output.width() * ratio);
        GaussianKernel kernel = new GaussianKernel(filter, 3.0);
        List<FeatureMaps> upsampled = AreaUpsampling.run(output, height, width);
        List<Peak> peaks;
        List<Human> humans;
        try (PeakDetector depthwise = PeakDetectorKind.DEPTHWISE.detector(kernel)) {
            PeakList list = depthwise.detect(upsampled.get(0));
            peaks = list.all();
            humans = new PafAssembler().assemble(list, upsampled.get(0), upsampled.get(1));
        }
        try (PostProcessor fused = new PostProcessor(height, width, kernel, 2)) {
            assertTrue(fused.appliesTo(output.height(), output.width()));
            assertEquals(peaks, fused.peaks(output).all());
            assertEquals(humans, fused.humans(output));
        }
    }

    private static FeatureMaps scene(int height, int width, int people, long seed) {
        Scene scene = new SceneRenderer(height, width, 0.8, 0.9f, 0.5).render(people, seed);
        return scene.networkOutput();
    }

    /** Heatmaps with seeded PAF noise beside them, [h, w, 57]. */
    private static FeatureMaps withPafs(FeatureMaps heatmaps, long seed) {
        FeatureMaps pafs = SyntheticHeatmaps.noise(heatmaps.height(), heatmaps.width(), 38, 1f, seed);
        return new Scene(heatmaps, pafs, List.of()).networkOutput();
    }
}
