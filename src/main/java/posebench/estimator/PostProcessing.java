package posebench.estimator;

import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import posebench.maps.FeatureMaps;
import posebench.peaks.MaxPoolPeaks;
import posebench.peaks.PeakDetectorKind;
import posebench.pose.CocoPart;
import posebench.smoothing.DepthwiseSmoothing;
import posebench.upsample.AreaUpsampling;

/**
 * The post-processing ops after the network in a TensorFlow graph: the finite check of the raw
 * output, upsampling, and with the depthwise smoother also smoothing and the peak map.
 *
 * @param networkOutput the raw output, checked for NaN and infinities
 * @param peakMap the in-graph peak map of the depthwise smoother, or null when a Java detector finds the peaks
 */
record PostProcessing(Operand<TFloat32> networkOutput, Operand<TFloat32> heatmaps, Operand<TFloat32> pafs,
                      Operand<TFloat32> peakMap) {

    /** Appends the ops to {@code tf}'s graph after {@code rawOutput}, a {@code [N, H/8, W/8, 57]} tensor. */
    static PostProcessing append(Ops tf, Operand<TFloat32> rawOutput, PipelineOptions options) {
        Operand<TFloat32> checked = tf.withName(PoseEstimator.NUMERICS_OP).debugging.checkNumerics(rawOutput,
                "network output");
        AreaUpsampling upsampled = AreaUpsampling.append(tf, checked, options.heatmapHeight(), options.heatmapWidth());
        Operand<TFloat32> peakMap = null;
        if (options.smoother() == PeakDetectorKind.DEPTHWISE) {
            Operand<TFloat32> smoothed = DepthwiseSmoothing.append(tf, upsampled.heatmaps(), CocoPart.HEATMAP_CHANNELS,
                    options.kernel());
            peakMap = MaxPoolPeaks.append(tf, smoothed);
        }
        return new PostProcessing(checked, upsampled.heatmaps(), upsampled.pafs(), peakMap);
    }

    /** Adds the fetches of detection: heatmaps, PAFs and, in the graph, the peak map. */
    Session.Runner fetchDetections(Session.Runner runner) {
        runner.fetch(heatmaps).fetch(pafs);
        return peakMap == null ? runner : runner.fetch(peakMap);
    }

    /** Batch element {@code index} of what a run fetched as {@code fetched}, looked up by its name. */
    static FeatureMaps read(Result result, Operand<TFloat32> fetched, int index) {
        String name = fetched.asOutput().name();
        return FeatureMaps.copyOf((TFloat32) result.get(name).orElseThrow(() -> new IllegalStateException(
                "the session run did not fetch " + name + ", only " + result.keySet())), index);
    }
}
