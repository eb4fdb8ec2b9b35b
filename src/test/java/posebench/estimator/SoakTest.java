package posebench.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

import posebench.NativeObjects;
import posebench.ProcessMemory;
import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.model.ModelLoader;
import posebench.model.PoseModel;
import posebench.model.TinyPoseGraph;
import posebench.output.HumansJson;
import posebench.output.SkeletonDrawing;
import posebench.pose.Human;
import posebench.peaks.PeakDetectorKind;

/**
 * The whole pipeline run over and over, as a benchmark or CI job does: decode an image, estimate,
 * write the JSON and the drawing. No run may leave a native object (tensor, Result) open, and
 * after warm-up resident memory may grow by less than 10 MB: the part outside the Java heap
 * (TensorFlow, OpenCV, the JVM's own), and the live heap. The heap's resident pages themselves
 * grow without a leak, up to the committed heap, as the collector first touches its regions.
 *
 * <p>CI runs 300 runs of the tiny graph at a small size. The long soak is opt-in:
 * {@code mvn test -Dtest=SoakTest -Dposebench.soak.runs=10000 -Dposebench.soak.model=<graph.pb>}
 * (the model at tf-pose's default 432x368 then), {@code -Dposebench.soak.smoother=threshold} for a
 * Java smoother.
 */
class SoakTest {

    private static final int RUNS = Integer.getInteger("posebench.soak.runs", 300);
    private static final String MODEL = System.getProperty("posebench.soak.model", "");
    private static final PeakDetectorKind SMOOTHER = PeakDetectorKind.named(System.getProperty("posebench.soak.smoother", "depthwise"));
    private static final long ALLOWED_GROWTH = 10L << 20;
    private static final int SAMPLES = 10;

    @TempDir
    Path dir;

    /** ski.jpg for the real model; for the tiny graph a smaller made-up picture keeps CI quick. */
    private static byte[] jpeg() throws IOException {
        Path ski = Path.of(System.getProperty("posebench.shared", "../shared"), "images", "ski.jpg");
        if (!MODEL.isEmpty() && Files.exists(ski)) {
            return Files.readAllBytes(ski);
        }
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                image.setRGB(x, y, (x * 7 + y * 13) & 0xffffff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** The check itself is sound: an unclosed tensor shows in the count until it is closed. */
    @Test
    void nativeObjectCountSeesAnUnclosedTensor() {
        // The first tensor of a JVM also opens TensorFlow's own objects.
        TFloat32.tensorOf(Shape.of(1)).close();
        long before = NativeObjects.open();
        TFloat32 forgotten = TFloat32.tensorOf(Shape.of(4, 4));
        try {
            assertEquals(before + 1, NativeObjects.open());
        } finally {
            forgotten.close();
        }
        assertEquals(before, NativeObjects.open());
    }

    /** On ONNX Runtime too: its tensors, results and sessions are native objects of their own. */
    @ParameterizedTest
    @EnumSource(InferenceEngine.class)
    void pipelineRunsWithoutLeaking(InferenceEngine runtime) throws IOException {
        PoseModel model = MODEL.isEmpty()
                ? new PoseModel(TinyPoseGraph.withChannels(57), "tiny", PoseModel.DEFAULT_INPUT,
                        PoseModel.DEFAULT_OUTPUT)
                : ModelLoader.load(Path.of(MODEL));
        PipelineOptions options = (MODEL.isEmpty() ? PipelineOptions.DEFAULTS.withTargetSize(128, 96)
                : PipelineOptions.DEFAULTS).withSmoother(SMOOTHER).withRuntime(runtime);
        byte[] jpeg = jpeg();
        Path json = dir.resolve("humans.json");
        Path png = dir.resolve("humans.png");
        // The JVM grows its heap over the first hundred runs or so.
        int warmUp = Math.max(100, RUNS / 10);
        int window = Math.max(10, (RUNS - warmUp) / SAMPLES);
        long[] outsideHeap = new long[RUNS + 1];
        List<String> samples = new ArrayList<>();
        long start = System.nanoTime();
        long liveGrowth;
        try (PoseEstimator estimator = new PoseEstimator(model, options)) {
            // Measured before the runs, not after warm-up: the full collection makes G1 give back
            // heap, and the bookkeeping it keeps outside the heap, which would dip the first window.
            long liveBefore = liveHeapBytes();
            for (int run = 1; run <= RUNS; run++) {
                long open = NativeObjects.open();
                BgrImage image = ImageDecoder.decode(jpeg, "soak.jpg");
                List<Human> humans = estimator.estimate(image);
                HumansJson.write(json, HumansJson.document("soak.jpg", model.source(), options, humans));
                SkeletonDrawing.writePng(image, humans, png);
                long leaked = NativeObjects.open() - open;
                assertTrue(leaked <= 0, "run " + run + " left " + leaked + " native object(s) open");
                boolean sampled = run == 1 || run >= warmUp && (run - warmUp) % window == 0;
                // Reading the heap's pages from /proc/self/smaps takes ~20 ms: only where it is used.
                if (sampled || run >= warmUp && run < warmUp + window || run > RUNS - window) {
                    long rss = ProcessMemory.residentBytes();
                    outsideHeap[run] = rss - ProcessMemory.heapResidentBytes();
                    if (sampled) {
                        samples.add(String.format("run %d: RSS %.1f MB, %.1f MB outside the Java heap (%.0f s)", run,
                                rss / 1048576.0, outsideHeap[run] / 1048576.0, (System.nanoTime() - start) / 1e9));
                        // Printed as it goes, so a long soak shows its progress.
                        System.out.println("[soak] " + samples.get(samples.size() - 1));
                    }
                }
            }
            liveGrowth = liveHeapBytes() - liveBefore;
        }
        // Resident memory outside the heap saw-tooths by up to ~15 MB (the JIT compiler's arenas,
        // allocator caches, G1 committing and uncommitting) and comes back; a leak raises the floor.
        // So the last window's floor is compared with the first window's median.
        long[] first = Arrays.copyOfRange(outsideHeap, warmUp, warmUp + window);
        Arrays.sort(first);
        long early = first[first.length / 2];
        long late = Arrays.stream(outsideHeap, RUNS - window + 1, RUNS + 1).min().orElseThrow();
        System.out.println("[soak] " + RUNS + " runs of " + model.source() + " at " + options.targetWidth() + "x"
                + options.targetHeight() + " (" + SMOOTHER.label() + ", " + runtime.label() + "): outside the Java heap, median "
                + (early >> 20) + " MB after warm-up, floor " + (late >> 20) + " MB at the end; live heap "
                + (liveGrowth >> 10) + " KB larger");
        assertTrue(late - early < ALLOWED_GROWTH, "native memory grew by " + ((late - early) >> 10)
                + " KB after warm-up: " + samples);
        assertTrue(liveGrowth < ALLOWED_GROWTH, "the live Java heap grew by " + (liveGrowth >> 10) + " KB");
        try (var left = Files.list(dir)) {
            assertEquals(0, left.filter(p -> !p.equals(json) && !p.equals(png)).count(), "temporary files left");
        }
    }

    /** The heap still reachable after a full collection. */
    private static long liveHeapBytes() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
