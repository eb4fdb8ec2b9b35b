package posebench.bench.image;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

import posebench.estimator.PipelineOptions;
import posebench.image.BgrImage;
import posebench.image.ImageDecoder;
import posebench.image.InputTensor;

/**
 * The preprocessing of the benchmark image to the network input, whole ({@link InputTensor#of}
 * to a Java array, {@link #intoTensor} straight into a kept native tensor as the pipeline does,
 * {@link #intoNewTensor} into a new one) and by its parts: OpenCV's bicubic resize to 432x368, the
 * float conversion, and the copy of the floats into the tensor TensorFlow reads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class PreprocessingBenchmark {

    private final int width = PipelineOptions.DEFAULTS.targetWidth();
    private final int height = PipelineOptions.DEFAULTS.targetHeight();
    private BgrImage image;
    private Mat source;
    private Mat resized;
    private Mat floats;
    private float[] input;
    /** The network input tensor, written again by each {@link #intoTensor}. */
    private TFloat32 kept;

    @Setup(Level.Trial)
    public void setUp() {
        image = BenchmarkImage.resolve(BenchmarkImage.AUTO);
        ImageDecoder.ensureLoaded();
        source = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        source.put(0, 0, image.pixels());
        resized = new Mat();
        floats = new Mat();
        kept = TFloat32.tensorOf(Shape.of(1, height, width, 3));
        input = inputTensor();
        float[] parts = new float[input.length];
        convert().get(0, 0, parts);
        if (!Arrays.equals(parts, input)) {
            throw new IllegalStateException("resize and conversion differ from InputTensor.of");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        source.release();
        resized.release();
        floats.release();
        kept.close();
    }

    @Benchmark
    public float[] inputTensor() {
        return InputTensor.of(image, width, height);
    }

    @Benchmark
    public Mat resize() {
        Imgproc.resize(source, resized, new Size(width, height), 0, 0, Imgproc.INTER_CUBIC);
        return resized;
    }

    /** Resize, then conversion: the conversion's time is this less {@link #resize}. */
    @Benchmark
    public Mat convert() {
        resize().convertTo(floats, CvType.CV_32FC3);
        return floats;
    }

    /**
     * Resize and conversion written into the kept native tensor, which the session then reads, as
     * {@code PoseEstimator.prepare} does with the tensor of a closed input: no Java array, no copy.
     */
    @Benchmark
    public long intoTensor() {
        InputTensor.write(image, width, height, true, kept.asRawTensor().data().asFloats());
        return kept.numBytes();
    }

    /** The same into a new tensor per image: with the allocation, which TensorFlow's allocator may not pool. */
    @Benchmark
    public long intoNewTensor() {
        try (TFloat32 tensor = TFloat32.tensorOf(Shape.of(1, height, width, 3))) {
            InputTensor.write(image, width, height, true, tensor.asRawTensor().data().asFloats());
            return tensor.numBytes();
        }
    }

    /** The feed of a Java array: the floats copied into a new native tensor. */
    @Benchmark
    public long tensor() {
        try (TFloat32 tensor = TFloat32.tensorOf(Shape.of(1, height, width, 3), DataBuffers.of(input, true, false))) {
            return tensor.numBytes();
        }
    }
}
