package posebench.zoo;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

import posebench.zoo.NetworkBuilder.Layer;

/**
 * The CMU OpenPose network (Cao et al., CVPR 2017) as tf-pose-estimation lays it out: VGG-19
 * front end to {@code conv4_4_CPM}, then six stages of two branches, L1 (38 PAF channels) and L2
 * (19 heatmap channels), each later stage reading its predecessor's outputs and the features.
 *
 * <p>Layers are named as in tf-pose ({@code conv1_1} ... {@code conv4_4_CPM},
 * {@code conv5_1_CPM_L1}, {@code Mconv1_stage2_L1}, ...); a layer holds constants
 * {@code weights} and {@code biases} and ops {@code Conv2D}, {@code BiasAdd} and, except for a
 * stage's output layer, {@code Relu}.
 */
final class CmuNetwork {

    private CmuNetwork() {
    }

    static GraphDef build(long seed) {
        try (NetworkBuilder builder = new NetworkBuilder(seed)) {
            Layer root = builder.root();
            Operand<TFloat32> image = builder.image(ModelZoo.INPUT);
            // tf-pose's normalize_vgg: image / 256 - 0.5.
            Operand<TFloat32> x = builder.subtract(root, "preprocess_subtract",
                    builder.divide(root, "preprocess_divide", image, 256f), 0.5f);

            x = conv(builder, "conv1_1", x, 3, 64);
            x = conv(builder, "conv1_2", x, 3, 64);
            x = builder.maxPool(root, "pool1_stage1", x, "VALID");
            x = conv(builder, "conv2_1", x, 3, 128);
            x = conv(builder, "conv2_2", x, 3, 128);
            x = builder.maxPool(root, "pool2_stage1", x, "VALID");
            for (int i = 1; i <= 4; i++) {
                x = conv(builder, "conv3_" + i, x, 3, 256);
            }
            x = builder.maxPool(root, "pool3_stage1", x, "VALID");
            x = conv(builder, "conv4_1", x, 3, 512);
            x = conv(builder, "conv4_2", x, 3, 512);
            x = conv(builder, "conv4_3_CPM", x, 3, 256);
            Operand<TFloat32> features = conv(builder, "conv4_4_CPM", x, 3, 128);

            Operand<TFloat32> pafs = firstStageBranch(builder, features, Branch.PAFS);
            Operand<TFloat32> heatmaps = firstStageBranch(builder, features, Branch.HEATMAPS);
            for (int stage = 2; stage <= 6; stage++) {
                Operand<TFloat32> input = builder.concat(root, "concat_stage" + stage,
                        List.of(pafs, heatmaps, features));
                pafs = refinementBranch(builder, input, stage, Branch.PAFS);
                heatmaps = refinementBranch(builder, input, stage, Branch.HEATMAPS);
            }
            builder.concat(root.sub("Openpose"), "concat_stage7", List.of(heatmaps, pafs));
            return builder.toGraphDef();
        }
    }

    private static Operand<TFloat32> firstStageBranch(NetworkBuilder builder, Operand<TFloat32> features,
            Branch branch) {
        Operand<TFloat32> x = features;
        for (int i = 1; i <= 3; i++) {
            x = conv(builder, "conv5_" + i + "_CPM_" + branch.suffix, x, 3, 128);
        }
        x = conv(builder, "conv5_4_CPM_" + branch.suffix, x, 1, 512);
        return output(builder, "conv5_5_CPM_" + branch.suffix, x, branch);
    }

    private static Operand<TFloat32> refinementBranch(NetworkBuilder builder, Operand<TFloat32> input, int stage,
            Branch branch) {
        String suffix = "_stage" + stage + "_" + branch.suffix;
        Operand<TFloat32> x = input;
        for (int i = 1; i <= 5; i++) {
            x = conv(builder, "Mconv" + i + suffix, x, 7, 128);
        }
        x = conv(builder, "Mconv6" + suffix, x, 1, 128);
        return output(builder, "Mconv7" + suffix, x, branch);
    }

    /** Convolution, zero biases, ReLU. */
    private static Operand<TFloat32> conv(NetworkBuilder builder, String name, Operand<TFloat32> input, int kernel,
            int outChannels) {
        Layer layer = builder.root().sub(name);
        Operand<TFloat32> x = builder.conv2d(layer, input, kernel, outChannels, 1, NetworkBuilder.RELU_GAIN);
        return builder.relu(layer, builder.biasAdd(layer, x, new float[outChannels]));
    }

    /** A stage's linear 1x1 output convolution. */
    private static Operand<TFloat32> output(NetworkBuilder builder, String name, Operand<TFloat32> input,
            Branch branch) {
        Layer layer = builder.root().sub(name);
        Operand<TFloat32> x = builder.conv2d(layer, input, 1, branch.channels, 1, NetworkBuilder.OUTPUT_GAIN);
        return builder.biasAdd(layer, x, branch.outputBias());
    }
}
