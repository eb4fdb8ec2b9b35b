package posebench.peaks;

import posebench.options.Labelled;
import posebench.smoothing.GaussianKernel;

/**
 * The kinds of {@link PeakDetector} by the name of the {@code smoother} option that picks one;
 * each makes its detector for a kernel. All find tf-pose's peaks; only {@code separable} may
 * differ on float near-ties.
 */
public enum PeakDetectorKind implements Labelled {
    /** tf-pose's TensorFlow ops: depthwise convolution and 3x3 max-pool (the reference). */
    DEPTHWISE("depthwise"),
    /** Separable smoothing of every cell in Java, then the 3x3 max-pool test. */
    SEPARABLE("separable"),
    /** Separable smoothing only where a peak above 0.05 is possible; exact as the reference. */
    THRESHOLD("threshold"),
    /**
     * The threshold detector on the network output upsampled in Java where read (TensorFlow's
     * area arithmetic, no upsampled map stored), PAFs read where assembly needs them; the
     * estimator upsamples in the graph where the Java resize does not reproduce TensorFlow's.
     */
    FUSED("fused");

    private final String label;

    PeakDetectorKind(String label) {
        this.label = label;
    }

    /** The option value, as the pipeline's {@code --smoother} and the JMH {@code smoother} param spell it. */
    @Override
    public String label() {
        return label;
    }

    /** The kind called {@code name}; the error lists the valid names. */
    public static PeakDetectorKind named(String name) {
        return Labelled.lookup(PeakDetectorKind.class, "smoother", name);
    }

    /** A detector for {@code kernel}: TensorFlow's default pools, or all processors for the Java ones. */
    public PeakDetector detector(GaussianKernel kernel) {
        return this == DEPTHWISE ? new DepthwisePeakDetector(kernel)
                : detector(kernel, Runtime.getRuntime().availableProcessors());
    }

    /** A detector for {@code kernel} that runs on {@code threads} threads (TensorFlow's pools included). */
    public PeakDetector detector(GaussianKernel kernel, int threads) {
        return switch (this) {
            case DEPTHWISE -> new DepthwisePeakDetector(kernel, threads);
            case SEPARABLE -> new SeparablePeakDetector(kernel, threads);
            case THRESHOLD, FUSED -> new ThresholdPeakDetector(kernel, threads);
        };
    }
}
