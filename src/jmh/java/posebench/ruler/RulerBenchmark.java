package posebench.ruler;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

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
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The gate's rulers: one fixed 3x3 convolution on fixed data, computed by a plain Java loop and by
 * a TensorFlow Conv2D, so that {@code posebench gate} can tell a slower machine from slower code.
 * Both must stay unchanged: editing them invalidates every recorded baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RulerBenchmark {

    private static final int SIZE = 64;
    private static final int CHANNELS = 32;
    private static final int KERNEL = 3;
    private static final int OUT_SIZE = SIZE - KERNEL + 1;
    private static final long SEED = 20240611L;

    /** NHWC input, batch 1. */
    private final float[] input = new float[SIZE * SIZE * CHANNELS];
    /** HWIO filter, TensorFlow's Conv2D layout. */
    private final float[] filter = new float[KERNEL * KERNEL * CHANNELS * CHANNELS];
    private final float[] output = new float[OUT_SIZE * OUT_SIZE * CHANNELS];

    private Graph graph;
    private Session session;
    private TFloat32 inputTensor;
    private Placeholder<TFloat32> inputNode;
    private Conv2d<TFloat32> convolution;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (random.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < filter.length; i++) {
            filter[i] = (float) (random.nextDouble() * 2 - 1);
        }
        graph = new Graph();
        Ops tf = Ops.create(graph);
        inputNode = tf.placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(1, SIZE, SIZE, CHANNELS)));
        // The filter is a constant but the input is fed, so grappler cannot fold the convolution away.
        convolution = tf.nn.conv2d(inputNode,
                tf.constant(Shape.of(KERNEL, KERNEL, CHANNELS, CHANNELS), DataBuffers.of(filter)),
                List.of(1L, 1L, 1L, 1L), "VALID");
        // One thread each: the ruler measures the speed of a core, not how busy the other core is.
        session = new Session(graph, ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(1)
                .setInterOpParallelismThreads(1)
                .build());
        inputTensor = TFloat32.tensorOf(Shape.of(1, SIZE, SIZE, CHANNELS), DataBuffers.of(input));
        checkRulersAgree();
    }

    /** A fast wrong ruler must not pass: both implementations have to compute the same convolution. */
    private void checkRulersAgree() {
        float[] expected = javaKernel();
        try (Result result = session.runner().feed(inputNode, inputTensor).fetch(convolution).run()) {
            TFloat32 actual = (TFloat32) result.get(0);
            for (int y = 0; y < OUT_SIZE; y++) {
                for (int x = 0; x < OUT_SIZE; x++) {
                    for (int c = 0; c < CHANNELS; c++) {
                        float want = expected[(y * OUT_SIZE + x) * CHANNELS + c];
                        float got = actual.getFloat(0, y, x, c);
                        if (Math.abs(want - got) > 1e-3f) {
                            throw new IllegalStateException("ruler mismatch at (" + y + ", " + x + ", " + c
                                    + "): Java " + want + ", TensorFlow " + got);
                        }
                    }
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        inputTensor.close();
        session.close();
        graph.close();
    }

    /**
     * The convolution as a plain Java loop nest over HWC data; the innermost loop runs over output
     * channels, accumulating into a fresh array per pixel. Accumulating into the shared output array
     * instead ran 25 % slower in some JVMs than in others, which made the ruler bimodal across forks.
     */
    @Benchmark
    public float[] javaKernel() {
        for (int y = 0; y < OUT_SIZE; y++) {
            for (int x = 0; x < OUT_SIZE; x++) {
                float[] sum = new float[CHANNELS];
                for (int ky = 0; ky < KERNEL; ky++) {
                    for (int kx = 0; kx < KERNEL; kx++) {
                        int in = ((y + ky) * SIZE + x + kx) * CHANNELS;
                        int w = (ky * KERNEL + kx) * CHANNELS * CHANNELS;
                        for (int ci = 0; ci < CHANNELS; ci++) {
                            float v = input[in + ci];
                            int row = w + ci * CHANNELS;
                            for (int co = 0; co < CHANNELS; co++) {
                                sum[co] += v * filter[row + co];
                            }
                        }
                    }
                }
                System.arraycopy(sum, 0, output, (y * OUT_SIZE + x) * CHANNELS, CHANNELS);
            }
        }
        return output;
    }

    /** The same convolution as one TensorFlow Conv2D session run on a fed input. */
    @Benchmark
    public float tfOp() {
        try (Result result = session.runner().feed(inputNode, inputTensor).fetch(convolution).run()) {
            return ((TFloat32) result.get(0)).getFloat(0, 0, 0, 0);
        }
    }
}
