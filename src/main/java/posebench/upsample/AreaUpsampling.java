package posebench.upsample;

import java.util.List;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.ResizeArea;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

import posebench.maps.FeatureMaps;
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

    /**
     * The two resizes alone, in a graph and single-threaded session of their own: the upsampled
     * heatmaps and PAFs of {@code networkOutput} ([h, w, 57]).
     */
    public static List<FeatureMaps> run(FeatureMaps networkOutput, int height, int width) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1,
                    networkOutput.height(), networkOutput.width(), networkOutput.channels())));
            AreaUpsampling up = append(tf, in, height, width);
            ConfigProto oneThread = ConfigProto.newBuilder().setIntraOpParallelismThreads(1)
                    .setInterOpParallelismThreads(1).build();
            try (Session session = new Session(graph, oneThread);
                    TFloat32 tensor = networkOutput.toTensor();
                    Result result = session.runner().feed(in, tensor).fetch(up.heatmaps()).fetch(up.pafs()).run()) {
                return List.of(FeatureMaps.copyOf((TFloat32) result.get(0), 0),
                        FeatureMaps.copyOf((TFloat32) result.get(1), 0));
            }
        }
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
