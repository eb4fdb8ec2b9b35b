package posebench.bench.throughput;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.imageio.ImageIO;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import posebench.bench.estimator.RuntimeParams;
import posebench.compile.CompileVariant;
import posebench.compile.SessionSettings;
import posebench.estimator.PipelineOptions;
import posebench.io.AtomicFile;
import posebench.peaks.PeakDetectorKind;
import posebench.throughput.ImageInput;
import posebench.throughput.RunSummary;
import posebench.throughput.ThroughputRunner;
import posebench.zoo.ModelSource;
import posebench.zoo.ModelZoo;

/**
 * Whole-pipeline throughput in images per second: each invocation takes {@value #IMAGES} image
 * files through a {@link ThroughputRunner} (decode, resize, network, post-processing ops, PAF
 * assembly), with its workers, batch size and pipelining as parameters. Invocations include
 * filling and draining the pipeline, as a batch job of {@value #IMAGES} images would.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ThroughputBenchmark.IMAGES)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 10, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@State(Scope.Benchmark)
public class ThroughputBenchmark extends RuntimeParams {

    /**
     * Images per invocation: a multiple of every batch size and worker count worth trying on 2-8
     * cores, and enough that filling and draining the pipeline (one image's latency each) is a
     * small and steady part of an invocation, so that ten 5 s iterations agree within a few percent.
     */
    static final int IMAGES = 32;

    @Param({"1", "2"})
    public int workers;

    @Param("1")
    public int batch;

    @Param({"true", "false"})
    public boolean pipelined;

    /** A zoo model name (cmu, mobilenet_thin) or a frozen graph file. */
    @Param(ModelZoo.DEFAULT_MODEL)
    public String model;

    /** Gaussian kernel size: tf-pose's 25 or the article's 5. */
    @Param("25")
    public int filterSize;

    /** Peak detection: depthwise (in the graph, tf-pose's), separable, threshold or fused (Java). */
    @Param("fused")
    public String smoother;

    /** Intra-op threads per session of the runtime; 0 lets it pick. */
    @Param("0")
    public int intraOp;

    /** A directory of images, cycled; where it is absent, generated 640x480 JPEGs stand in. */
    @Param("../shared/images")
    public String images;

    /** Resize with Intel IPP (true, pip's OpenCV) or as an OpenCV built without IPP does (false). */
    @Param("true")
    public boolean ipp;

    private ThroughputRunner runner;
    private List<ImageInput> inputs;
    private final LongAdder failures = new LongAdder();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<ImageInput> files = ImageInput.fromDirectory(imageDirectory());
        inputs = new ArrayList<>(IMAGES);
        for (int i = 0; i < IMAGES; i++) {
            inputs.add(new ImageInput(i, files.get(i % files.size()).file()));
        }
        PipelineOptions options = PipelineOptions.DEFAULTS.withFilterSize(filterSize)
                .withSmoother(PeakDetectorKind.named(smoother)).withIpp(ipp).withRuntime(engine());
        runner = ThroughputRunner.create(ModelSource.resolve(model), options,
                new SessionSettings(CompileVariant.NONE, intraOp, 0).toConfigProto(),
                ortSettings(intraOp),
                workers, batch, pipelined);
        runner.warmUp();
    }

    @Benchmark
    public RunSummary pipeline() {
        return runner.run(inputs, result -> {
            if (!result.ok()) {
                failures.increment();
            }
        });
    }

    /** A run whose images failed fast (wrong model, unreadable files) must not pass for a fast run. */
    @TearDown(Level.Trial)
    public void tearDown() {
        runner.close();
        if (failures.sum() > 0) {
            throw new IllegalStateException(failures.sum() + " images failed in " + images + " with " + model
                    + ": the score is not a pipeline throughput");
        }
    }

    private Path imageDirectory() throws IOException {
        Path dir = Path.of(images);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path generated = Files.createTempDirectory("posebench-images");
        Random random = new Random(42);
        for (int i = 0; i < 4; i++) {
            BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < 480; y++) {
                for (int x = 0; x < 640; x++) {
                    image.setRGB(x, y, (x / 40 * 16 + random.nextInt(32)) << 16 | (y / 30 * 16) << 8 | random.nextInt(256));
                }
            }
            AtomicFile.write(generated.resolve("generated" + i + ".jpg"), temporary -> {
                if (!ImageIO.write(image, "jpg", temporary.toFile())) {
                    throw new IOException("no ImageIO writer for JPEG");
                }
            });
        }
        System.out.println(dir + " is absent: using 4 generated 640x480 JPEGs in " + generated);
        return generated;
    }
}
