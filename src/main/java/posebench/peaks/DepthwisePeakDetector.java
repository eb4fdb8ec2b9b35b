package posebench.peaks;

import java.util.Arrays;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

import posebench.maps.FeatureMaps;
import posebench.smoothing.DepthwiseSmoothing;
import posebench.smoothing.GaussianKernel;

/**
 * The reference detector: tf-pose's TensorFlow ops ({@link DepthwiseSmoothing} on all channels,
 * then {@link MaxPoolPeaks}) in a graph of its own, built once per map shape.
 */
public final class DepthwisePeakDetector implements PeakDetector {

    private static final String INPUT_OP = "heatmaps";

    private final GaussianKernel kernel;
    private final ConfigProto config;
    private Graph graph;
    private Session session;
    private Operand<TFloat32> smoothed;
    private Operand<TFloat32> peakMap;
    /** The [height, width, channels] the current graph was built for; null before the first run. */
    private int[] shape;

    /** With TensorFlow's default thread pools, as tf-pose runs it. */
    public DepthwisePeakDetector(GaussianKernel kernel) {
        this.kernel = kernel;
        this.config = ConfigProto.getDefaultInstance();
    }

    /** With TensorFlow's intra-op and inter-op pools of {@code threads} threads each. */
    public DepthwisePeakDetector(GaussianKernel kernel, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.kernel = kernel;
        this.config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(threads)
                .build();
    }

    @Override
    public PeakList detect(FeatureMaps heatmaps) {
        PeakDetector.requirePartChannels(heatmaps);
        return PeakList.fromPeakMap(run(heatmaps, true), heatmaps);
    }

    /** The smoothed maps as TensorFlow's {@code smoothing/depthwise} computes them, all channels. */
    public FeatureMaps smooth(FeatureMaps heatmaps) {
        return run(heatmaps, false);
    }

    private FeatureMaps run(FeatureMaps maps, boolean peaks) {
        prepare(maps);
        try (TFloat32 input = maps.toTensor();
                Result result = session.runner().feed(INPUT_OP, input).fetch(peaks ? peakMap : smoothed).run()) {
            return FeatureMaps.copyOf((TFloat32) result.get(0), 0);
        }
    }

    /** Builds the graph for the shape of {@code maps} unless the current one already fits. */
    private void prepare(FeatureMaps maps) {
        int[] wanted = {maps.height(), maps.width(), maps.channels()};
        if (Arrays.equals(shape, wanted)) {
            return;
        }
        close();
        graph = new Graph();
        Ops tf = Ops.create(graph);
        Operand<TFloat32> input = tf.withName(INPUT_OP).placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(1, maps.height(), maps.width(), maps.channels())));
        smoothed = DepthwiseSmoothing.append(tf, input, maps.channels(), kernel);
        peakMap = MaxPoolPeaks.append(tf, smoothed);
        session = new Session(graph, config);
        shape = wanted;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
        if (graph != null) {
            graph.close();
            graph = null;
        }
        shape = null;
    }
}
