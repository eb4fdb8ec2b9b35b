package posebench.peaks;

import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
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
    private final DetectorGraph graph;
    private Operand<TFloat32> smoothed;
    private Operand<TFloat32> peakMap;

    /** With TensorFlow's default thread pools, as tf-pose runs it. */
    public DepthwisePeakDetector(GaussianKernel kernel) {
        this.kernel = kernel;
        this.graph = new DetectorGraph(ConfigProto.getDefaultInstance());
    }

    /** With TensorFlow's intra-op and inter-op pools of {@code threads} threads each. */
    public DepthwisePeakDetector(GaussianKernel kernel, int threads) {
        this.kernel = kernel;
        this.graph = new DetectorGraph(DetectorGraph.pools(threads));
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
        Session session = graph.session(new int[] {maps.height(), maps.width(), maps.channels()}, tf -> {
            Operand<TFloat32> input = tf.withName(INPUT_OP).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(1, maps.height(), maps.width(), maps.channels())));
            smoothed = DepthwiseSmoothing.append(tf, input, maps.channels(), kernel);
            peakMap = MaxPoolPeaks.append(tf, smoothed);
        });
        try (TFloat32 input = maps.toTensor();
                Result result = session.runner().feed(INPUT_OP, input).fetch(peaks ? peakMap : smoothed).run()) {
            return FeatureMaps.copyOf((TFloat32) result.get(0), 0);
        }
    }

    @Override
    public void close() {
        graph.close();
    }
}
