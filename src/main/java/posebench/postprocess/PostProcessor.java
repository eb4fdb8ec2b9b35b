package posebench.postprocess;

import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import posebench.maps.FeatureMaps;
import posebench.maps.MapView;
import posebench.model.PoseModel;
import posebench.paf.PafAssembler;
import posebench.peaks.PeakList;
import posebench.peaks.ThresholdPeakDetector;
import posebench.pose.CocoPart;
import posebench.pose.Human;
import posebench.pose.Limb;
import posebench.smoothing.GaussianKernel;
import posebench.upsample.AreaResize;

/**
 * Stages 4-7 in Java, from the raw network output ([h, w, 57]) to humans, without storing any
 * upsampled map: heatmaps and PAFs are {@link AreaResize} views (TensorFlow's area resize,
 * computed where read), the threshold detector reads the 18 part channels once into its planes,
 * and PAF assembly reads the PAF cells along each candidate limb. Its humans equal those of the
 * graph's upsampling followed by the same detector wherever {@link #appliesTo} holds.
 * Thread-safe: each call borrows an idle detector.
 */
public final class PostProcessor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PostProcessor.class.getName());

    private final int heatmapHeight;
    private final int heatmapWidth;
    private final GaussianKernel kernel;
    private final int threads;
    private final Deque<ThresholdPeakDetector> idle = new ConcurrentLinkedDeque<>();
    private final PafAssembler assembler = new PafAssembler();
    /** The resize of the last output size seen; outputs rarely change size. */
    private volatile AreaResize resize;
    private volatile boolean warned;

    /**
     * @param heatmapHeight upsampled height, tf-pose's {@code int(H / 8 * ratio)}
     * @param heatmapWidth  upsampled width
     * @param threads       threads of each peak detector (channels in parallel); 1 for none
     */
    public PostProcessor(int heatmapHeight, int heatmapWidth, GaussianKernel kernel, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.heatmapHeight = heatmapHeight;
        this.heatmapWidth = heatmapWidth;
        this.kernel = kernel;
        this.threads = threads;
    }

    /**
     * Whether this Java upsampling reproduces the running TensorFlow's area resize on network
     * outputs of this size (checked once per size); where it does not, the caller must upsample
     * in the graph, and this says so once in the log.
     */
    public boolean appliesTo(int outputHeight, int outputWidth) {
        boolean applies = resizeFor(outputHeight, outputWidth).matchesTensorFlow();
        if (!applies && !warned) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, "the Java area resize differs from this TensorFlow's ResizeArea for "
                    + outputHeight + "x" + outputWidth + " -> " + heatmapHeight + "x" + heatmapWidth
                    + ": upsampling in TensorFlow instead");
        }
        return applies;
    }

    /** Upsampling, smoothing, peaks and PAF assembly of one raw network output. */
    public List<Human> humans(FeatureMaps networkOutput) {
        AreaResize r = checkedResize(networkOutput);
        MapView pafs = r.view(networkOutput, CocoPart.HEATMAP_CHANNELS, Limb.PAF_CHANNELS);
        return assembler.assemble(peaks(r, networkOutput), pafs);
    }

    /** The peaks of the upsampled heatmaps of one raw network output. */
    public PeakList peaks(FeatureMaps networkOutput) {
        return peaks(checkedResize(networkOutput), networkOutput);
    }

    private PeakList peaks(AreaResize r, FeatureMaps networkOutput) {
        ThresholdPeakDetector detector = idle.poll();
        if (detector == null) {
            detector = new ThresholdPeakDetector(kernel, threads);
        }
        try {
            return detector.detect(r.view(networkOutput, 0, CocoPart.HEATMAP_CHANNELS));
        } finally {
            idle.push(detector);
        }
    }

    private AreaResize checkedResize(FeatureMaps networkOutput) {
        if (networkOutput.channels() != PoseModel.OUTPUT_CHANNELS) {
            throw new IllegalArgumentException("network output has " + networkOutput.channels() + " channels, expected "
                    + PoseModel.OUTPUT_CHANNELS + " (19 heatmaps and 38 PAFs)");
        }
        AreaResize r = resizeFor(networkOutput.height(), networkOutput.width());
        if (!r.matchesTensorFlow()) {
            throw new IllegalStateException("the Java area resize differs from TensorFlow's for "
                    + networkOutput.height() + "x" + networkOutput.width() + " -> " + heatmapHeight + "x" + heatmapWidth
                    + "; check appliesTo() first");
        }
        return r;
    }

    private AreaResize resizeFor(int outputHeight, int outputWidth) {
        AreaResize r = resize;
        if (r == null || r.inHeight() != outputHeight || r.inWidth() != outputWidth) {
            r = new AreaResize(outputHeight, outputWidth, heatmapHeight, heatmapWidth);
            resize = r;
        }
        return r;
    }

    /** Frees the detectors' thread pools. */
    @Override
    public void close() {
        idle.forEach(ThresholdPeakDetector::close);
        idle.clear();
    }
}
