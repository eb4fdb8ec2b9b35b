package posebench.estimator;

import posebench.smoothing.GaussianKernel;
import posebench.peaks.PeakDetectorKind;

/**
 * The knobs of tf-pose's pipeline: network input size, how it is resized, upsampling ratio of the
 * network output, the Gaussian smoothing kernel and the smoother that applies it, and the runtime
 * that runs the network. Defaults are tf-pose's: 432x368, 4.0, filter 25, sigma 3, OpenCV's resize with Intel IPP as pip's opencv-python runs it, TensorFlow.
 *
 * @param ipp whether the bicubic resize may use Intel IPP's code (pip's opencv-python) or must
 *            compute as an OpenCV built without IPP does (Debian's python3-opencv): the two differ
 *            by one in about 1-4 % of the input values
 * @param runtime the inference runtime of the network: TensorFlow or ONNX Runtime
 */
public record PipelineOptions(int targetWidth, int targetHeight, double resizeOutRatio, int filterSize, double sigma,
                              PeakDetectorKind smoother, boolean ipp, InferenceEngine runtime) {

    /** tf-pose's network input size, as options and JMH params spell it. */
    public static final String DEFAULT_SIZE = "432x368";

    public static final PipelineOptions DEFAULTS = new PipelineOptions(parseSize(DEFAULT_SIZE)[0],
            parseSize(DEFAULT_SIZE)[1], 4.0, 25, 3.0);

    /**
     * Options with the fused smoother: post-processing in Java from the raw network output, with
     * the peaks and humans of tf-pose's depthwise convolution bit for bit (docs/postprocessing.md).
     */
    public PipelineOptions(int targetWidth, int targetHeight, double resizeOutRatio, int filterSize, double sigma) {
        this(targetWidth, targetHeight, resizeOutRatio, filterSize, sigma, PeakDetectorKind.FUSED);
    }

    /** Options that resize with IPP, OpenCV's default. */
    public PipelineOptions(int targetWidth, int targetHeight, double resizeOutRatio, int filterSize, double sigma,
                           PeakDetectorKind smoother) {
        this(targetWidth, targetHeight, resizeOutRatio, filterSize, sigma, smoother, true);
    }

    /** Options with the network on TensorFlow. */
    public PipelineOptions(int targetWidth, int targetHeight, double resizeOutRatio, int filterSize, double sigma,
                           PeakDetectorKind smoother, boolean ipp) {
        this(targetWidth, targetHeight, resizeOutRatio, filterSize, sigma, smoother, ipp, InferenceEngine.TF);
    }

    public PipelineOptions {
        java.util.Objects.requireNonNull(smoother, "smoother");
        java.util.Objects.requireNonNull(runtime, "runtime");
        if (targetWidth < 8 || targetHeight < 8) {
            throw new IllegalArgumentException("target size must be at least 8x8 (the network's stride), got "
                    + targetWidth + "x" + targetHeight);
        }
        if (!(resizeOutRatio > 0) || Double.isInfinite(resizeOutRatio)) {
            throw new IllegalArgumentException("resize-out ratio must be positive, got " + resizeOutRatio);
        }
        if (filterSize < 1) {
            throw new IllegalArgumentException("filter size must be at least 1, got " + filterSize);
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        }
        if (heatmapHeight(targetHeight, resizeOutRatio) < 1 || heatmapWidth(targetWidth, resizeOutRatio) < 1) {
            throw new IllegalArgumentException("resize-out ratio " + resizeOutRatio + " gives an empty heatmap at "
                    + targetWidth + "x" + targetHeight);
        }
    }

    /** Parses {@code WxH}, e.g. {@code 432x368}. */
    public static int[] parseSize(String size) {
        String[] parts = size.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // Reported below with the expected form.
        }
        throw new IllegalArgumentException("size '" + size + "' is not of the form WIDTHxHEIGHT, e.g. 432x368");
    }

    public PipelineOptions withTargetSize(int width, int height) {
        return new PipelineOptions(width, height, resizeOutRatio, filterSize, sigma, smoother, ipp, runtime);
    }

    public PipelineOptions withResizeOutRatio(double ratio) {
        return new PipelineOptions(targetWidth, targetHeight, ratio, filterSize, sigma, smoother, ipp, runtime);
    }

    public PipelineOptions withFilterSize(int size) {
        return new PipelineOptions(targetWidth, targetHeight, resizeOutRatio, size, sigma, smoother, ipp, runtime);
    }

    public PipelineOptions withSmoother(PeakDetectorKind s) {
        return new PipelineOptions(targetWidth, targetHeight, resizeOutRatio, filterSize, sigma, s, ipp, runtime);
    }

    /** The same options resizing with IPP ({@code true}) or as OpenCV without IPP ({@code false}). */
    public PipelineOptions withIpp(boolean useIpp) {
        return new PipelineOptions(targetWidth, targetHeight, resizeOutRatio, filterSize, sigma, smoother, useIpp,
                runtime);
    }

    public PipelineOptions withRuntime(InferenceEngine engine) {
        return new PipelineOptions(targetWidth, targetHeight, resizeOutRatio, filterSize, sigma, smoother, ipp, engine);
    }

    /** The smoothing kernel these options ask for. */
    public GaussianKernel kernel() {
        return new GaussianKernel(filterSize, sigma);
    }

    public PipelineOptions withSigma(double s) {
        return new PipelineOptions(targetWidth, targetHeight, resizeOutRatio, filterSize, s, smoother, ipp, runtime);
    }

    /** Upsampled heatmap height, tf-pose's {@code int(H / 8 * ratio)}. */
    public int heatmapHeight() {
        return heatmapHeight(targetHeight, resizeOutRatio);
    }

    /** Upsampled heatmap width, tf-pose's {@code int(W / 8 * ratio)}. */
    public int heatmapWidth() {
        return heatmapWidth(targetWidth, resizeOutRatio);
    }

    private static int heatmapHeight(int targetHeight, double ratio) {
        return (int) (targetHeight / 8.0 * ratio);
    }

    private static int heatmapWidth(int targetWidth, double ratio) {
        return (int) (targetWidth / 8.0 * ratio);
    }
}
