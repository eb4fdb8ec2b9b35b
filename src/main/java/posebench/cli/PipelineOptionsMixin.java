package posebench.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import posebench.estimator.InferenceEngine;
import posebench.estimator.PipelineOptions;
import posebench.onnx.OrtSettings;
import posebench.peaks.PeakDetectorKind;

/** The pipeline's options on the command line, with tf-pose's defaults. */
public final class PipelineOptionsMixin {

    @Mixin
    InputSizeOption resize;

    @Option(names = "--resize-out-ratio", defaultValue = "4.0",
            description = "Upsampling ratio of the network output (default: ${DEFAULT-VALUE}).")
    double resizeOutRatio;

    @Option(names = "--filter-size", defaultValue = "25", description = "Gaussian kernel size (default: ${DEFAULT-VALUE}).")
    int filterSize;

    @Option(names = "--sigma", defaultValue = "3.0", description = "Gaussian sigma (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--smoother", defaultValue = "fused",
            description = "Smoothing and peak finding: depthwise (tf-pose's TF ops), separable or threshold"
                    + " (Java implementations), or fused (threshold, with upsampling and PAF sampling in Java"
                    + " from the raw network output) (default: ${DEFAULT-VALUE}).")
    String smoother;

    @Option(names = "--no-ipp", description = "Resize as an OpenCV built without Intel IPP does (Debian's"
            + " python3-opencv, the reference outputs' build) instead of with IPP (pip's opencv-python, the default).")
    boolean noIpp;

    @Option(names = "--runtime", defaultValue = "tf",
            description = "Runtime of the network: tf (TensorFlow) or onnx (ONNX Runtime on the graph converted"
                    + " to ONNX; post-processing unchanged) (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--ort-threads", defaultValue = "0",
            description = "ONNX Runtime intra-op threads, 0 for ORT's choice (default: ${DEFAULT-VALUE}).")
    int ortThreads;

    @Option(names = "--ort-optimization", defaultValue = "all",
            description = "ONNX Runtime graph optimisation: disable, basic, extended or all (default: ${DEFAULT-VALUE}).")
    String ortOptimization;

    @Option(names = "--ort-saved", description = "Run ORT's saved optimised model (the compiled form) rather than"
            + " optimising the converted model at session start.")
    boolean ortSaved;

    public PipelineOptions options() {
        InputSizeOption.InputSize size = resize.size();
        return new PipelineOptions(size.width(), size.height(), resizeOutRatio, filterSize, sigma, PeakDetectorKind.named(smoother),
                !noIpp, InferenceEngine.parse(runtime));
    }

    /** How ONNX Runtime runs the network when {@code --runtime onnx}. */
    public OrtSettings ortSettings() {
        return new OrtSettings(ortThreads, OrtSettings.Optimization.parse(ortOptimization), ortSaved);
    }
}
