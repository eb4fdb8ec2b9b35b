package posebench.model;

import java.util.Arrays;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/** A minimal frozen graph with OpenPose's contract: stride-8 pooling and a 1x1 convolution to N channels. */
public final class TinyPoseGraph {

    private TinyPoseGraph() {
    }

    public static GraphDef withChannels(int channels) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            Operand<TFloat32> pooled = tf.nn.avgPool(image, Arrays.asList(1L, 8L, 8L, 1L),
                    Arrays.asList(1L, 8L, 8L, 1L), "VALID");
            float[] weights = new float[3 * channels];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (i % 7) / 2000f;
            }
            Operand<TFloat32> kernel = tf.constant(Shape.of(1, 1, 3, channels), DataBuffers.of(weights, true, false));
            Operand<TFloat32> conv = tf.nn.conv2d(pooled, kernel, Arrays.asList(1L, 1L, 1L, 1L), "SAME");
            tf.withSubScope("Openpose").withName("concat_stage7").identity(conv);
            return graph.toGraphDef();
        }
    }
}
