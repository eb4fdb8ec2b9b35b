package posebench.cli;

import picocli.CommandLine.Option;

import posebench.estimator.PipelineOptions;
import posebench.smoothing.Smoother;

/** The pipeline's options on the command line, with tf-pose's defaults. */
public final class PipelineOptionsMixin {

    @Option(names = "--resize", defaultValue = "432x368", description = "Network input size WxH (default: ${DEFAULT-VALUE}).")
    String resize;

    @Option(names = "--resize-out-ratio", defaultValue = "4.0",
            description = "Upsampling ratio of the network output (default: ${DEFAULT-VALUE}).")
    double resizeOutRatio;

    @Option(names = "--filter-size", defaultValue = "25", description = "Gaussian kernel size (default: ${DEFAULT-VALUE}).")
    int filterSize;

    @Option(names = "--sigma", defaultValue = "3.0", description = "Gaussian sigma (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--smoother", defaultValue = "depthwise",
            description = "Smoothing and peak finding: depthwise (tf-pose's TF ops), separable or threshold"
                    + " (Java implementations), or fused (threshold, with upsampling and PAF sampling in Java"
                    + " from the raw network output) (default: ${DEFAULT-VALUE}).")
    String smoother;

    public PipelineOptions options() {
        int[] size = PipelineOptions.parseSize(resize);
        return new PipelineOptions(size[0], size[1], resizeOutRatio, filterSize, sigma, Smoother.named(smoother));
    }
}
