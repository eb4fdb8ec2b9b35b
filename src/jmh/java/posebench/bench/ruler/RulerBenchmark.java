package posebench.bench.ruler;

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
 * The gate's rulers: a fixed 3x3 convolution on fixed data, computed by a plain Java loop and by a
 * TensorFlow Conv2D, so that {@code posebench gate} can tell a slower machine from slower code.
 * The Java ruler convolves 32x32x16 to 16 channels (1.0 ms here); at 64x64x32 it flipped within
 * one JVM between a fast and a 40 % slower mode. The TensorFlow ruler convolves
 * 64x64x32 to 32 channels (1 ms here), large enough that the session call's own overhead, which
 * jumped 2.4x between idle runs at the small size, is a small part of it. The Java loop is checked
 * against TensorFlow on the large convolution. Both must stay unchanged: editing them invalidates
 * every recorded baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// Three JVMs: one JVM's ruler can settle 40 % slower than the others (JIT and memory layout), and
// the gate's median over all three forks' iterations then follows the other two.
@Fork(3)
public class RulerBenchmark {

    private static final int KERNEL = 3;
    private static final long SEED = 20240611L;

    /** A VALID 3x3 convolution of a square NHWC input (batch 1) with an HWIO filter, on fixed data. */
    static final class Convolution {
        final int size;
        final int channels;
        final int outSize;
        /** NHWC input, batch 1. */
        final float[] input;
        /** HWIO filter, TensorFlow's Conv2D layout. */
        final float[] filter;
        final float[] output;

        Convolution(int size, int channels) {
            this.size = size;
            this.channels = channels;
            this.outSize = size - KERNEL + 1;
            SplittableRandom random = new SplittableRandom(SEED);
            input = new float[size * size * channels];
            for (int i = 0; i < input.length; i++) {
                input[i] = (float) (random.nextDouble() * 2 - 1);
            }
            filter = new float[KERNEL * KERNEL * channels * channels];
            for (int i = 0; i < filter.length; i++) {
                filter[i] = (float) (random.nextDouble() * 2 - 1);
            }
            output = new float[outSize * outSize * channels];
        }

        /** The convolution as a loop nest over HWC data; the innermost loop runs over output channels. */
        float[] compute() {
            for (int y = 0; y < outSize; y++) {
                for (int x = 0; x < outSize; x++) {
                    int out = (y * outSize + x) * channels;
                    Arrays.fill(output, out, out + channels, 0f);
                    for (int ky = 0; ky < KERNEL; ky++) {
                        for (int kx = 0; kx < KERNEL; kx++) {
                            int in = ((y + ky) * size + x + kx) * channels;
                            int w = (ky * KERNEL + kx) * channels * channels;
                            for (int ci = 0; ci < channels; ci++) {
                                float v = input[in + ci];
                                int row = w + ci * channels;
                                for (int co = 0; co < channels; co++) {
                                    output[out + co] += v * filter[row + co];
                                }
                            }
                        }
                    }
                }
            }
            return output;
        }
    }

    private final Convolution javaConvolution = new Convolution(32, 16);
    private final Convolution tfConvolution = new Convolution(64, 32);

    private Graph graph;
    private Session session;
    private TFloat32 inputTensor;
    private Placeholder<TFloat32> inputNode;
    private Conv2d<TFloat32> convolution;

    @Setup(Level.Trial)
    public void setUp() {
        Convolution c = tfConvolution;
        graph = new Graph();
        Ops tf = Ops.create(graph);
        inputNode = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, c.size, c.size, c.channels)));
        // The filter is a constant but the input is fed, so grappler cannot fold the convolution away.
        convolution = tf.nn.conv2d(inputNode,
                tf.constant(Shape.of(KERNEL, KERNEL, c.channels, c.channels), DataBuffers.of(c.filter)),
                List.of(1L, 1L, 1L, 1L), "VALID");
        // One thread each: the ruler measures the speed of a core, not how busy the other core is.
        session = new Session(graph, ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(1)
                .setInterOpParallelismThreads(1)
                .build());
        inputTensor = TFloat32.tensorOf(Shape.of(1, c.size, c.size, c.channels), DataBuffers.of(c.input));
        checkRulersAgree();
    }

    /** A fast wrong ruler must not pass: the Java loop has to compute TensorFlow's convolution. */
    private void checkRulersAgree() {
        Convolution c = tfConvolution;
        float[] expected = c.compute();
        try (Result result = session.runner().feed(inputNode, inputTensor).fetch(convolution).run()) {
            TFloat32 actual = (TFloat32) result.get(0);
            for (int y = 0; y < c.outSize; y++) {
                for (int x = 0; x < c.outSize; x++) {
                    for (int ch = 0; ch < c.channels; ch++) {
                        float want = expected[(y * c.outSize + x) * c.channels + ch];
                        float got = actual.getFloat(0, y, x, ch);
                        if (Math.abs(want - got) > 1e-3f) {
                            throw new IllegalStateException("ruler mismatch at (" + y + ", " + x + ", " + ch
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

    /** The small convolution in Java. */
    @Benchmark
    public float[] javaKernel() {
        return javaConvolution.compute();
    }

    /** The large convolution as one TensorFlow Conv2D session run on a fed input. */
    @Benchmark
    public float tfOp() {
        try (Result result = session.runner().feed(inputNode, inputTensor).fetch(convolution).run()) {
            return ((TFloat32) result.get(0)).getFloat(0, 0, 0, 0);
        }
    }
}
